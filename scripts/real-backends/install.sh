#!/usr/bin/env bash
# Installs the real backends the end-to-end tests run against, from the Go module proxy
# only: VictoriaMetrics, VictoriaLogs, Jaeger (traces: no VictoriaTraces release is served
# by the proxy) and an OpenTelemetry Collector holding the components that
# /actuator/collectorconfig writes. Each program is built once into a cache outside the
# work tree and rebuilt only when its version (or its Go module here) changes.
#
# Usage: install.sh [victoria-metrics|victoria-logs|jaeger|otelcol ...]  (default: all)
# Prints the folder holding the binaries on its last line.
#
#   DUAL_EXPORT_REAL_BACKENDS_BIN   where the binaries go
#                                   (default ${XDG_CACHE_HOME:-$HOME/.cache}/dual-export/real-backends/bin)
set -euo pipefail

HERE=$(cd "$(dirname "$0")" && pwd)
BIN=${DUAL_EXPORT_REAL_BACKENDS_BIN:-${XDG_CACHE_HOME:-$HOME/.cache}/dual-export/real-backends/bin}

VICTORIA_METRICS=github.com/VictoriaMetrics/VictoriaMetrics/app/victoria-metrics@v1.151.0
VICTORIA_LOGS=github.com/VictoriaMetrics/VictoriaLogs/app/victoria-logs@v1.52.1

if ! command -v go >/dev/null 2>&1; then
	echo "install.sh: the 'go' command is required to build the real backends (Go 1.26 or later)" >&2
	exit 1
fi
# A toolchain download is not possible here: fail clearly instead
export GOTOOLCHAIN=local
export GOFLAGS="${GOFLAGS:+$GOFLAGS }-buildvcs=false"
mkdir -p "$BIN"

# stamp NAME: the version recorded beside an installed binary
stamp() {
	cat "$BIN/.$1.version" 2>/dev/null || true
}

# up_to_date NAME VERSION: the binary exists and was built from VERSION
up_to_date() {
	[ -x "$BIN/$1" ] && [ "$(stamp "$1")" = "$2" ]
}

# build NAME VERSION COMMAND...: runs COMMAND unless NAME is up to date, then records VERSION
build() {
	name=$1
	version=$2
	shift 2
	if up_to_date "$name" "$version"; then
		echo "ok   $name is installed ($version)"
		return 0
	fi
	echo "...  building $name ($version)"
	started=$(date +%s)
	"$@"
	echo "$version" >"$BIN/.$name.version"
	echo "ok   $name built in $(($(date +%s) - started))s"
}

# module_version DIR: a digest of a Go module of this folder, its sources included
module_version() {
	(cd "$1" && cat go.mod go.sum ./*.go 2>/dev/null | sha256sum | cut -c1-16)
}

install_program() {
	case $1 in
	victoria-metrics)
		build victoria-metrics "$VICTORIA_METRICS" env GOBIN="$BIN" go install "$VICTORIA_METRICS"
		;;
	victoria-logs)
		build victoria-logs "$VICTORIA_LOGS" env GOBIN="$BIN" go install "$VICTORIA_LOGS"
		;;
	jaeger)
		# Jaeger's module has replace directives, which 'go install pkg@version' refuses:
		# it is a tool of the small module in jaeger/
		build jaeger "jaeger/$(module_version "$HERE/jaeger")" \
			sh -c 'cd "$1" && go build -o "$2/jaeger" github.com/jaegertracing/jaeger/cmd/jaeger' sh "$HERE/jaeger" "$BIN"
		;;
	otelcol)
		build otelcol "otelcol/$(module_version "$HERE/otelcol")" \
			sh -c 'cd "$1" && go build -o "$2/otelcol" .' sh "$HERE/otelcol" "$BIN"
		;;
	*)
		echo "install.sh: unknown program '$1' (victoria-metrics, victoria-logs, jaeger, otelcol)" >&2
		exit 2
		;;
	esac
}

# prefetch NAME VERSION PACKAGE: downloads the modules that a tool module's program needs,
# in the background, unless it is up to date. Fetching is mostly waiting on the network:
# done while the programs before it compile.
prefetch() {
	if ! up_to_date "$1" "$2"; then
		(cd "$HERE/$1" && go list -deps "$3" >/dev/null 2>&1) &
	fi
}

if [ $# -eq 0 ]; then
	set -- victoria-metrics victoria-logs jaeger otelcol
fi
for program in "$@"; do
	case $program in
	jaeger) prefetch jaeger "jaeger/$(module_version "$HERE/jaeger")" github.com/jaegertracing/jaeger/cmd/jaeger ;;
	otelcol) prefetch otelcol "otelcol/$(module_version "$HERE/otelcol")" . ;;
	esac
done
for program in "$@"; do
	install_program "$program"
done
wait
echo "$BIN"
