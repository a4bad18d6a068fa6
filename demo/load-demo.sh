#!/usr/bin/env bash
# Loads the demo district into a running stack through the gateway's public API (called by `./portfolio up --demo`;
# safe to run again: it finds what exists and adds nothing twice). Needs only Java: the loader is the demo-district
# module (built with the rest by ./portfolio up). Same settings as ./portfolio: PORTFOLIO_HOME, PORTFOLIO_GATEWAY_PORT.
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
HOME_DIR="${PORTFOLIO_HOME:-$ROOT/.portfolio}"
GATEWAY="http://localhost:${PORTFOLIO_GATEWAY_PORT:-8080}"
CP="$ROOT/demo-district/target/classes:$ROOT/demo-district/target/lib/*"
if [[ ! -d "$ROOT/demo-district/target/classes" || ! -d "$ROOT/demo-district/target/lib" ]]; then
  echo "demo: building the loader: ./mvnw -B -q -pl demo-district package"
  (cd "$ROOT" && ./mvnw -B -q -pl demo-district package) || { echo "demo: the loader did not build" >&2; exit 1; }
fi
echo ""
echo "Loading the demo district (Riverton Unified) through $GATEWAY ..."
# shellcheck disable=SC2086
exec java -Xmx256m ${PORTFOLIO_JAVA_OPTS:-} -cp "$CP" org.portfolio.demo.DemoDistrict --gateway "$GATEWAY" --home "$HOME_DIR"
