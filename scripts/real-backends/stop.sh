#!/usr/bin/env bash
# Stops programs that start.sh started, by the pids recorded in its state folder.
#
# Usage: stop.sh [-d STATE_DIR] [-s SIGNAL] [PROGRAM...]
#   STATE_DIR: default $DUAL_EXPORT_REAL_BACKENDS_STATE
#   SIGNAL:    TERM (default), or KILL to simulate a crash
#   PROGRAM:   default every program with a pid file there
# The state folder, data included, stays: start.sh -d STATE_DIR PROGRAM starts a program
# again on its former port and data; remove the folder when done with it.
set -euo pipefail

STATE=${DUAL_EXPORT_REAL_BACKENDS_STATE:-}
SIGNAL=TERM
while [ $# -gt 0 ]; do
	case $1 in
	-d) STATE=$2; shift 2 ;;
	-s) SIGNAL=$2; shift 2 ;;
	*) break ;;
	esac
done
[ -n "$STATE" ] && [ -d "$STATE" ] || {
	echo "stop.sh: no state folder: pass -d STATE_DIR or set DUAL_EXPORT_REAL_BACKENDS_STATE" >&2
	exit 2
}
if [ $# -eq 0 ]; then
	for pidfile in "$STATE"/*.pid; do
		[ -e "$pidfile" ] && set -- "$@" "$(basename "$pidfile" .pid)"
	done
fi

for program in "$@"; do
	pidfile="$STATE/$program.pid"
	[ -s "$pidfile" ] || continue
	pid=$(cat "$pidfile")
	if kill "-$SIGNAL" "$pid" 2>/dev/null; then
		# wait until it is gone, so its port and data folder are free again
		for _ in $(seq 1 150); do
			kill -0 "$pid" 2>/dev/null || break
			sleep 0.1
		done
		if kill -0 "$pid" 2>/dev/null; then
			kill -KILL "$pid" 2>/dev/null || true
			sleep 0.2
		fi
		echo "ok   $program stopped (pid $pid, SIG$SIGNAL)" >&2
	fi
	rm -f "$pidfile"
done
