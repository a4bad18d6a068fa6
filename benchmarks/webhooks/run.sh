#!/usr/bin/env bash
# Webhook fan-out under a steady load, through the gateway, one command:
#
#   benchmarks/webhooks/run.sh
#
# Starts the whole suite with ./portfolio up in a temporary PORTFOLIO_HOME on free ports (nothing already running is
# touched, no default port is used), registers SUBSCRIPTIONS (20) webhook subscriptions to receivers in the driver's
# JVM, one of them dead throughout (it accepts connections and never answers), warms up (WARMUP, 12,000 school events
# of their own schools at the same rate through the same subscriptions, waited for until delivered, not recorded),
# then sends EVENTS (10,000) school events at RATE (50) per second through the public API, and prints the delivery
# latency after each event's commit (p50/p95/p99/max over every delivery to the healthy endpoints), missing
# deliveries, duplicates, bad signatures (checked with the standardwebhooks library) and order violations, the split
# of the latency from the databases (measured part only), the statements that took PostgreSQL's time (pg_stat_statements,
# loaded through PORTFOLIO_PG_SETTINGS and reset when the measured part starts), and the load average before, during
# and after; and how fast the machine itself was: the CPU time (perf's task-clock) of a fixed piece of work (sha256sum of 39 MB, sort
# of 4 MB) on the idle machine before the suite starts and after it stops, and every 30 s of the measured part, and the
# time the hypervisor took from this guest (steal, /proc/stat) while the measured part was sent: on a shared host the same
# work may cost more CPU time in one run than in another, and this tells a slow host from a slow suite.
# Stops everything it started (./portfolio down), also on Ctrl-C and on errors.
# Settings (environment): EVENTS, SUBSCRIPTIONS, RATE, SCHOOLS (200), WARMUP (12000: four minutes at 50/s, what contracts-service needs under this load before its JIT compiler is quiet (jstat, docs/benchmarks.md); 0 skips it), WARMUP_DRAIN (400 s,
# the longest wait for the warm-up's deliveries), KEEP_HOME (0; 1 keeps the logs).
# The token's lifetime is 30 minutes: enough for (WARMUP + EVENTS)/RATE well under that.
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
cd "$ROOT"
EVENTS="${EVENTS:-10000}"
SUBSCRIPTIONS="${SUBSCRIPTIONS:-20}"
RATE="${RATE:-50}"
SCHOOLS="${SCHOOLS:-200}"
KEEP_HOME="${KEEP_HOME:-0}"
WARMUP="${WARMUP:-12000}"
WARMUP_DRAIN="${WARMUP_DRAIN:-400}"
LIBS="embedded-infra/target/lib/*"
# the receivers verify signatures with the standardwebhooks library (integration-service's test dependency)
SWH_VERSION=1.1.0
SWH_JAR="${MAVEN_REPO:-$HOME/.m2/repository}/com/standardwebhooks/standardwebhooks/$SWH_VERSION/standardwebhooks-$SWH_VERSION.jar"
if [[ ! -f "$SWH_JAR" ]]; then
  ./mvnw -B -q dependency:get -Dartifact="com.standardwebhooks:standardwebhooks:$SWH_VERSION" -Dtransitive=false
fi

export PORTFOLIO_HOME
PORTFOLIO_HOME="$(mktemp -d "${TMPDIR:-/tmp}/portfolio-webhooks.XXXXXX")"
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
export PORTFOLIO_GATEWAY_RATE_LIMIT_CLIENT_MAX_IN_FLIGHT=1000000
export PORTFOLIO_READY_TIMEOUT="${PORTFOLIO_READY_TIMEOUT:-420}"
# pg_stat_statements loaded (reset when the measured part starts): where PostgreSQL's time goes, per statement
export PORTFOLIO_PG_SETTINGS="${PORTFOLIO_PG_SETTINGS:-shared_preload_libraries=pg_stat_statements}"
PSQL="$(command -v psql || ls /usr/lib/postgresql/*/bin/psql 2>/dev/null | tail -1 || true)"
pg() { PGPASSWORD=postgres "$PSQL" -h 127.0.0.1 -p "$PORTFOLIO_PG_PORT" -U postgres "$@"; }
GW="http://127.0.0.1:$PORTFOLIO_GATEWAY_PORT"
# the machine's speed: CPU milliseconds (task-clock) of sha256sum over 39 MB and of sort over 4 MB (the same bytes every
# run; about 0.3 CPU-seconds a sample, taken in the sampler's loop: the seven or so of the measured part add about
# 2 CPU-seconds to its machine total and delay the loop's next pass by as long)
CAL="$PORTFOLIO_HOME/calibration.txt"
CALSORT="$PORTFOLIO_HOME/calibration-sort.txt"
CALLOG="$PORTFOLIO_HOME/calibration.log"
seq -f '%.0f' 1 5000000 | rev >"$CAL"
seq -f '%.0f' 1 600000 | rev >"$CALSORT"
# perf may be missing or refused (perf_event_paranoid, a wrapper without the kernel's tools): then nothing is measured,
# and nothing else stops
PERF_OK=0
if command -v perf >/dev/null && perf stat -x, -e task-clock true >/dev/null 2>&1; then PERF_OK=1; fi
calibrate() { # label
  [[ $PERF_OK == 1 ]] || return 0
  local a b
  a="$( (perf stat -x, -e task-clock sha256sum "$CAL" 2>&1 >/dev/null || true) | awk -F, '/task-clock/ && $1 ~ /^[0-9.]+$/ { printf "%.0f", $1 }')" || true
  b="$( (perf stat -x, -e task-clock sort -S 64M "$CALSORT" 2>&1 >/dev/null || true) | awk -F, '/task-clock/ && $1 ~ /^[0-9.]+$/ { printf "%.0f", $1 }')" || true
  echo "$1 ${a:--} ${b:--}" >>"$CALLOG"
}
calibration_summary() { # label
  [[ -f "$CALLOG" ]] || { echo "RESULT machine speed $1: (perf missing or refused: not measured)"; return 0; }
  awk -v l="$1" '$1 == l && $2 != "" { n++; s[n] = $2; t[n] = $3 } END {
    if (!n) { print "RESULT machine speed " l ": (not measured)"; exit }
    printf "RESULT machine speed %s (CPU ms of a fixed sha256sum / sort, %d samples):", l, n
    for (i = 1; i <= n; i++) printf " %s/%s", s[i], t[i]; printf "\n" }' "$CALLOG"
}

DRIVER_PID=""
LOAD_PID=""
cleanup() {
  local rc=$?
  trap - EXIT INT TERM
  if [[ -n "$DRIVER_PID" ]] && kill -0 "$DRIVER_PID" 2>/dev/null; then kill -TERM "$DRIVER_PID" 2>/dev/null || true; fi
  if [[ -n "$LOAD_PID" ]]; then kill "$LOAD_PID" 2>/dev/null || true; fi
  echo "stopping the stack (./portfolio down)"
  ./portfolio down >"$PORTFOLIO_HOME/down.log" 2>&1 || cat "$PORTFOLIO_HOME/down.log"
  echo "load after the stack stopped: $(cat /proc/loadavg)"
  if [[ $rc == 0 ]]; then
    sleep 5; for _ in 1 2 3; do calibrate after; done
    calibration_summary after
  fi
  if [[ "$KEEP_HOME" == 1 || $rc != 0 ]]; then echo "logs kept in $PORTFOLIO_HOME/logs"; else rm -rf "$PORTFOLIO_HOME"; fi
  exit "$rc"
}
trap cleanup EXIT
trap 'exit 130' INT TERM

if [[ ! -d embedded-infra/target/lib ]]; then
  echo "Building (./mvnw -B -q -DskipTests package)"
  ./mvnw -B -q -DskipTests package
fi

echo "machine: $(nproc) cores, $(free -g | awk '/Mem:/ {print $2}') GiB, $(java -version 2>&1 | head -1)"
echo "load before: $(uptime)"
for _ in 1 2 3; do calibrate before; done
calibration_summary before
echo "starting the suite (./portfolio up) in $PORTFOLIO_HOME, gateway on $GW"
./portfolio up >"$PORTFOLIO_HOME/up.log" 2>&1 || { tail -40 "$PORTFOLIO_HOME/up.log"; exit 1; }
echo "load once the suite is up: $(uptime)"

# CPU time (clock ticks, utime + stime from /proc) of each process of the run, postgres summed over the postmaster and
# its backends, the machine's total from /proc/stat, and integration-service's threads summed by name (digits dropped)
ticks() { awk '{ sub(/^.*\) /, ""); print $12 + $13 }' "/proc/$1/stat" 2>/dev/null || echo 0; }
cpu_snapshot() { # file
  local f="$1" n pg pgt=0 c
  {
    echo "machine $(awk '/^cpu / { print $2 + $3 + $4 + $7 + $8 }' /proc/stat)"
    echo "steal $(awk '/^cpu / { print $9 }' /proc/stat)"
    for n in "$PORTFOLIO_HOME"/run/*.pid; do echo "$(basename "$n" .pid) $(ticks "$(cat "$n")")"; done
    [[ -n "$DRIVER_PID" ]] && echo "driver $(ticks "$DRIVER_PID")"
    # the JIT's compiler threads (C1 and C2) of every JVM: a share that falls as the JVMs warm up
    for n in "$PORTFOLIO_HOME"/run/*.pid ${DRIVER_PID:+driver}; do
      local pid name
      if [[ $n == driver ]]; then pid="$DRIVER_PID"; name=driver; else pid="$(cat "$n")"; name="$(basename "$n" .pid)"; fi
      # one line per compiler thread (jit:JVM/TID): the difference is taken per thread,
      # so a thread that ends between the snapshots is left out instead of taking its CPU out of the sum
      # (each file read on its own: mawk stops at the first file it cannot open, e.g. of a thread that just ended)
      local s
      for s in $(grep -l '^C[12] CompilerThre' /proc/"$pid"/task/*/comm 2>/dev/null | sed 's/comm$/stat/'); do
        awk -v n="$name" -v t="$(basename "$(dirname "$s")")" '{ sub(/^.*\) /, ""); print "jit:" n "/" t, $12 + $13 }' "$s" 2>/dev/null || true
      done
    done
    pg="$(head -1 "$PORTFOLIO_HOME/data/postgres/postmaster.pid" 2>/dev/null || true)"
    if [[ -n "$pg" ]]; then
      for c in "$pg" $(pgrep -P "$pg"); do pgt=$(( pgt + $(ticks "$c") )); done
      echo "postgres $pgt"
    fi
    if [[ -f "$PORTFOLIO_HOME/run/integration-service.pid" ]]; then
      n="$(cat "$PORTFOLIO_HOME/run/integration-service.pid")"
      for c in /proc/"$n"/task/*; do echo "$(tr -d '0-9 ' <"$c/comm")" "$(awk '{ sub(/^.*\) /, ""); print $12 + $13 }' "$c/stat")"; done 2>/dev/null \
        | awk '{ t[$1] += $2 } END { for (k in t) print "integration-thread:" k, t[k] }'
    fi
  } >"$f.tmp"
  mv "$f.tmp" "$f"
}

java -Xmx384m -XX:+UseSerialGC -cp "$LIBS:$SWH_JAR" benchmarks/webhooks/WebhookFanout.java --gateway "$GW" --home "$PORTFOLIO_HOME" \
  --events "$EVENTS" --subscriptions "$SUBSCRIPTIONS" --rate "$RATE" --schools "$SCHOOLS" --warmup "$WARMUP" \
  --warmup-drain "$WARMUP_DRAIN" &
DRIVER_PID=$!
# every 5 s the load average (epoch seconds, 1/5/15-minute averages); a CPU snapshot when the measured part starts
# (the driver writes measured-from) and when its updates are all sent (measured-sent)
LOADLOG="$PORTFOLIO_HOME/load.log"
( i=0; while :; do
    (( i++ % 5 == 0 )) && echo "$(date +%s) $(cut -d' ' -f1-3 /proc/loadavg)" >>"$LOADLOG"
    if [[ -f "$PORTFOLIO_HOME/measured-from" && ! -f "$PORTFOLIO_HOME/cpu-start" ]]; then
      cpu_snapshot "$PORTFOLIO_HOME/cpu-start"
      [[ -n "$PSQL" ]] && { pg -d postgres -qAt -c "create extension if not exists pg_stat_statements; select pg_stat_statements_reset()" >/dev/null 2>&1 || true; }
    fi
    [[ -f "$PORTFOLIO_HOME/measured-sent" && ! -f "$PORTFOLIO_HOME/cpu-end" ]] && cpu_snapshot "$PORTFOLIO_HOME/cpu-end"
    if [[ -f "$PORTFOLIO_HOME/cpu-start" && ! -f "$PORTFOLIO_HOME/cpu-end" ]] && (( i % 30 == 15 )); then calibrate measured; fi
    sleep 1
  done ) &
LOAD_PID=$!
set +e
wait "$DRIVER_PID"
rc=$?
set -e
DRIVER_PID=""
END_EPOCH="$(date +%s)"
# the sampler's last snapshot (taken when the driver wrote measured-sent) may still be on its way: wait for it
for _ in $(seq 1 30); do
  [[ ! -f "$PORTFOLIO_HOME/measured-sent" || -f "$PORTFOLIO_HOME/cpu-end" ]] && break
  sleep 1
done
kill "$LOAD_PID" 2>/dev/null || true
LOAD_PID=""
MF="$(cat "$PORTFOLIO_HOME/measured-from" 2>/dev/null || echo 1970-01-01T00:00:00Z)"
MF_EPOCH="$(date -d "$MF" +%s)"
awk -v mf="$MF_EPOCH" -v end="$END_EPOCH" '
  $1 < mf { if ($2 > wp) wp = $2; wn++ }
  $1 >= mf && $1 <= end { if ($2 > mp) mp = $2; ms += $2; mn++; if (!first) first = $2 }
  END {
    if (wn) printf "RESULT load average (1 min) during the warm-up: peak %.2f\n", wp
    if (mn) printf "RESULT load average (1 min) during the measured part: at its start %.2f, mean %.2f, peak %.2f (%d samples, every 5 s)\n", first, ms / mn, mp, mn
  }' "$LOADLOG" || true
echo "load after the driver (the suite still up): $(uptime)"
if [[ -f "$PORTFOLIO_HOME/cpu-start" && -f "$PORTFOLIO_HOME/cpu-end" ]]; then
  # CPU seconds between the two snapshots (the measured part's sending: its schools registered, then its updates)
  awk -v hz="$(getconf CLK_TCK)" 'NR == FNR { a[$1] = $2; next } { if ($2 == 0 && a[$1] > 0 && $1 !~ /^jit:/) next; d = ($2 - a[$1]) / hz; if ($1 == "machine") m = d; else if ($1 == "steal") st = d; else if ($1 ~ /^integration-thread:/) th[$1] = d; else if ($1 ~ /^jit:/) { k = substr($1, 5); sub(/\/.*/, "", k); jit[k] += d } else p[$1] = d; w = w > 0 ? w : 0 }
    END {
      printf "RESULT CPU seconds while the measured part was sent (machine total %.0f s; %s):", m, "per process"
      for (k in p) printf " %s=%.0f", k, p[k]; printf "\n"
      printf "RESULT CPU time the hypervisor took from this guest (steal) meanwhile: %.1f s\n", st
      jt = 0; printf "RESULT of which the JIT compiler threads (C1 and C2, per thread between the snapshots; lower bounds: the JVM starts and ends compiler threads as it needs them, and one that ended in between is not counted):"
      for (k in jit) { printf " %s=%.0f", k, jit[k]; jt += jit[k] }; printf " (total %.0f s)\n", jt
      n = 0; for (k in th) if (th[k] >= 1) { printf "%s %s=%.0f", (n++ ? "" : "RESULT integration-service threads (CPU s, >= 1 s):"), substr(k, 20), th[k] }; printf "\n"
    }' "$PORTFOLIO_HOME/cpu-start" "$PORTFOLIO_HOME/cpu-end" || true
  calibration_summary measured
  echo "RESULT measured part sent from $(stat -c %y "$PORTFOLIO_HOME/cpu-start" | cut -c12-19) to $(stat -c %y "$PORTFOLIO_HOME/cpu-end" | cut -c12-19)"
fi
# where the latency goes, from the integration database (the measured part only: events from its start on): the consumer's lag (event time -> stored in the feed, with
# its deliveries queued; stored_at is the start of the transaction that stored it), its rate and how many transactions
# it took (a row's xmin), and the dispatcher's (queued -> the acknowledged attempt started), over the healthy endpoints
if [[ -n "$PSQL" ]]; then
  # the statements that took PostgreSQL's time during the measured part (and the drain after it), per database
  pg -d postgres -At -F ' | ' -c "
    select 'RESULT pg statement', d.datname, s.calls, round(s.total_exec_time::numeric / 1000, 1) || ' s',
      round((s.total_exec_time / greatest(s.calls, 1))::numeric, 3) || ' ms/call', s.rows, left(regexp_replace(s.query, '\s+', ' ', 'g'), 160)
    from pg_stat_statements s join pg_database d on d.oid = s.dbid order by s.total_exec_time desc limit 25;" 2>/dev/null \
    || echo "(no pg_stat_statements figures)"
  PGPASSWORD=postgres "$PSQL" -h 127.0.0.1 -p "$PORTFOLIO_PG_PORT" -U postgres -d integration -At -F ' ' -c "
    select 'RESULT feed lag (event time -> in the feed): p50=' || round(1000 * percentile_cont(0.5) within group (order by x))
      || ' ms p95=' || round(1000 * percentile_cont(0.95) within group (order by x)) || ' ms max=' || round(1000 * max(x)) || ' ms'
    from (select extract(epoch from stored_at - occurred_at) x from feed_event where type like 'portfolio.contracts.School%' and occurred_at >= '$MF') f;
    select 'RESULT feed consumer: ' || count(*) || ' events, committed at the source over ' || round(extract(epoch from max(occurred_at)
      - min(occurred_at))) || ' s, stored over ' || round(extract(epoch from max(stored_at) - min(stored_at))) || ' s ('
      || round(count(*) / greatest(1, extract(epoch from max(stored_at) - min(stored_at)))) || '/s) in ' || count(distinct xmin::text)
      || ' transactions'
    from feed_event where type like 'portfolio.contracts.School%' and occurred_at >= '$MF';
    select 'RESULT dispatcher (queued -> acknowledged attempt): p50=' || round(1000 * percentile_cont(0.5) within group (order by x))
      || ' ms p95=' || round(1000 * percentile_cont(0.95) within group (order by x)) || ' ms max=' || round(1000 * max(x))
      || ' ms, ' || count(*) || ' delivered, ' || round(count(*) / greatest(1, extract(epoch from max(d) - min(d)))) || '/s'
    from (select extract(epoch from delivered_at - created_at) x, delivered_at d from webhook_delivery where state = 'DELIVERED' and created_at >= '$MF') q;
    select 'RESULT out of order already in the feed (a school''s updates committed out of their name''s order): ' || count(*)
      || ' (each counts once per healthy endpoint above)'
    from (select v, lag(v) over (partition by subject order by seq) before from (select seq, subject,
      substring(data::json->>'name' from ' v([0-9]+)\$')::int v from feed_event where type like 'portfolio.contracts.School%'
      and occurred_at >= '$MF') f) o
    where v < before;" \
    || echo "(no database figures: $PSQL failed)"
  PGPASSWORD=postgres "$PSQL" -h 127.0.0.1 -p "$PORTFOLIO_PG_PORT" -U postgres -d integration -At -F ' ' -c "
    select 'RESULT per 30 s of event time: ' || b || 's n=' || count(*) || ' feed-lag-p95='
      || round(1000 * percentile_cont(0.95) within group (order by extract(epoch from stored_at - occurred_at))) || 'ms events/tx='
      || round(count(*)::numeric / count(distinct tx), 1)
    from (select (30 * floor(extract(epoch from occurred_at - min(occurred_at) over ()) / 30))::int b, occurred_at, stored_at,
      xmin::text tx from feed_event where type like 'portfolio.contracts.School%' and occurred_at >= '$MF') f group by b order by b;" \
    || echo "(no database figures: $PSQL failed)"
  # the first hop: the contracts-service's outbox relay (commit -> acknowledged by Kafka)
  PGPASSWORD=postgres "$PSQL" -h 127.0.0.1 -p "$PORTFOLIO_PG_PORT" -U postgres -d contracts -At -F ' ' -c "
    select 'RESULT outbox relay (event time -> acknowledged by Kafka): p50=' || round(1000 * percentile_cont(0.5) within group (order by x))
      || ' ms p95=' || round(1000 * percentile_cont(0.95) within group (order by x)) || ' ms max=' || round(1000 * max(x)) || ' ms'
    from (select extract(epoch from sent_at - occurred_at) x from outbox_event where type like 'portfolio.contracts.School%' and occurred_at >= '$MF') f;" \
    || echo "(no outbox figures: $PSQL failed)"
fi
# the change-feed consumer's batches that failed (rolled back, then applied one by one) and its retries after lock
# contention, over the whole run (warm-up included), from integration-service's log
ILOG="$PORTFOLIO_HOME/logs/integration-service.log"
if [[ -f "$ILOG" ]]; then
  echo "RESULT change-feed consumer (whole run): $(grep -c 'change-feed: a batch of' "$ILOG" || true) batches rolled back," \
    "$(grep -c 'change-feed retries event' "$ILOG" || true) retries after lock contention," \
    "$(grep -c 'change-feed failed on event' "$ILOG" || true) failed attempts"
fi
exit "$rc"
