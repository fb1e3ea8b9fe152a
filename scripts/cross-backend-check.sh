#!/bin/sh
# Proves that one request's trace reached both trace backends of the compose stack:
# VictoriaTraces (Jaeger query API) and Uptrace (JSON API). Without Docker, real Jaeger
# programs stand in for both (scripts/real-backends, see README): set
# VICTORIA_TRACES_JAEGER_API to one's query URL and SECOND_BACKEND=jaeger with
# JAEGER_QUERY_URL to the other's.
#
# It sends REQUESTS ordinary /hello requests, then one more carrying a W3C traceparent
# header with a trace id made up here: the sample's server span joins that trace, so the
# id is known without reading anything back from the app. It then polls both backends for
# that trace id until both have it or TIMEOUT seconds have passed.
#
# Exit status: 0 when the trace is found in both backends, 1 otherwise.
#
# Start the stack first (see README, "Run against real backends"). Settings, from the
# environment, with the defaults matching docker-compose.yml and deploy/uptrace/uptrace.yml:
#   APP_URL                    http://localhost:8080
#   VICTORIA_TRACES_QUERY_URL  http://localhost:10428
#   VICTORIA_TRACES_JAEGER_API $VICTORIA_TRACES_QUERY_URL/select/jaeger  (the Jaeger query
#                              API of the first backend: a Jaeger's own URL works too)
#   SECOND_BACKEND             uptrace  (or jaeger: the second backend is a Jaeger whose
#                                        query API is JAEGER_QUERY_URL)
#   JAEGER_QUERY_URL           http://localhost:16686
#   UPTRACE_URL                http://localhost:14318
#   UPTRACE_PROJECT_ID         1   (the only project seeded by deploy/uptrace/uptrace.yml)
#   UPTRACE_USER_TOKEN         dual_export_user_token   (seed_data.user_tokens)
#   REQUESTS                   20
#   TIMEOUT                    120  (VictoriaTraces indexes a trace id about 20 s after
#                                    its spans arrive: -insert.indexFlushInterval)
#   INTERVAL                   5

set -u

APP_URL=${APP_URL:-http://localhost:8080}
VICTORIA_TRACES_QUERY_URL=${VICTORIA_TRACES_QUERY_URL:-http://localhost:10428}
VICTORIA_TRACES_JAEGER_API=${VICTORIA_TRACES_JAEGER_API:-$VICTORIA_TRACES_QUERY_URL/select/jaeger}
SECOND_BACKEND=${SECOND_BACKEND:-uptrace}
JAEGER_QUERY_URL=${JAEGER_QUERY_URL:-http://localhost:16686}
UPTRACE_URL=${UPTRACE_URL:-http://localhost:14318}
UPTRACE_PROJECT_ID=${UPTRACE_PROJECT_ID:-1}
UPTRACE_USER_TOKEN=${UPTRACE_USER_TOKEN:-dual_export_user_token}
REQUESTS=${REQUESTS:-20}
TIMEOUT=${TIMEOUT:-120}
INTERVAL=${INTERVAL:-5}

BODY=$(mktemp) || exit 1
trap 'rm -f "$BODY"' EXIT INT TERM

say() {
	printf '%s\n' "$*"
}

fail() {
	say "FAIL: $*" >&2
	exit 1
}

command -v curl >/dev/null 2>&1 || fail "curl is required"

# Lower-case hex of $1 random bytes
random_hex() {
	od -An -tx1 -N"$1" /dev/urandom | tr -d ' \n'
}

# wait_until_up NAME URL: polls URL until it answers 2xx, at most TIMEOUT seconds
wait_until_up() {
	attempts=$((TIMEOUT / INTERVAL + 1))
	while [ "$attempts" -gt 0 ]; do
		if curl -fsS -o /dev/null "$2" 2>/dev/null; then
			say "ok   $1 is up ($2)"
			return 0
		fi
		attempts=$((attempts - 1))
		[ "$attempts" -gt 0 ] && sleep "$INTERVAL"
	done
	fail "$1 did not answer at $2 within ${TIMEOUT}s (are the backends running?)"
}

wait_until_up "sample app" "$APP_URL/actuator/health"
case $SECOND_BACKEND in
uptrace) SECOND_NAME=Uptrace ;;
jaeger) SECOND_NAME=Jaeger ;;
*) fail "SECOND_BACKEND is uptrace or jaeger, not '$SECOND_BACKEND'" ;;
esac

wait_until_up "VictoriaTraces" "$VICTORIA_TRACES_JAEGER_API/api/services"
if [ "$SECOND_BACKEND" = jaeger ]; then
	wait_until_up "Jaeger" "$JAEGER_QUERY_URL/api/services"
else
	wait_until_up "Uptrace" "$UPTRACE_URL/"
fi

say "...  sending $REQUESTS requests to $APP_URL/hello"
i=1
while [ "$i" -le "$REQUESTS" ]; do
	curl -fsS -o /dev/null "$APP_URL/hello?name=check-$i" || fail "GET /hello?name=check-$i failed"
	i=$((i + 1))
done

# A W3C trace context: version 00, 16-byte trace id, 8-byte parent span id, flags 01
# (sampled). The first hex digit is kept non-zero so no backend shortens the id.
TRACE_ID=$(random_hex 16)
case $TRACE_ID in 0*) TRACE_ID="1${TRACE_ID#?}" ;; esac
SPAN_ID=$(random_hex 8)
case $SPAN_ID in 0*) SPAN_ID="1${SPAN_ID#?}" ;; esac
[ ${#TRACE_ID} -eq 32 ] && [ ${#SPAN_ID} -eq 16 ] || fail "could not generate a trace id"

# Uptrace's span API needs a time range: from the start of today (UTC) to the end of the
# day the poll runs in.
TIME_GTE=$(date -u +%Y-%m-%dT00:00:00Z)

curl -fsS -o /dev/null -H "traceparent: 00-$TRACE_ID-$SPAN_ID-01" "$APP_URL/hello?name=cross-backend-check" \
	|| fail "GET /hello with a traceparent header failed"
say "...  sent GET /hello?name=cross-backend-check in trace $TRACE_ID"

# found_in_victoria_traces: the Jaeger API returns the trace with its traceID
found_in_victoria_traces() {
	found_in_jaeger_api "$VICTORIA_TRACES_JAEGER_API"
}

# found_in_jaeger_api URL: a Jaeger query API at URL returns the trace with its traceID
found_in_jaeger_api() {
	code=$(curl -sS -o "$BODY" -w '%{http_code}' "$1/api/traces/$TRACE_ID" 2>/dev/null) || return 1
	[ "$code" = 200 ] && grep -q "\"traceID\": *\"$TRACE_ID\"" "$BODY"
}

# found_in_second: the second backend has the trace
found_in_second() {
	if [ "$SECOND_BACKEND" = jaeger ]; then
		found_in_jaeger_api "$JAEGER_QUERY_URL"
	else
		found_in_uptrace
	fi
}

# found_in_uptrace: the span list filtered by trace id is not empty
found_in_uptrace() {
	time_lt=$(date -u +%Y-%m-%dT23:59:59Z)
	code=$(curl -sS -o "$BODY" -w '%{http_code}' -H "Authorization: Bearer $UPTRACE_USER_TOKEN" \
		"$UPTRACE_URL/api/v1/tracing/$UPTRACE_PROJECT_ID/spans?trace_id=$TRACE_ID&time_gte=$TIME_GTE&time_lt=$time_lt" \
		2>/dev/null) || return 1
	case $code in
	200) grep -q '"spans": *\[ *{' "$BODY" ;;
	401 | 403)
		say "warn Uptrace refused the user token (HTTP $code): check UPTRACE_USER_TOKEN" >&2
		return 1
		;;
	404)
		say "warn Uptrace has no project $UPTRACE_PROJECT_ID (HTTP 404): check UPTRACE_PROJECT_ID" >&2
		return 1
		;;
	*) return 1 ;;
	esac
}

victoria=no
second=no
attempts=$((TIMEOUT / INTERVAL + 1))
while [ "$attempts" -gt 0 ]; do
	if [ "$victoria" = no ] && found_in_victoria_traces; then
		victoria=yes
		say "ok   VictoriaTraces has trace $TRACE_ID"
	fi
	if [ "$second" = no ] && found_in_second; then
		second=yes
		say "ok   $SECOND_NAME has trace $TRACE_ID"
	fi
	[ "$victoria" = yes ] && [ "$second" = yes ] && break
	attempts=$((attempts - 1))
	[ "$attempts" -gt 0 ] && sleep "$INTERVAL"
done

if [ "$victoria" = yes ] && [ "$second" = yes ]; then
	say "PASS: trace $TRACE_ID reached VictoriaTraces and $SECOND_NAME"
	say "     $VICTORIA_TRACES_JAEGER_API/api/traces/$TRACE_ID"
	exit 0
fi
[ "$victoria" = no ] && say "FAIL: VictoriaTraces has no trace $TRACE_ID after ${TIMEOUT}s" >&2
[ "$second" = no ] && say "FAIL: $SECOND_NAME has no trace $TRACE_ID after ${TIMEOUT}s" >&2
say "     see /actuator/health/telemetry on $APP_URL for each backend's last export error" >&2
exit 1
