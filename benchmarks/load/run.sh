#!/usr/bin/env bash
# The realistic mix and the flagship chain under load, through the gateway, one command:
#
#   benchmarks/load/run.sh
#
# Builds what is missing, starts the whole suite with ./portfolio up in a temporary PORTFOLIO_HOME on free ports
# (nothing already running is touched, no default port is used), seeds a district through the public API (LoadMix
# seed: schools with ACTIVE contracts whose TEACHER_VACANCIES benchmark guards PEOPLE, SIS data), runs the mix for
# DURATION seconds with real tokens, measures the chain "benchmark missed →
# autonomy revoked visible through the API" CHAIN_SAMPLES times during the mix, prints the figures, and stops
# everything it started (./portfolio down with the same environment), also on Ctrl-C and on errors.
#
# Two ways to load it:
#   RATE=30 (default)  open loop: 30 requests of the mix are due every second whatever the answers take (latency counted
#                      from when a request was due); up to THREADS (64) in flight. A steady, heavy district load.
#   RATE=0 THREADS=8   closed loop: 8 clients each send the next request as soon as the last is answered, i.e. as
#                      fast as the machine goes: a saturation test, not a district's traffic.
# Settings (environment): RATE, THREADS, WARMUP (20 s of the same mix first, not recorded), DURATION (60 s),
# SCHOOLS (60), CHAIN_SAMPLES (20), SEED_THREADS (6), KEEP_HOME (0: the temporary home with the logs is deleted at the end; 1 keeps it).
# Cost as the district grows, in one run on one stack:
#   SIZES=60,600,2000 benchmarks/load/run.sh
#   grows the district to each size in turn (seeding only the schools it lacks, timed) and runs warm-up, the recorded
#   mix and the chain samples at each size (CHAIN_SAMPLES fresh schools per size), then prints the sizes side by side.
#   SIZES overrides SCHOOLS (SCHOOLS=60 is SIZES=60). WARMUP_FIRST (default WARMUP) is the first size's warm-up: the
#   first size is measured on JVMs a few minutes old, so give it e.g. WARMUP_FIRST=180 when comparing sizes.
# The gateway's rate limits are raised for the run (one benchmark client sends far more than a real one).
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
cd "$ROOT"
DURATION="${DURATION:-60}"
RATE="${RATE:-30}"
WARMUP="${WARMUP:-20}"
WARMUP_FIRST="${WARMUP_FIRST:-$WARMUP}"
if [[ "$RATE" == 0 ]]; then THREADS="${THREADS:-8}"; else THREADS="${THREADS:-64}"; fi
SCHOOLS="${SCHOOLS:-60}"
SIZES="${SIZES:-$SCHOOLS}"
CHAIN_SAMPLES="${CHAIN_SAMPLES:-20}"
SEED_THREADS="${SEED_THREADS:-6}"
KEEP_HOME="${KEEP_HOME:-0}"
LIBS="embedded-infra/target/lib/*"

export PORTFOLIO_HOME
PORTFOLIO_HOME="$(mktemp -d "${TMPDIR:-/tmp}/portfolio-load.XXXXXX")"

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
for v in PG KAFKA KAFKA_CONTROLLER GATEWAY CONTRACTS AUTONOMY PERFORMANCE ENROLLMENT INTEGRATION; do free_port "PORTFOLIO_${v}_PORT"; done
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

java -Xmx384m -XX:+UseSerialGC -cp "$LIBS" benchmarks/load/LoadMix.java --gateway "$GW" --home "$PORTFOLIO_HOME" \
  --sizes "$SIZES" --duration "$DURATION" --threads "$THREADS" --rate "$RATE" --warmup "$WARMUP" --first-warmup "$WARMUP_FIRST" --chain-samples "$CHAIN_SAMPLES" \
  --seed-threads "$SEED_THREADS" &
DRIVER_PID=$!
wait "$DRIVER_PID"
DRIVER_PID=""
echo "load after: $(uptime)"
