#!/usr/bin/env bash
# performance-service ingestion benchmark: 1,000,000 student assessment rows through the HTTP API, as CSV and as
# JSON, into PostgreSQL, merged and aggregated (metrics, ratings, events), with the service's heap capped at 512 MB.
#
#   benchmarks/performance-ingestion/run.sh [--rows N] [--schools N] [--keep]
#
# Starts its own PostgreSQL + Kafka (embedded-infra, free ports, fresh temporary directory, fsync on) and the
# packaged service (java -Xmx512m -XX:+UseSerialGC -jar performance-service/target/quarkus-app/quarkus-run.jar),
# registers the schools through real SchoolRegistered events, generates the data, posts it, prints the figures
# (also written to report.txt in the work directory) and stops exactly what it started. Builds what is missing.
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
HERE="$ROOT/benchmarks/performance-ingestion"
ROWS=1000000
SCHOOLS=200
KEEP=0
while [[ $# -gt 0 ]]; do
  case "$1" in
    --rows) ROWS="$2"; shift 2 ;;
    --schools) SCHOOLS="$2"; shift 2 ;;
    --keep) KEEP=1; shift ;;
    *) echo "unknown option $1" >&2; exit 1 ;;
  esac
done

JAR="$ROOT/performance-service/target/quarkus-app/quarkus-run.jar"
INFRA_CP="$ROOT/embedded-infra/target/classes:$ROOT/embedded-infra/target/lib/*"
newest_source="$(find "$ROOT/performance-service/src/main" -type f -newer "$JAR" 2>/dev/null | head -1 || true)"
if [[ ! -f "$JAR" || -n "$newest_source" || ! -d "$ROOT/embedded-infra/target/lib" ]]; then
  echo "Building performance-service and embedded-infra (./mvnw -q -pl performance-service -am package -DskipTests)"
  (cd "$ROOT" && ./mvnw -B -q -pl performance-service,embedded-infra -am package -DskipTests)
fi

WORK="$(mktemp -d "${TMPDIR:-/tmp}/perf-bench-XXXXXX")"
INFRA_PID=""; SERVICE_PID=""
cleanup() {
  [[ -n "$SERVICE_PID" ]] && kill -TERM "$SERVICE_PID" 2>/dev/null && wait "$SERVICE_PID" 2>/dev/null || true
  [[ -n "$INFRA_PID" ]] && kill -TERM "$INFRA_PID" 2>/dev/null && wait "$INFRA_PID" 2>/dev/null || true
  if [[ $KEEP == 0 ]]; then rm -rf "$WORK"; else echo "work directory kept: $WORK"; fi
}
trap cleanup EXIT

mkdir -p "$WORK/classes"
javac -q -d "$WORK/classes" -cp "$INFRA_CP" "$HERE/BenchTool.java" 2>/dev/null || javac -d "$WORK/classes" -cp "$INFRA_CP" "$HERE/BenchTool.java"
TOOL=(java -Dorg.slf4j.simpleLogger.defaultLogLevel=warn -cp "$WORK/classes:$INFRA_CP" BenchTool)
java -cp "$INFRA_CP" org.portfolio.infra.KeyGen "$WORK/keys" >/dev/null

echo "Starting PostgreSQL and Kafka in $WORK"
java -Xmx512m -XX:+UseSerialGC -Dorg.slf4j.simpleLogger.defaultLogLevel=warn -cp "$INFRA_CP" org.portfolio.infra.InfraMain \
  --data-dir "$WORK/data" --keep-data --pg-port 0 --kafka-port 0 --controller-port 0 --databases performance \
  --ready-file "$WORK/infra.ready" >"$WORK/infra.log" 2>&1 </dev/null &
INFRA_PID=$!
for _ in $(seq 1 1800); do
  [[ -f "$WORK/infra.ready" ]] && break
  kill -0 "$INFRA_PID" 2>/dev/null || { cat "$WORK/infra.log"; exit 1; }
  sleep 0.1
done
PG_PORT="$(sed -n 's/^pg.port=//p' "$WORK/infra.ready")"
KAFKA_PORT="$(sed -n 's/^kafka.port=//p' "$WORK/infra.ready")"
HTTP_PORT="$("${TOOL[@]}" free-port)"

echo "Starting performance-service on :$HTTP_PORT (-Xmx512m; PostgreSQL :$PG_PORT, Kafka :$KAFKA_PORT)"
QUARKUS_HTTP_PORT="$HTTP_PORT" \
QUARKUS_DATASOURCE_JDBC_URL="jdbc:postgresql://127.0.0.1:$PG_PORT/performance" \
KAFKA_BOOTSTRAP_SERVERS="127.0.0.1:$KAFKA_PORT" \
PORTFOLIO_JWT_PUBLIC_KEY_LOCATION="file:$WORK/keys/jwt-public.pem" \
PORTFOLIO_PERFORMANCE_RETENTION_HASH_KEY="$(head -c 32 /dev/urandom | base64)" \
  java -Xmx512m -XX:+UseSerialGC "-Xlog:gc:file=$WORK/gc.log" -jar "$JAR" >"$WORK/service.log" 2>&1 </dev/null &
SERVICE_PID=$!
for _ in $(seq 1 1800); do
  code="$(curl -s -o /dev/null -w '%{http_code}' "http://127.0.0.1:$HTTP_PORT/q/health/ready" || true)"
  [[ "$code" == 200 ]] && break
  kill -0 "$SERVICE_PID" 2>/dev/null || { tail -50 "$WORK/service.log"; exit 1; }
  sleep 0.2
done

"${TOOL[@]}" run --url "http://127.0.0.1:$HTTP_PORT" --bootstrap "127.0.0.1:$KAFKA_PORT" --key "$WORK/keys/jwt-private.pem" \
  --work "$WORK" --rows "$ROWS" --schools "$SCHOOLS" --pid "$SERVICE_PID" --gc-log "$WORK/gc.log" --service-log "$WORK/service.log"
