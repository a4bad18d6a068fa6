#!/usr/bin/env bash
# Decision-rights check benchmark, one command:
#
#   benchmarks/decision-rights/run.sh
#
# Builds what is missing (or stale), starts a real PostgreSQL + Kafka (embedded-infra's InfraMain) and the packaged
# autonomy-service (target/quarkus-app/quarkus-run.jar, -Xmx256m -XX:+UseSerialGC as ./portfolio runs it) on free
# ports in a temporary directory, seeds a district through real events (SchoolRegistered, ContractActivated,
# SchoolRatingPublished, BenchmarkEvaluated as docs/events.md shapes them), measures the check over HTTP, then
# restarts the service with its cache off and measures the database path, and finally measures the event hop
# (BenchmarkEvaluated MISSED → check says DISTRICT / → AutonomyRevoked). Stops everything it started, by pid.
#
# Settings (environment): SCHOOLS (1000), THREADS (4), WARMUP (15 s), DURATION (30 s), HOP_SAMPLES (30),
# UNCACHED (1: also measure with the cache off), JAVA_OPTS_SERVICE (-Xmx256m -XX:+UseSerialGC).
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
cd "$ROOT"
SCHOOLS="${SCHOOLS:-1000}"
THREADS="${THREADS:-4}"
WARMUP="${WARMUP:-15}"
DURATION="${DURATION:-30}"
HOP_SAMPLES="${HOP_SAMPLES:-30}"
UNCACHED="${UNCACHED:-1}"
JAVA_OPTS_SERVICE="${JAVA_OPTS_SERVICE:--Xmx256m -XX:+UseSerialGC}"
JAR="autonomy-service/target/quarkus-app/quarkus-run.jar"
BENCH="benchmarks/decision-rights/DecisionRightsBench.java"
LIBS="embedded-infra/target/lib/*"

WORK="$(mktemp -d "${TMPDIR:-/tmp}/autonomy-bench.XXXXXX")"
INFRA_PID=""
SERVICE_PID=""

say() { printf '%s\n' "$*"; }

stop_pid() {
  local pid="$1" name="$2"
  [[ -n "$pid" ]] && kill -0 "$pid" 2>/dev/null || return 0
  kill -TERM "$pid" 2>/dev/null || true
  for _ in $(seq 1 300); do kill -0 "$pid" 2>/dev/null || return 0; sleep 0.1; done
  say "$name (pid $pid) did not stop in 30 s: killing it"
  kill -KILL "$pid" 2>/dev/null || true
}

cleanup() {
  stop_pid "$SERVICE_PID" autonomy-service
  stop_pid "$INFRA_PID" "PostgreSQL/Kafka"
  rm -rf "$WORK"
}
trap cleanup EXIT
trap 'exit 130' INT TERM

# --- build what is missing or older than the sources ----------------------------------------------------------
if [[ ! -f "$JAR" || ! -d embedded-infra/target/lib || ! -d embedded-infra/target/classes ]] \
   || [[ -n "$(find autonomy-service/src platform-web/src platform-events/src autonomy-service/pom.xml -newer "$JAR" -print -quit 2>/dev/null)" ]]; then
  say "Building autonomy-service (./mvnw -B -q -pl autonomy-service -am package -DskipTests)"
  ./mvnw -B -q -pl autonomy-service -am package -DskipTests
fi

say "Machine: $(nproc) cores, $(free -g | awk '/Mem:/ {print $2}') GiB, $(java -version 2>&1 | head -1)"
say "Load before: $(cat /proc/loadavg)"

# --- PostgreSQL + Kafka on free ports --------------------------------------------------------------------------
java -Xmx512m -XX:+UseSerialGC -Dorg.slf4j.simpleLogger.defaultLogLevel=warn \
  -cp "embedded-infra/target/classes:$LIBS" org.portfolio.infra.InfraMain \
  --data-dir "$WORK/data" --pg-port 0 --kafka-port 0 --controller-port 0 --databases autonomy \
  --ready-file "$WORK/infra.ready" >"$WORK/infra.log" 2>&1 </dev/null &
INFRA_PID=$!
for _ in $(seq 1 1800); do
  [[ -f "$WORK/infra.ready" ]] && break
  kill -0 "$INFRA_PID" 2>/dev/null || { tail -20 "$WORK/infra.log"; exit 1; }
  sleep 0.1
done
[[ -f "$WORK/infra.ready" ]] || { say "PostgreSQL/Kafka not ready in 180 s"; exit 1; }
PG_PORT="$(sed -n 's/^pg.port=//p' "$WORK/infra.ready")"
KAFKA_PORT="$(sed -n 's/^kafka.port=//p' "$WORK/infra.ready")"
say "PostgreSQL 127.0.0.1:$PG_PORT, Kafka 127.0.0.1:$KAFKA_PORT"
java -cp embedded-infra/target/classes org.portfolio.infra.KeyGen "$WORK/keys" >/dev/null

# --- the packaged service --------------------------------------------------------------------------------------
start_service() {
  local cache="$1" log="$WORK/service-$1.log"
  # shellcheck disable=SC2086
  QUARKUS_HTTP_PORT=0 \
  QUARKUS_DATASOURCE_JDBC_URL="jdbc:postgresql://127.0.0.1:$PG_PORT/autonomy" \
  QUARKUS_DATASOURCE_USERNAME=postgres QUARKUS_DATASOURCE_PASSWORD=postgres \
  KAFKA_BOOTSTRAP_SERVERS="127.0.0.1:$KAFKA_PORT" \
  PORTFOLIO_JWT_PUBLIC_KEY_LOCATION="file:$WORK/keys/jwt-public.pem" \
  PORTFOLIO_AUTONOMY_RIGHTS_CACHE_ENABLED="$cache" \
    java $JAVA_OPTS_SERVICE -jar "$JAR" >"$log" 2>&1 </dev/null &
  SERVICE_PID=$!
  HTTP_PORT=""
  for _ in $(seq 1 1800); do
    kill -0 "$SERVICE_PID" 2>/dev/null || { tail -30 "$log"; exit 1; }
    HTTP_PORT="$(sed -n 's/.*Listening on: http:\/\/[^:]*:\([0-9]*\).*/\1/p' "$log" | head -1)"
    [[ -n "$HTTP_PORT" ]] && [[ "$(http_status "$HTTP_PORT" /q/health/ready)" == 200 ]] && break
    sleep 0.1
  done
  [[ "$(http_status "$HTTP_PORT" /q/health/ready)" == 200 ]] || { say "autonomy-service not ready"; tail -30 "$log"; exit 1; }
  BASE="http://127.0.0.1:$HTTP_PORT"
  say "autonomy-service (cache enabled=$cache) ready at $BASE, pid $SERVICE_PID"
}

http_status() {
  local port="$1" path="$2" line
  if ! { exec 3<>"/dev/tcp/127.0.0.1/$port"; } 2>/dev/null; then echo 000; return; fi
  printf 'GET %s HTTP/1.0\r\nHost: localhost\r\nConnection: close\r\n\r\n' "$path" >&3
  IFS= read -r -t 5 line <&3 || line=""
  exec 3>&- 3<&- || true
  line="${line#HTTP/1.? }"; echo "${line:0:3}"
}

bench() { java -Xmx256m -Dorg.slf4j.simpleLogger.defaultLogLevel=warn -cp "$LIBS" "$BENCH" "$@"; }

start_service true
bench seed --base "$BASE" --kafka "127.0.0.1:$KAFKA_PORT" --key "$WORK/keys/jwt-private.pem" --schools "$SCHOOLS"

say ""
say "== decision-rights check, $SCHOOLS schools, cache on =="
bench measure --base "$BASE" --pid "$SERVICE_PID" --key "$WORK/keys/jwt-private.pem" --schools "$SCHOOLS" --threads 1 \
  --warmup "$WARMUP" --duration "$DURATION" --auth token --label "cached, 1 client"
bench measure --base "$BASE" --pid "$SERVICE_PID" --key "$WORK/keys/jwt-private.pem" --schools "$SCHOOLS" --threads "$THREADS" \
  --warmup "$WARMUP" --duration "$DURATION" --auth token --label "cached, $THREADS clients"
bench measure --base "$BASE" --pid "$SERVICE_PID" --key "$WORK/keys/jwt-private.pem" --schools "$SCHOOLS" --threads "$THREADS" \
  --warmup "$WARMUP" --duration "$DURATION" --auth anonymous --label "cached, $THREADS clients"

if [[ "$UNCACHED" == 1 ]]; then
  stop_pid "$SERVICE_PID" autonomy-service
  start_service false
  say ""
  say "== decision-rights check, $SCHOOLS schools, cache off (every check reads PostgreSQL) =="
  bench measure --base "$BASE" --pid "$SERVICE_PID" --key "$WORK/keys/jwt-private.pem" --schools "$SCHOOLS" --threads 1 \
    --warmup "$WARMUP" --duration "$DURATION" --auth token --label "uncached, 1 client"
  bench measure --base "$BASE" --pid "$SERVICE_PID" --key "$WORK/keys/jwt-private.pem" --schools "$SCHOOLS" --threads "$THREADS" \
    --warmup "$WARMUP" --duration "$DURATION" --auth token --label "uncached, $THREADS clients"
  stop_pid "$SERVICE_PID" autonomy-service
  start_service true
fi

say ""
say "== event hop (consumer path) =="
bench hop --base "$BASE" --kafka "127.0.0.1:$KAFKA_PORT" --key "$WORK/keys/jwt-private.pem" --schools "$SCHOOLS" \
  --samples "$HOP_SAMPLES"
say ""
say "Load after: $(cat /proc/loadavg)"
