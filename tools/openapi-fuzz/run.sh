#!/usr/bin/env bash
# Fuzz a running demo district from its own OpenAPI document, through a Prism validating proxy.
#
#   ./portfolio up --demo                       # (PORTFOLIO_HOME and ports as you like)
#   tools/openapi-fuzz/run.sh [PER_OP] [SEED]   # every role's demo client, then the bootstrap administrator
#
# Settings (environment): PORTFOLIO_HOME (.portfolio: demo.env and keys/bootstrap-admin.env are read from it),
# FUZZ_PRISM_PORT (4010), FUZZ_OUT (target/openapi-fuzz). The administrator goes last: its requests change the demo
# (contracts ended, periods closed, clients' roles changed), so run it on a stack you will throw away.
# Exit status 1 when any answer was 5xx, missing, slower than 3 s or broke the document.
set -euo pipefail
HERE="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
ROOT="$(cd "$HERE/../.." && pwd)"
HOME_DIR="${PORTFOLIO_HOME:-$ROOT/.portfolio}"
PER_OP="${1:-8}"
SEED="${2:-7}"
PORT="${FUZZ_PRISM_PORT:-4010}"
OUT="${FUZZ_OUT:-$HERE/target/openapi-fuzz}"
mkdir -p "$OUT"

# shellcheck disable=SC1091
. "$HOME_DIR/demo.env"
set -a
# shellcheck disable=SC1091
. "$HOME_DIR/keys/bootstrap-admin.env"
set +a

[[ -x "$HERE/node_modules/.bin/prism" && -d "$HERE/node_modules/json-schema-faker" ]] \
  || (cd "$HERE" && npm ci --no-audit --no-fund --silent)
curl -sf -H 'Accept: application/json' "$GW/openapi" -o "$OUT/openapi.json"

"$HERE/node_modules/.bin/prism" proxy "$OUT/openapi.json" "$GW" --errors=false -p "$PORT" -h 127.0.0.1 \
  > "$OUT/prism.log" 2>&1 &
PRISM=$!
trap 'kill "$PRISM" 2>/dev/null || true; wait "$PRISM" 2>/dev/null || true' EXIT
up=false
for _ in $(seq 1 60); do
  if curl -s -o /dev/null "http://127.0.0.1:$PORT/"; then up=true; break; fi
  kill -0 "$PRISM" 2>/dev/null || break
  sleep 1
done
$up || { echo "Prism did not start: $OUT/prism.log" >&2; exit 2; }

token() { curl -sf -u "$1:$2" -d grant_type=client_credentials "$GW/oauth/token" | sed 's/.*"access_token":"\([^"]*\)".*/\1/'; }

status=0
for who in SCHOOL_LEADER SIS OVERSIGHT COMMISSION ENROLLMENT_OFFICER BOOTSTRAP; do
  if [[ $who == BOOTSTRAP ]]; then
    t="$(token "$PORTFOLIO_GATEWAY_BOOTSTRAP_CLIENT_ID" "$PORTFOLIO_GATEWAY_BOOTSTRAP_CLIENT_SECRET")"
  else
    id="${who}_ID"; secret="${who}_SECRET"
    [[ -n "${!id:-}" ]] || continue
    t="$(token "${!id}" "${!secret}")"
  fi
  echo "== $who"
  (cd "$OUT" && RESULTS="results-$who.json" node "$HERE/fuzz.js" openapi.json "http://127.0.0.1:$PORT" "$t" "$PER_OP" "$SEED") \
    | tee "$OUT/report-$who.txt" | sed -n '1,2p;/^[0-9E]/p' | head -40 || status=1
  grep -q ' findings 0 ' "$OUT/report-$who.txt" || status=1
done
echo "reports and results: $OUT"
exit "$status"
