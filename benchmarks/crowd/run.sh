#!/usr/bin/env bash
# Crowd benchmark: what large bodies sent at once do to the services (platform-web BodyBudget), and what one caller's
# crowd does to another's small reads through the gateway (FairShares). Starts ./portfolio up --demo in its own
# PORTFOLIO_HOME on free ports (nothing already running is touched), runs large-bodies.py (N bodies of ~10 MB at once
# to contracts-, autonomy- and enrollment-service) and fair-share.py (4 clients x 64 threads of ~10 MB bodies for 40 s,
# a fifth client's reads timed), prints whether every service is still up and their resident memory, and stops
# everything (./portfolio down) even when interrupted. Needs python3.
#
#   benchmarks/crowd/run.sh        # N=16
#   benchmarks/crowd/run.sh tricklers   # tricklers.py only: two slow bodies and a third one's answers over 150 s
#   PORTFOLIO_HTTP_BODY_BUDGET_MIN_RATE=0 benchmarks/crowd/run.sh tricklers   # the same with the give-way rule off
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
HERE="$ROOT/benchmarks/crowd"
cd "$ROOT"
N="${N:-16}"
OUT="$HERE/target"
rm -rf "$OUT"; mkdir -p "$OUT"
USED=" "
free_port() { # variable name
  local p
  while :; do
    p=$(( 20000 + RANDOM % 12000 ))
    [[ $USED == *" $p "* ]] && continue
    if ! (exec 3<>"/dev/tcp/127.0.0.1/$p") 2>/dev/null; then USED+="$p "; export "$1=$p"; return; fi
  done
}
export PORTFOLIO_HOME="$OUT/stack"
for v in PG KAFKA KAFKA_CONTROLLER GATEWAY CONTRACTS AUTONOMY PERFORMANCE ENROLLMENT INTEGRATION EDFI DEMO_RECEIVER; do free_port "PORTFOLIO_${v}_PORT"; done
trap './portfolio down >/dev/null 2>&1 || true' EXIT
./portfolio up --demo > "$OUT/up.log" 2>&1 || { echo "./portfolio up --demo failed: $OUT/up.log" >&2; exit 1; }
set -a
# shellcheck disable=SC1091
. "$PORTFOLIO_HOME/demo.env"
set +a
if [[ "${1:-}" == tricklers ]]; then
  echo "== two tricklers and a third body at contracts-service (PORTFOLIO_HTTP_BODY_BUDGET_MIN_RATE=${PORTFOLIO_HTTP_BODY_BUDGET_MIN_RATE:-64K})"
  python3 "$HERE/tricklers.py"
else
  echo "== large bodies at once ($N per service)"
  python3 "$HERE/large-bodies.py" "$N"
  echo "== a fifth client's reads while four crowd contracts-service"
  python3 "$HERE/fair-share.py"
fi
echo "== afterwards"
./portfolio status | tail -9
if grep -l OutOfMemoryError "$PORTFOLIO_HOME"/logs/*.log 2>/dev/null; then echo "OutOfMemoryError in the logs above"; fi
ps -o rss=,args= -C java | grep -o '^ *[0-9]* .*quarkus-app' | awk '{n = split($NF, p, "/"); printf "%.0f MB %s\n", $1/1024, p[n-2]}'
