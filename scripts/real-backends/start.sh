#!/usr/bin/env bash
# Starts real backends installed by install.sh on free loopback ports, each with its
# storage in a state folder, and prints 'export NAME=value' lines naming their URLs (so
# eval "$(start.sh ...)" sets them). A program started again in the same state folder
# gets its former port and data back: that is how a test restarts a backend after an
# outage.
#
# Usage: start.sh [-d STATE_DIR] PROGRAM...
#   PROGRAM: victoria-metrics, victoria-logs, jaeger, or otelcol=CONFIG_FILE (a Collector
#            configuration such as /actuator/collectorconfig writes; its OTLP receiver is
#            moved to free loopback ports)
#   STATE_DIR: default $DUAL_EXPORT_REAL_BACKENDS_STATE, else a new temporary folder
#
# Printed: DUAL_EXPORT_REAL_BACKENDS_STATE, and per program
#   victoria-metrics  VICTORIA_METRICS_URL
#   victoria-logs     VICTORIA_LOGS_URL
#   jaeger            JAEGER_OTLP_HTTP_URL, JAEGER_OTLP_GRPC_URL, JAEGER_QUERY_URL
#   otelcol           OTELCOL_OTLP_HTTP_URL, OTELCOL_OTLP_GRPC_URL
# Each program's pid, ports and log are files in the state folder; stop.sh stops them.
set -euo pipefail

BIN=${DUAL_EXPORT_REAL_BACKENDS_BIN:-${XDG_CACHE_HOME:-$HOME/.cache}/dual-export/real-backends/bin}
STATE=${DUAL_EXPORT_REAL_BACKENDS_STATE:-}
if [ "${1:-}" = -d ]; then
	STATE=$2
	shift 2
fi
[ $# -gt 0 ] || {
	echo "usage: start.sh [-d STATE_DIR] victoria-metrics|victoria-logs|jaeger|otelcol=CONFIG..." >&2
	exit 2
}
if [ -z "$STATE" ]; then
	STATE=$(mktemp -d "${TMPDIR:-/tmp}/dual-export-real-backends.XXXXXX")
fi
mkdir -p "$STATE"
STATE=$(cd "$STATE" && pwd)
echo "export DUAL_EXPORT_REAL_BACKENDS_STATE=$STATE"

log() {
	echo "$*" >&2
}

fail() {
	log "start.sh: $*"
	exit 1
}

# in_use PORT: something accepts connections on 127.0.0.1:PORT
in_use() {
	(exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null
}

# port NAME: the port recorded for NAME in the state folder, else a free one, recorded
port() {
	if [ ! -s "$STATE/$1.port" ]; then
		local candidate
		while :; do
			candidate=$((20000 + RANDOM % 30000))
			in_use "$candidate" || grep -qx "$candidate" "$STATE"/*.port 2>/dev/null || break
		done
		echo "$candidate" >"$STATE/$1.port"
	fi
	cat "$STATE/$1.port"
}

# launch NAME URL COMMAND...: starts COMMAND in the background, records its pid and waits
# until URL answers over HTTP, whatever the status (60 s at most)
launch() {
	local name=$1 health=$2
	shift 2
	[ -x "$1" ] || fail "$1 is missing: run scripts/real-backends/install.sh first"
	if [ -s "$STATE/$name.pid" ] && kill -0 "$(cat "$STATE/$name.pid")" 2>/dev/null; then
		fail "$name already runs in $STATE (pid $(cat "$STATE/$name.pid"))"
	fi
	nohup "$@" >>"$STATE/$name.log" 2>&1 </dev/null &
	local pid=$!
	echo "$pid" >"$STATE/$name.pid"
	local deadline=$(($(date +%s) + 60))
	until curl -sS -o /dev/null "$health" 2>/dev/null; do
		if ! kill -0 "$pid" 2>/dev/null; then
			tail -n 20 "$STATE/$name.log" >&2
			fail "$name exited at startup (log: $STATE/$name.log)"
		fi
		[ "$(date +%s)" -lt "$deadline" ] || fail "$name did not answer $health within 60s (log: $STATE/$name.log)"
		sleep 0.2
	done
	log "ok   $name runs (pid $pid, log $STATE/$name.log)"
}

start_victoria_metrics() {
	local port
	port=$(port victoria-metrics)
	# -search.latencyOffset=0s: samples are queryable as soon as they arrive;
	# -inmemoryDataFlushInterval=1s: on disk a second later, so a crash loses little
	launch victoria-metrics "http://127.0.0.1:$port/health" "$BIN/victoria-metrics" \
		-httpListenAddr="127.0.0.1:$port" -storageDataPath="$STATE/victoria-metrics-data" \
		-search.latencyOffset=0s -search.disableCache -inmemoryDataFlushInterval=1s -retentionPeriod=1d
	echo "export VICTORIA_METRICS_URL=http://127.0.0.1:$port"
}

start_victoria_logs() {
	local port
	port=$(port victoria-logs)
	launch victoria-logs "http://127.0.0.1:$port/health" "$BIN/victoria-logs" \
		-httpListenAddr="127.0.0.1:$port" -storageDataPath="$STATE/victoria-logs-data" -inmemoryDataFlushInterval=1s -retentionPeriod=1d
	echo "export VICTORIA_LOGS_URL=http://127.0.0.1:$port"
}

start_jaeger() {
	local grpc http query query_grpc
	grpc=$(port jaeger-otlp-grpc)
	http=$(port jaeger-otlp-http)
	query=$(port jaeger-query)
	query_grpc=$(port jaeger-query-grpc)
	# In-memory storage, OTLP in, query API out: all-in-one without its fixed ports
	cat >"$STATE/jaeger.yaml" <<YAML
service:
  extensions: [jaeger_storage, jaeger_query]
  pipelines:
    traces:
      receivers: [otlp]
      processors: [batch]
      exporters: [jaeger_storage_exporter]
  telemetry:
    metrics:
      level: none
    logs:
      level: warn
extensions:
  jaeger_storage:
    backends:
      memory_storage:
        memory:
          max_traces: 100000
  jaeger_query:
    storage:
      traces: memory_storage
    http:
      endpoint: 127.0.0.1:$query
    grpc:
      endpoint: 127.0.0.1:$query_grpc
receivers:
  otlp:
    protocols:
      grpc:
        endpoint: 127.0.0.1:$grpc
      http:
        endpoint: 127.0.0.1:$http
processors:
  batch:
    timeout: 200ms
exporters:
  jaeger_storage_exporter:
    trace_storage: memory_storage
YAML
	launch jaeger "http://127.0.0.1:$query/api/services" "$BIN/jaeger" --config "file:$STATE/jaeger.yaml"
	echo "export JAEGER_OTLP_HTTP_URL=http://127.0.0.1:$http"
	echo "export JAEGER_OTLP_GRPC_URL=http://127.0.0.1:$grpc"
	echo "export JAEGER_QUERY_URL=http://127.0.0.1:$query"
}

start_otelcol() {
	local config=$1 grpc http
	[ -f "$config" ] || fail "no Collector configuration at $config"
	grpc=$(port otelcol-otlp-grpc)
	http=$(port otelcol-otlp-http)
	# Merged over the given configuration: loopback ports instead of 4317/4318, no
	# self-metrics port
	cat >"$STATE/otelcol-ports.yaml" <<YAML
receivers:
  otlp:
    protocols:
      grpc:
        endpoint: 127.0.0.1:$grpc
      http:
        endpoint: 127.0.0.1:$http
service:
  telemetry:
    metrics:
      level: none
YAML
	cp "$config" "$STATE/otelcol.yaml"
	launch otelcol "http://127.0.0.1:$http/v1/traces" "$BIN/otelcol" \
		--config "file:$STATE/otelcol.yaml" --config "file:$STATE/otelcol-ports.yaml"
	echo "export OTELCOL_OTLP_HTTP_URL=http://127.0.0.1:$http"
	echo "export OTELCOL_OTLP_GRPC_URL=http://127.0.0.1:$grpc"
}

for program in "$@"; do
	case $program in
	victoria-metrics) start_victoria_metrics ;;
	victoria-logs) start_victoria_logs ;;
	jaeger) start_jaeger ;;
	otelcol=*) start_otelcol "${program#otelcol=}" ;;
	*) fail "unknown program '$program' (victoria-metrics, victoria-logs, jaeger, otelcol=CONFIG)" ;;
	esac
done
