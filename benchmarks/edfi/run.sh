#!/usr/bin/env bash
# The Ed-Fi door under an SIS's attendance push, through the gateway, one command (issue 17):
#
#   benchmarks/edfi/run.sh
#
# Builds what is missing, starts the whole suite with ./portfolio up in a temporary PORTFOLIO_HOME on free ports (nothing
# already running is touched, no default port is used — edfi-service's included), seeds a district through the public
# API (SCHOOLS schools opened, mapped to Ed-Fi school ids, an SIS client scoped to them; per school two sessions and
# STUDENTS enrollments posted through /edfi/), then POSTs EVENTS Ed-Fi studentSchoolAttendanceEvents one per request
# over THREADS connections with the SIS's token from /edfi/oauth/token, as an Ed-Fi client pushes them; every write is
# answered once the event is stored (the derived records follow through the door's queue; the script waits for it to
# drain and prints how long that took). Prints events/s and the latency percentiles
# (p50, p95, p99, max), checks one school's total days absent in performance-service against what was posted, and stops
# everything it started (./portfolio down with the same environment), also on Ctrl-C and on errors.
#
# Settings (environment): EVENTS (100000), THREADS (8), SCHOOLS (10), STUDENTS (100 per school; each gets
# EVENTS / (SCHOOLS x STUDENTS) events on distinct school days; with the warm-up's, at most the 189 school days),
# WARMUP (60000 Excused Absence events first, on the school days after the recorded run's, not recorded: the JIT of
# seven JVMs sharing 2 cores needs a minute or more of the load before the rate is steady),
# KEEP_HOME (0: the temporary home with the logs is deleted at the end; 1 keeps it).
# Quick check: EVENTS=5000 WARMUP=500 benchmarks/edfi/run.sh
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
cd "$ROOT"
EVENTS="${EVENTS:-100000}"
THREADS="${THREADS:-8}"
SCHOOLS="${SCHOOLS:-10}"
STUDENTS="${STUDENTS:-100}"
WARMUP="${WARMUP:-60000}"
KEEP_HOME="${KEEP_HOME:-0}"
LIBS="embedded-infra/target/lib/*"

export PORTFOLIO_HOME
PORTFOLIO_HOME="$(mktemp -d "${TMPDIR:-/tmp}/portfolio-edfi.XXXXXX")"

# free ports, chosen in this shell (a $(subshell) would repeat the same RANDOM sequence), never the defaults
USED=" "
free_port() { # variable name
  local p
  while :; do
    p=$(( 20000 + RANDOM % 12000 ))  # below the ephemeral range (32768+), where an outgoing socket may take a port between the check and the start
    [[ $USED == *" $p "* ]] && continue
    if ! (exec 3<>"/dev/tcp/127.0.0.1/$p") 2>/dev/null; then USED+="$p "; export "$1=$p"; return; fi
  done
}
for v in PG KAFKA KAFKA_CONTROLLER GATEWAY CONTRACTS AUTONOMY PERFORMANCE ENROLLMENT INTEGRATION EDFI; do free_port "PORTFOLIO_${v}_PORT"; done
export PORTFOLIO_GATEWAY_RATE_LIMIT_CLIENT_REQUESTS_PER_SECOND=1000000 PORTFOLIO_GATEWAY_RATE_LIMIT_CLIENT_BURST=1000000
export PORTFOLIO_GATEWAY_RATE_LIMIT_ANONYMOUS_REQUESTS_PER_SECOND=1000000 PORTFOLIO_GATEWAY_RATE_LIMIT_ANONYMOUS_BURST=1000000
export PORTFOLIO_GATEWAY_RATE_LIMIT_CLIENT_MAX_IN_FLIGHT=1000000 PORTFOLIO_GATEWAY_RATE_LIMIT_ANONYMOUS_MAX_IN_FLIGHT=1000000
export PORTFOLIO_READY_TIMEOUT="${PORTFOLIO_READY_TIMEOUT:-420}"
GW="http://127.0.0.1:$PORTFOLIO_GATEWAY_PORT"

DRIVER_PID=""
cleanup() {
  local rc=$?
  trap - EXIT INT TERM
  if [[ -n "$DRIVER_PID" ]] && kill -0 "$DRIVER_PID" 2>/dev/null; then kill -TERM "$DRIVER_PID" 2>/dev/null || true; fi
  echo "stopping the stack (./portfolio down)"
  ./portfolio down >"$PORTFOLIO_HOME/down.log" 2>&1 || cat "$PORTFOLIO_HOME/down.log"
  if [[ "$KEEP_HOME" == 1 || $rc != 0 ]]; then echo "logs kept in $PORTFOLIO_HOME/logs"; else rm -rf "$PORTFOLIO_HOME"; fi
  exit "$rc"
}
trap cleanup EXIT
trap 'exit 130' INT TERM

# ./portfolio up builds the services when they are missing; the driver also needs embedded-infra's libraries
if [[ ! -d embedded-infra/target/lib ]]; then
  echo "Building (./mvnw -B -q -DskipTests package)"
  ./mvnw -B -q -DskipTests package
fi

echo "machine: $(nproc) cores, $(free -g | awk '/Mem:/ {print $2}') GiB, $(java -version 2>&1 | head -1)"
echo "load before: $(uptime)"
echo "starting the suite (./portfolio up) in $PORTFOLIO_HOME, gateway on $GW"
./portfolio up >"$PORTFOLIO_HOME/up.log" 2>&1 || { tail -40 "$PORTFOLIO_HOME/up.log"; exit 1; }

java -Xmx384m -XX:+UseSerialGC -cp "$LIBS" benchmarks/edfi/EdFiAttendanceBench.java --gateway "$GW" --home "$PORTFOLIO_HOME" \
  --events "$EVENTS" --threads "$THREADS" --schools "$SCHOOLS" --students "$STUDENTS" --warmup "$WARMUP" &
DRIVER_PID=$!
wait "$DRIVER_PID"
DRIVER_PID=""
echo "load after: $(uptime)"
