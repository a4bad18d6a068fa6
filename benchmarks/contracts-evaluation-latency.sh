#!/usr/bin/env bash
# Latency of the contracts hop of the flagship chain: MetricResultRecorded (a missed benchmark) sent to
# performance.events → BenchmarkEvaluated + InterventionEscalated read back from contracts.events, through
# contracts-service on a real PostgreSQL and Kafka (the test infrastructure: no Docker, free ports).
# Usage: benchmarks/contracts-evaluation-latency.sh
#   BENCH_SCHOOLS=200   events per phase
#   BENCH_PAUSE_MS=50   pause between events in the paced phase (50 ms = 20 events/s)
set -euo pipefail
cd "$(dirname "$0")/.."
echo "load before: $(uptime)"
PORTFOLIO_BENCHMARK=1 ./mvnw -B -q -pl contracts-service -am verify \
  -Dtest='org/portfolio/contracts/bench/EvaluationLatencyBenchmark' -Dsurefire.failIfNoSpecifiedTests=false
echo "load after: $(uptime)"
cat contracts-service/target/benchmarks/contracts-evaluation-latency.txt
