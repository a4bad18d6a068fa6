#!/usr/bin/env bash
# Gateway overhead benchmark: a small authenticated GET (GET /api/oversight-bodies/{id} with an OVERSIGHT token),
# straight to contracts-service versus through the gateway, with wrk.
#
#   benchmarks/gateway/run.sh            (needs wrk: apt-get install -y wrk)
#
# Starts the whole suite with ./portfolio up in its own PORTFOLIO_HOME on free ports (nothing already running is
# touched), registers a real API client through the admin API, takes a real token from /oauth/token, measures,
# and stops everything (./portfolio down) even when interrupted. Targets (issue 7): the gateway adds <= 2 ms at
# p50 (one connection, i.e. latency without queueing) and keeps >= 60 % of the direct throughput at 64 connections.
#
# Settings: DURATION (20s per run), ROUNDS (3, alternating direct / gateway; the median is reported),
# CONNECTIONS (64), THREADS (2). The rate limit stays on, set high enough not to refuse the load, and so does the
# bound of requests in flight per client (64 by default: a CONNECTIONS above it would meet it).
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
cd "$ROOT"
DURATION="${DURATION:-20s}"
ROUNDS="${ROUNDS:-3}"
CONNECTIONS="${CONNECTIONS:-64}"
THREADS="${THREADS:-2}"
OUT="$ROOT/benchmarks/gateway/target"
command -v wrk >/dev/null || { echo "wrk is required: apt-get install -y wrk" >&2; exit 1; }
command -v curl >/dev/null || { echo "curl is required" >&2; exit 1; }
rm -rf "$OUT"; mkdir -p "$OUT"

# free ports, chosen in this shell (a $(subshell) would repeat the same RANDOM sequence)
USED=" "
free_port() { # variable name
  local p
  while :; do
    p=$(( 20000 + RANDOM % 12000 ))  # below the ephemeral range (32768+), where an outgoing socket may take a port between the check and the start
    [[ $USED == *" $p "* ]] && continue
    if ! (exec 3<>"/dev/tcp/127.0.0.1/$p") 2>/dev/null; then USED+="$p "; export "$1=$p"; return; fi
  done
}
export PORTFOLIO_HOME="$OUT/stack"
for v in PG KAFKA KAFKA_CONTROLLER GATEWAY CONTRACTS AUTONOMY PERFORMANCE ENROLLMENT INTEGRATION EDFI; do free_port "PORTFOLIO_${v}_PORT"; done
export PORTFOLIO_GATEWAY_RATE_LIMIT_CLIENT_REQUESTS_PER_SECOND=1000000 PORTFOLIO_GATEWAY_RATE_LIMIT_CLIENT_BURST=1000000
export PORTFOLIO_GATEWAY_RATE_LIMIT_CLIENT_MAX_IN_FLIGHT=1000000
export PORTFOLIO_READY_TIMEOUT="${PORTFOLIO_READY_TIMEOUT:-420}"
GW="http://127.0.0.1:$PORTFOLIO_GATEWAY_PORT"
DIRECT="http://127.0.0.1:$PORTFOLIO_CONTRACTS_PORT"

trap './portfolio down >"$OUT/down.log" 2>&1 || true' EXIT
echo "load before: $(uptime)"
./portfolio up >"$OUT/up.log" 2>&1 || { cat "$OUT/up.log"; exit 1; }

json() { sed -n "s/.*\"$1\":\"\\([^\"]*\\)\".*/\\1/p"; }
. "$PORTFOLIO_HOME/keys/bootstrap-admin.env"
ADMIN=$(curl -sf -u "$PORTFOLIO_GATEWAY_BOOTSTRAP_CLIENT_ID:$PORTFOLIO_GATEWAY_BOOTSTRAP_CLIENT_SECRET" -d grant_type=client_credentials "$GW/oauth/token" | json access_token)
BODY=$(curl -sf -H "Authorization: Bearer $ADMIN" -H 'Content-Type: application/json' \
  -d '{"name":"Benchmark Board of Education","kind":"SCHOOL_BOARD","contactEmail":"board@bench.example.org"}' "$GW/api/oversight-bodies" | json id)
CLIENT=$(curl -sf -H "Authorization: Bearer $ADMIN" -H 'Content-Type: application/json' \
  -d '{"name":"benchmark reader","roles":["OVERSIGHT"]}' "$GW/api/admin/clients")
CID=$(echo "$CLIENT" | json clientId); CSECRET=$(echo "$CLIENT" | json clientSecret)
TOKEN=$(curl -sf -u "$CID:$CSECRET" -d grant_type=client_credentials "$GW/oauth/token" | json access_token)
PATH_="/api/oversight-bodies/$BODY"
for u in "$DIRECT" "$GW"; do
  code=$(curl -s -o /dev/null -w '%{http_code}' -H "Authorization: Bearer $TOKEN" "$u$PATH_")
  [[ $code == 200 ]] || { echo "GET $u$PATH_ answered $code" >&2; exit 1; }
done
echo "GET $PATH_ ($(curl -s -H "Authorization: Bearer $TOKEN" "$DIRECT$PATH_" | wc -c) bytes of JSON)"

# wrk's latency distribution line "50%  1.23ms" → milliseconds
p50_ms() { awk '$1=="50%" { v=$2; if (v ~ /us$/) { sub(/us/,"",v); v=v/1000 } else if (v ~ /ms$/) { sub(/ms/,"",v) } else if (v ~ /s$/) { sub(/s/,"",v); v=v*1000 }; printf "%.3f", v }' "$1"; }
p99_ms() { awk '$1=="99%" { v=$2; if (v ~ /us$/) { sub(/us/,"",v); v=v/1000 } else if (v ~ /ms$/) { sub(/ms/,"",v) } else if (v ~ /s$/) { sub(/s/,"",v); v=v*1000 }; printf "%.3f", v }' "$1"; }
rps() { awk '/^Requests\/sec:/ { printf "%.0f", $2 }' "$1"; }
errors() { awk '/Non-2xx|Socket errors/ { print }' "$1"; }
# CPU seconds (user + system) a process has used so far, from /proc: the cost per request does not depend on
# what else the (shared) machine is doing, unlike throughput
cpu_s() { awk -v hz="$(getconf CLK_TCK)" '{ printf "%.3f", ($14 + $15) / hz }' "/proc/$1/stat"; }
GW_PID=$(cat "$PORTFOLIO_HOME/run/gateway.pid"); SVC_PID=$(cat "$PORTFOLIO_HOME/run/contracts-service.pid")
run() { # name url connections threads
  local f="$OUT/$1.txt" g0 s0
  g0=$(cpu_s "$GW_PID"); s0=$(cpu_s "$SVC_PID")
  wrk -t"$4" -c"$3" -d"$DURATION" --latency -H "Authorization: Bearer $TOKEN" "$2$PATH_" >"$f"
  awk -v g0="$g0" -v g1="$(cpu_s "$GW_PID")" -v s0="$s0" -v s1="$(cpu_s "$SVC_PID")" -v n="$(awk '/requests in/ { print $1 }' "$f")" \
    'BEGIN { printf "cpu per request: gateway %.0f us, contracts-service %.0f us\n", 1e6 * (g1 - g0) / n, 1e6 * (s1 - s0) / n }' >>"$f"
  if [[ -n "$(errors "$f")" ]]; then echo "errors in $1: $(errors "$f")" >&2; fi
}
median() { sort -n | awk '{ a[NR]=$1 } END { print a[int((NR+1)/2)] }'; }

echo "warming up (JIT, connection pools)"
wrk -t2 -c16 -d15s -H "Authorization: Bearer $TOKEN" "$DIRECT$PATH_" >/dev/null
wrk -t2 -c16 -d15s -H "Authorization: Bearer $TOKEN" "$GW$PATH_" >/dev/null

for r in $(seq 1 "$ROUNDS"); do
  run "direct-c1-$r" "$DIRECT" 1 1
  run "gateway-c1-$r" "$GW" 1 1
  run "direct-c$CONNECTIONS-$r" "$DIRECT" "$CONNECTIONS" "$THREADS"
  run "gateway-c$CONNECTIONS-$r" "$GW" "$CONNECTIONS" "$THREADS"
  echo "round $r: c1 p50 direct $(p50_ms "$OUT/direct-c1-$r.txt") ms, gateway $(p50_ms "$OUT/gateway-c1-$r.txt") ms;" \
       "c$CONNECTIONS direct $(rps "$OUT/direct-c$CONNECTIONS-$r.txt")/s, gateway $(rps "$OUT/gateway-c$CONNECTIONS-$r.txt")/s"
done

m() { for r in $(seq 1 "$ROUNDS"); do "$1" "$OUT/$2-$r.txt"; echo; done | median; }
D50=$(m p50_ms direct-c1); G50=$(m p50_ms gateway-c1); D99=$(m p99_ms direct-c1); G99=$(m p99_ms gateway-c1)
DRPS=$(m rps "direct-c$CONNECTIONS"); GRPS=$(m rps "gateway-c$CONNECTIONS")
D50C=$(m p50_ms "direct-c$CONNECTIONS"); G50C=$(m p50_ms "gateway-c$CONNECTIONS")
cpu_us() { awk -v w="$2" '/^cpu per request/ { print (w == "gateway" ? $5 : $8) }' "$1"; }
GCPU=$(for r in $(seq 1 "$ROUNDS"); do cpu_us "$OUT/gateway-c$CONNECTIONS-$r.txt" gateway; done | median)
SCPU=$(for r in $(seq 1 "$ROUNDS"); do cpu_us "$OUT/direct-c$CONNECTIONS-$r.txt" service; done | median)
curl -s "$GW/q/metrics" >"$OUT/gateway-metrics.txt" || true
ADDED=$(awk -v g="$G50" -v d="$D50" 'BEGIN { printf "%.3f", g - d }')
RATIO=$(awk -v g="$GRPS" -v d="$DRPS" 'BEGIN { printf "%.1f", 100 * g / d }')
{
  echo "date: $(date -u +%Y-%m-%dT%H:%MZ)   machine: $(nproc) cores, $(awk '/MemTotal/ { printf "%.0f GiB", $2/1048576 }' /proc/meminfo)   java: $(java -version 2>&1 | head -1)"
  echo "load after: $(uptime)"
  echo "request: GET $PATH_ with an OVERSIGHT bearer token; $ROUNDS rounds of $DURATION each, medians"
  echo "1 connection:  p50 direct $D50 ms, through the gateway $G50 ms  -> the gateway adds $ADDED ms at p50 (target <= 2 ms)"
  echo "               p99 direct $D99 ms, through the gateway $G99 ms"
  echo "$CONNECTIONS connections: direct $DRPS req/s, through the gateway $GRPS req/s -> $RATIO % of direct (target >= 60 %)"
  echo "               p50 direct $D50C ms, through the gateway $G50C ms"
  echo "CPU per request at $CONNECTIONS connections: contracts-service $SCPU us (direct), gateway $GCPU us (its added cost)"
  awk -v a="$ADDED" -v r="$RATIO" 'BEGIN { ok = (a <= 2.0 && r >= 60.0); print (ok ? "RESULT: both targets met" : "RESULT: a target was missed") }'
} | tee "$OUT/summary.txt"
