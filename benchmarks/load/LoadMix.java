import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.HdrHistogram.Histogram;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Load program of benchmarks/load/run.sh (run it through that script): everything through the gateway, with real
 * API clients registered through the admin API and real tokens from /oauth/token.
 *
 * <pre>
 * java -cp 'embedded-infra/target/lib/*' benchmarks/load/LoadMix.java --gateway URL --home PORTFOLIO_HOME
 *      [--schools 60] [--duration 60] [--threads 8] [--rate 0] [--warmup 20] [--chain-samples 20] [--seed-threads 6]
 * </pre>
 *
 * 1. seeds a district: an oversight body; N schools registered and opened; for each an ACTIVE contract (PEOPLE
 *    full-with-expectations guarded by TEACHER_VACANCIES ≤ 3, TIME full, MONEY earned); SIS data (teacher vacancies
 *    that meet the benchmark, ELA and MATH results of 40 students); plus the schools the chain samples will use;
 * 2. runs the mix for the duration, each request class with its own latency histogram, either from T closed-loop
 *    threads (rate 0: each sends its next request when the last is answered, which saturates the machine) or at a
 *    fixed rate (open loop: a request is due every 1/rate s, sent by one of T threads, its latency counted from
 *    when it was due):
 *    decision-rights checks (the hottest path), oversight queries (contract lists with filters, scorecards, school
 *    standing, the autonomy portfolio view), SIS bulk posts (25 assessment rows), public reads;
 * 3. meanwhile, the flagship chain K times: an SIS client of a fresh school posts a TEACHER_VACANCIES value that
 *    misses the benchmark guarding PEOPLE; the time until the decision-rights check for HIRE_TEACHERS answers
 *    DISTRICT through the gateway.
 */
public class LoadMix {

    static final ObjectMapper JSON = new ObjectMapper();
    static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10))
            .executor(Executors.newFixedThreadPool(4)).build();
    static final String[] DECISIONS = {"HIRE_TEACHERS", "DISMISS_STAFF", "SET_STAFFING_MODEL", "SET_SCHOOL_CALENDAR",
            "SET_BELL_SCHEDULE", "EXTEND_SCHOOL_DAY", "ALLOCATE_BUDGET", "CHOOSE_VENDORS", "CHOOSE_CURRICULUM"};

    static String gateway;
    static String year;

    record Answer(int status, String body) {
        JsonNode json() {
            try {
                return JSON.readTree(body);
            } catch (Exception e) {
                throw new IllegalStateException("not JSON: " + body);
            }
        }
    }

    /** One request class of the mix: weight, latency histogram (µs), error counts by status. */
    static final class Kind {
        final String name;
        final int weight;
        final Histogram latency = new Histogram(60_000_000L, 3);
        final Map<Integer, AtomicLong> errors = new ConcurrentHashMap<>();
        final AtomicLong count = new AtomicLong();
        final Map<Integer, String> samples = new ConcurrentHashMap<>();

        Kind(String name, int weight) {
            this.name = name;
            this.weight = weight;
        }
    }

    public static void main(String[] args) throws Exception {
        Map<String, String> o = new HashMap<>();
        for (int i = 0; i + 1 < args.length; i += 2) {
            o.put(args[i].replaceFirst("^--", ""), args[i + 1]);
        }
        gateway = o.get("gateway");
        Path home = Path.of(o.get("home"));
        int[] sizes = java.util.Arrays.stream(o.getOrDefault("sizes", o.getOrDefault("schools", "60")).split(","))
                .map(String::trim).filter(x -> !x.isEmpty()).mapToInt(Integer::parseInt).toArray();
        for (int k = 1; k < sizes.length; k++) {
            if (sizes[k] <= sizes[k - 1]) {
                throw new IllegalArgumentException("sizes must grow: " + java.util.Arrays.toString(sizes));
            }
        }
        int duration = Integer.parseInt(o.getOrDefault("duration", "60"));
        int threads = Integer.parseInt(o.getOrDefault("threads", "8"));
        int samples = Integer.parseInt(o.getOrDefault("chain-samples", "20"));
        int seedThreads = Integer.parseInt(o.getOrDefault("seed-threads", "6"));
        double rate = Double.parseDouble(o.getOrDefault("rate", "0"));
        int warmup = Integer.parseInt(o.getOrDefault("warmup", "20"));
        // the first size is measured on JVMs a few minutes old: a longer warm-up keeps the JIT out of its column
        int firstWarmup = Integer.parseInt(o.getOrDefault("first-warmup", Integer.toString(warmup)));
        year = schoolYear(0);
        try {
            run(home, sizes, duration, threads, samples, seedThreads, rate, warmup, firstWarmup);
        } catch (Throwable t) {
            t.printStackTrace();
            System.exit(1);
        }
        System.exit(0);
    }

    /** What one district size measured. */
    record Stage(int size, int fresh, double seedSeconds, List<Kind> kinds, Histogram overall, long errors, Histogram chain,
                 Histogram[] hops, List<String> chainFailures, String loadAt, String loadEnd) {
    }

    /** SIS rows of how many schools one seeding post carries (the ingest API takes rows of many schools in one upload). */
    static final int SIS_SEED_BATCH = 20;

    static void run(Path home, int[] sizes, int duration, int threads, int samples, int seedThreads, double rate, int warmup,
                    int firstWarmup) throws Exception {
        Map<String, String> env = new HashMap<>();
        for (String line : Files.readAllLines(home.resolve("keys/bootstrap-admin.env"))) {
            int eq = line.indexOf('=');
            if (eq > 0) {
                env.put(line.substring(0, eq), line.substring(eq + 1));
            }
        }
        String bootstrap = token(env.get("PORTFOLIO_GATEWAY_BOOTSTRAP_CLIENT_ID"), env.get("PORTFOLIO_GATEWAY_BOOTSTRAP_CLIENT_SECRET"));
        String admin = client(bootstrap, "load district admin", List.of("DISTRICT_ADMIN"), Map.of("schools", List.of()));
        String oversight = client(bootstrap, "load oversight", List.of("OVERSIGHT"), Map.of("schools", List.of()));
        // the district-wide SIS: role SIS, scope allSchools (every school of the district, also those seeded later)
        String sis = client(bootstrap, "load SIS", List.of("SIS"), Map.of("allSchools", true));
        String body = id(must(post("/api/oversight-bodies", admin, Map.of("name", "Load Board of Education " + UUID.randomUUID(),
                "kind", "SCHOOL_BOARD", "contactEmail", "board@load.example.org")), 201));

        List<String[]> district = new ArrayList<>();
        List<Stage> stages = new ArrayList<>();
        int freshSoFar = 0;
        for (int size : sizes) {
            // ------------------------------------------------------------ grow the district to `size`
            long t0 = System.nanoTime();
            int from = district.size();
            List<String[]> added = parallel(seedThreads, size - from, i -> school(admin, body, from + i, true));
            district.addAll(added);
            double schoolsSeconds = (System.nanoTime() - t0) / 1e9;
            int batches = (added.size() + SIS_SEED_BATCH - 1) / SIS_SEED_BATCH;
            parallel(seedThreads, batches, b -> {
                List<Map<String, Object>> metrics = new ArrayList<>();
                List<Map<String, Object>> rows = new ArrayList<>();
                for (int i = b * SIS_SEED_BATCH; i < Math.min(added.size(), (b + 1) * SIS_SEED_BATCH); i++) {
                    String s = added.get(i)[0];
                    metrics.add(Map.of("schoolId", s, "schoolYear", year, "metricCode", "TEACHER_VACANCIES", "value", 1 + (from + i) % 3, "n", 40));
                    rows.addAll(assessments(s, 40, "seed"));
                }
                must(post("/api/performance/ingest/school-metrics", sis, metrics), 201);
                must(post("/api/performance/ingest/assessments", sis, rows), 201);
                return null;
            });
            double sisSeconds = (System.nanoTime() - t0) / 1e9 - schoolsSeconds;
            // fresh schools for this size's chain samples, each with its own SIS client; their PEOPLE grant live
            int freshBase = freshSoFar;
            List<String[]> fresh = parallel(seedThreads, samples, i -> school(admin, body, 10_000 + freshBase + i, false));
            freshSoFar += samples;
            List<String> freshSis = parallel(seedThreads, samples, i -> client(bootstrap, "load SIS fresh " + (freshBase + i),
                    List.of("SIS"), Map.of("schools", List.of(fresh.get(i)[0]))));
            for (String[] s : fresh) {
                awaitDecidedBy(s[0], "SCHOOL", admin, 300_000);
            }
            // the whole district's PEOPLE grants live (the autonomy consumer has caught up with the seed's events)
            for (int i = from; i < district.size(); i += Math.max(1, (district.size() - from) / 10)) {
                awaitDecidedBy(district.get(i)[0], "SCHOOL", admin, 300_000);
            }
            awaitDecidedBy(district.get(district.size() - 1)[0], "SCHOOL", admin, 300_000);
            double seedSeconds = (System.nanoTime() - t0) / 1e9;
            System.out.printf("%nseed: district grown from %d to %d schools with ACTIVE contracts, SIS data and live PEOPLE grants "
                            + "(+%d fresh schools for this size's chain, %d fresh in all) in %.1f s (schools and contracts %.1f s, "
                            + "SIS data %.1f s in %d posts, fresh schools and waiting for grants %.1f s)%n",
                    from, size, samples, freshSoFar, seedSeconds, schoolsSeconds, sisSeconds, 2 * batches,
                    seedSeconds - schoolsSeconds - sisSeconds);
            stages.add(measure(size, freshSoFar, seedSeconds, List.copyOf(district), fresh, freshSis, body, oversight, sis,
                    duration, threads, samples, rate, stages.isEmpty() ? firstWarmup : warmup));
        }
        if (stages.size() > 1) {
            sideBySide(stages);
        }
        if (stages.stream().anyMatch(st -> !st.chainFailures().isEmpty() || st.chain().getTotalCount() == 0)) {
            System.exit(2);
        }
    }

    /** Warm-up, then the recorded mix over the district's current schools with the chain sampled meanwhile; prints it. */
    static Stage measure(int n, int freshInAll, double seedSeconds, List<String[]> district, List<String[]> fresh,
                         List<String> freshSis, String body, String oversight, String sis, int duration, int threads,
                         int samples, double rate, int warmup) throws Exception {
        List<Kind> kinds = kinds();
        int total = kinds.stream().mapToInt(k -> k.weight).sum();
        List<String> schoolIds = district.stream().map(s -> s[0]).toList();
        List<String> contracts = district.stream().map(s -> s[1]).toList();
        if (warmup > 0) {
            // the same mix, not recorded: JIT-compiles every request path in the five services and lets the seed's
            // event backlog drain, so the first seconds measured are not the suite's cold start
            long wStarted = System.nanoTime();
            Mix w = new Mix(kinds(), total, n, schoolIds, contracts, body, oversight, sis, wStarted,
                    new java.util.concurrent.atomic.AtomicLongArray(warmup + 1));
            start(w, rate, threads, wStarted + warmup * 1_000_000_000L).await();
            System.out.printf("warm-up: %d s of the same mix, not recorded%n", warmup);
        }
        String loadAt = load();
        long started = System.nanoTime();
        long end = started + duration * 1_000_000_000L;
        java.util.concurrent.atomic.AtomicLongArray slowest = new java.util.concurrent.atomic.AtomicLongArray(duration + 1);
        Mix mix = new Mix(kinds, total, n, schoolIds, contracts, body, oversight, sis, started, slowest);
        Driver driver = start(mix, rate, threads, end);
        // the flagship chain, paced over the run
        Histogram chain = new Histogram(60_000_000L, 3);
        // per sample: post sent, post answered, evaluated (contracts), revoked (autonomy), seen DISTRICT (epoch µs)
        long[][] hops = new long[samples][];
        List<String> chainFailures = java.util.Collections.synchronizedList(new ArrayList<>());
        // one sample every duration/samples seconds, each polling on its own (a slow one does not delay the next)
        ExecutorService chainPool = Executors.newFixedThreadPool(samples);
        List<Future<?>> chainRuns = new ArrayList<>();
        long interval = Math.max(100, duration * 1000L / samples);
        for (int k = 0; k < samples; k++) {
            int sample = k;
            chainRuns.add(chainPool.submit(() -> {
                Thread.sleep(sample * interval + interval / 4);
                String school = fresh.get(sample)[0];
                long c0 = System.nanoTime();
                long sent = epochMicros();
                Answer a = post("/api/performance/ingest/school-metrics", freshSis.get(sample), List.of(Map.of("schoolId", school,
                        "schoolYear", year, "metricCode", "TEACHER_VACANCIES", "value", 7, "n", 40)));
                long answered = epochMicros();
                if (a.status() != 201) {
                    chainFailures.add("post " + a.status() + " " + a.body());
                    return null;
                }
                while (System.nanoTime() - c0 < 60_000_000_000L) {
                    Answer c = get("/api/autonomy/schools/" + school + "/decision-rights/HIRE_TEACHERS", oversight);
                    if (c.status() == 200 && "DISTRICT".equals(c.json().path("decidedBy").asText())) {
                        long seen = epochMicros();
                        synchronized (chain) {
                            chain.recordValue((System.nanoTime() - c0) / 1000);
                        }
                        hops[sample] = new long[]{sent, answered, 0, 0, seen};
                        return null;
                    }
                    Thread.sleep(10);
                }
                chainFailures.add("school " + school + ": still SCHOOL after 60 s");
                return null;
            }));
        }
        driver.await();
        double seconds = (System.nanoTime() - started) / 1e9;
        for (Future<?> c : chainRuns) {
            c.get();
        }
        chainPool.shutdownNow();

        // ---------------------------------------------------------------- report
        Histogram all = new Histogram(60_000_000L, 3);
        long errors = 0;
        System.out.printf("%nmix: %s, %.0f s, %d schools (+%d chain schools); load when the mix started: %s%n", rate > 0
                ? String.format("open loop at %.0f req/s (up to %d requests in flight)", rate, threads)
                : threads + " client threads, closed loop", seconds, n, freshInAll, loadAt);
        System.out.printf("%-26s %8s %8s %9s %9s %9s %9s  %s%n", "request class", "count", "req/s", "p50 ms", "p95 ms", "p99 ms", "max ms", "non-2xx");
        for (Kind k : kinds) {
            all.add(k.latency);
            long e = k.errors.values().stream().mapToLong(AtomicLong::get).sum();
            errors += e;
            print(k.name, k.latency, seconds, k.errors.isEmpty() ? "0" : e + " " + k.errors);
        }
        kinds.forEach(k -> k.samples.forEach((st, b) -> System.out.printf("  first %d of %s: %s%n", st, k.name, b)));
        print("overall", all, seconds, errors + " (" + String.format("%.2f", 100.0 * errors / Math.max(1, all.getTotalCount())) + " %)");
        StringBuilder timeline = new StringBuilder();
        for (int i = 0; i < slowest.length(); i++) {
            timeline.append(i % 20 == 0 ? "\n  " + String.format("%3d s:", i) : "").append(String.format(" %5d", slowest.get(i) / 1000));
        }
        System.out.println("slowest answer (ms) of the requests due in each second of the mix:" + timeline);
        System.out.printf("%nchain \"benchmark missed -> autonomy revoked visible through the API\" (SIS post of a missing TEACHER_VACANCIES "
                        + "value -> check HIRE_TEACHERS says DISTRICT), under the mix: %d samples, p50 %.0f ms, p95 %.0f ms, max %.0f ms%s%n",
                chain.getTotalCount(), chain.getValueAtPercentile(50) / 1000.0, chain.getValueAtPercentile(95) / 1000.0,
                chain.getMaxValue() / 1000.0, chainFailures.isEmpty() ? "" : "; failures: " + chainFailures);
        Histogram[] hopHistograms = hopBreakdown(hops, fresh, oversight);
        String loadEnd = load();
        System.out.println("load at the end: " + loadEnd);
        return new Stage(n, freshInAll, seedSeconds, kinds, all, errors, chain, hopHistograms, chainFailures, loadAt, loadEnd);
    }

    /** The sizes side by side: each class's p50/p95 per size and its p95 at the largest size over the smallest. */
    static void sideBySide(List<Stage> stages) {
        Stage first = stages.get(0);
        Stage last = stages.get(stages.size() - 1);
        StringBuilder head = new StringBuilder(String.format("%n%-36s", "p50 / p95 ms by district size"));
        for (Stage st : stages) {
            head.append(String.format(" | %19s", String.format("%,d schools", st.size())));
        }
        head.append(String.format(" | p95 %,d/%,d", last.size(), first.size()));
        System.out.println(head);
        for (int k = 0; k < first.kinds().size(); k++) {
            int kind = k;
            row(first.kinds().get(k).name, stages, st -> st.kinds().get(kind).latency);
        }
        row("overall", stages, Stage::overall);
        row("chain (p50 / p95)", stages, Stage::chain);
        String[] hopNames = {"  chain: SIS post answered", "  chain: -> benchmark evaluated", "  chain: -> PEOPLE revoked",
                "  chain: -> check says DISTRICT"};
        for (int h = 0; h < hopNames.length; h++) {
            int hop = h;
            row(hopNames[h], stages, st -> st.hops()[hop]);
        }
        StringBuilder other = new StringBuilder(String.format("%-36s", "requests / non-2xx"));
        for (Stage st : stages) {
            other.append(String.format(" | %19s", st.overall().getTotalCount() + " / " + st.errors()));
        }
        System.out.println(other);
        StringBuilder chainMax = new StringBuilder(String.format("%-36s", "chain max ms"));
        for (Stage st : stages) {
            chainMax.append(String.format(" | %19.0f", st.chain().getMaxValue() / 1000.0));
        }
        System.out.println(chainMax);
        StringBuilder seed = new StringBuilder(String.format("%-36s", "seeding to this size (s)"));
        for (Stage st : stages) {
            seed.append(String.format(" | %19.1f", st.seedSeconds()));
        }
        System.out.println(seed);
        StringBuilder loads = new StringBuilder(String.format("%-36s", "load average at the mix's start"));
        for (Stage st : stages) {
            loads.append(String.format(" | %19s", st.loadAt().split(" ")[0]));
        }
        System.out.println(loads);
        boolean met = true;
        for (int k = 0; k < first.kinds().size(); k++) {
            met &= last.kinds().get(k).latency.getValueAtPercentile(95) <= 1.5 * first.kinds().get(k).latency.getValueAtPercentile(95);
        }
        System.out.printf("target: every class's p95 at %,d within 1.5x of its p95 at %,d: %s; chain p95 at %,d <= 1 s: %s%n",
                last.size(), first.size(), met ? "met" : "NOT met", last.size(),
                last.chain().getValueAtPercentile(95) <= 1_000_000 ? "met" : "NOT met");
    }

    static void row(String name, List<Stage> stages, java.util.function.Function<Stage, Histogram> h) {
        StringBuilder line = new StringBuilder(String.format("%-36s", name));
        for (Stage st : stages) {
            Histogram x = h.apply(st);
            line.append(String.format(" | %8.1f / %8.1f", x.getValueAtPercentile(50) / 1000.0, x.getValueAtPercentile(95) / 1000.0));
        }
        double a = h.apply(stages.get(0)).getValueAtPercentile(95);
        double b = h.apply(stages.get(stages.size() - 1)).getValueAtPercentile(95);
        line.append(String.format(" | %6.2fx", a == 0 ? 0 : b / a));
        System.out.println(line);
    }

    /**
     * Where the chain's time goes, from the services' own timestamps (one machine, one clock): the SIS post until its
     * answer (performance-service: ingest, recompute, outbox row); until contracts-service evaluated the benchmark
     * (relay, broker, consumer queue, evaluation: the scorecard's evaluatedAt); until autonomy-service revoked PEOPLE
     * (relay, broker, consumer queue, revocation: the grant history's REVOKED at); until the check through the gateway
     * said DISTRICT (cache invalidation, the 10 ms poll, the gateway).
     */
    static Histogram[] hopBreakdown(long[][] hops, List<String[]> fresh, String oversight) {
        String[] names = {"SIS post answered (performance)", "-> benchmark evaluated (contracts)",
                "-> PEOPLE revoked (autonomy)", "-> check says DISTRICT (gateway)"};
        Histogram[] h = new Histogram[names.length];
        for (int i = 0; i < h.length; i++) {
            h[i] = new Histogram(60_000_000L, 3);
        }
        int complete = 0;
        for (int k = 0; k < hops.length; k++) {
            long[] t = hops[k];
            if (t == null) {
                continue;
            }
            try {
                String school = fresh.get(k)[0];
                String contract = fresh.get(k)[1];
                for (JsonNode b : must(get("/api/contracts/" + contract + "/scorecard", oversight), 200).json().path("benchmarks")) {
                    if ("TEACHER_VACANCIES".equals(b.path("metricCode").asText()) && b.hasNonNull("evaluatedAt")) {
                        t[2] = micros(b.path("evaluatedAt").asText());
                    }
                }
                for (JsonNode e : must(get("/api/autonomy/schools/" + school + "/history?size=100", oversight), 200).json().path("items")) {
                    if ("REVOKED".equals(e.path("action").asText())) {
                        t[3] = micros(e.path("at").asText());
                    }
                }
            } catch (RuntimeException e) {
                System.out.println("  hop breakdown of sample " + k + ": " + e.getMessage());
                continue;
            }
            if (t[2] == 0 || t[3] == 0) {
                continue;
            }
            complete++;
            for (int i = 0; i < names.length; i++) {
                h[i].recordValue(Math.max(0, Math.min(t[i + 1] - t[i], 59_999_999L)));
            }
        }
        System.out.printf("chain hops (%d samples; each from the end of the previous one):%n", complete);
        for (int i = 0; i < names.length; i++) {
            System.out.printf("  %-36s p50 %7.1f ms   p95 %7.1f ms   max %7.1f ms%n", names[i],
                    h[i].getValueAtPercentile(50) / 1000.0, h[i].getValueAtPercentile(95) / 1000.0, h[i].getMaxValue() / 1000.0);
        }
        return h;
    }

    static long epochMicros() {
        java.time.Instant now = java.time.Instant.now();
        return now.getEpochSecond() * 1_000_000L + now.getNano() / 1000;
    }

    static long micros(String instant) {
        java.time.Instant i = java.time.Instant.parse(instant);
        return i.getEpochSecond() * 1_000_000L + i.getNano() / 1000;
    }

    static List<Kind> kinds() {
        return List.of(
                new Kind("decision-rights check", 40),
                new Kind("contract list (filters)", 8),
                new Kind("contract scorecard", 8),
                new Kind("school standing", 8),
                new Kind("autonomy portfolio view", 4),
                new Kind("SIS bulk post (25 rows)", 10),
                new Kind("public reads", 22));
    }

    /** Requests of the mix running until {@code end} (System.nanoTime); await() returns when all are answered. */
    record Driver(ExecutorService pool, List<Future<?>> workers) {
        void await() throws Exception {
            for (Future<?> w : workers) {
                w.get();
            }
            pool.shutdown();
            if (!pool.awaitTermination(2, java.util.concurrent.TimeUnit.MINUTES)) {
                throw new IllegalStateException("requests of the mix still unanswered 2 minutes after the end");
            }
        }
    }

    /**
     * rate 0: {@code threads} closed-loop clients, each sending its next request when the last is answered. rate > 0:
     * open loop, a request due every 1/rate s whatever the answers take, sent by one of {@code threads} threads; its
     * latency counts from the moment it was due, so time spent waiting for a free thread is counted (no coordinated
     * omission).
     */
    static Driver start(Mix mix, double rate, int threads, long end) {
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        List<Future<?>> workers = new ArrayList<>();
        if (rate > 0) {
            long periodNanos = Math.round(1e9 / rate);
            ExecutorService dispatcher = Executors.newSingleThreadExecutor();
            workers.add(dispatcher.submit(() -> {
                long due = System.nanoTime();
                while (due < end) {
                    long wait = due - System.nanoTime();
                    if (wait > 0) {
                        Thread.sleep(wait / 1_000_000, (int) (wait % 1_000_000));
                    }
                    long dueAt = due;
                    pool.submit(() -> mix.one(ThreadLocalRandom.current(), dueAt));
                    due += periodNanos;
                }
                return null;
            }));
            dispatcher.shutdown();
        } else {
            for (int t = 0; t < threads; t++) {
                workers.add(pool.submit(() -> {
                    while (System.nanoTime() < end) {
                        mix.one(ThreadLocalRandom.current(), System.nanoTime());
                    }
                    return null;
                }));
            }
        }
        return new Driver(pool, workers);
    }

    /** The request classes of the mix and what they ask for; one() picks a class by weight, sends it, records it. */
    record Mix(List<Kind> kinds, int total, int n, List<String> schoolIds, List<String> contracts, String body,
               String oversight, String sis, long started, java.util.concurrent.atomic.AtomicLongArray slowest) {

        /** One request; its latency counts from {@code due} (System.nanoTime) until the answer. */
        void one(ThreadLocalRandom r, long due) {
            int pick = r.nextInt(total);
            Kind kind = kinds.get(0);
            for (Kind k : kinds) {
                if (pick < k.weight) {
                    kind = k;
                    break;
                }
                pick -= k.weight;
            }
            int i = r.nextInt(n);
            Answer a = switch (kind.name) {
                case "decision-rights check" -> get("/api/autonomy/schools/" + schoolIds.get(i) + "/decision-rights/"
                        + DECISIONS[r.nextInt(DECISIONS.length)], r.nextBoolean() ? oversight : null);
                case "contract list (filters)" -> get(switch (r.nextInt(3)) {
                    case 0 -> "/api/contracts?status=ACTIVE&size=50";
                    case 1 -> "/api/contracts?oversightBodyId=" + body + "&schoolType=CHARTER&size=20";
                    default -> "/api/contracts?status=ACTIVE&interventionAtLeast=NOTICE_OF_CONCERN&size=50";
                }, oversight);
                case "contract scorecard" -> get("/api/contracts/" + contracts.get(i) + "/scorecard", oversight);
                case "school standing" -> get("/api/schools/" + schoolIds.get(i) + "/standing", oversight);
                case "autonomy portfolio view" -> get("/api/autonomy/portfolio?size=50&page=" + r.nextInt(2), oversight);
                case "SIS bulk post (25 rows)" -> post("/api/performance/ingest/assessments", sis,
                        assessments(schoolIds.get(i), 25, "load" + r.nextInt(1_000_000)));
                default -> get(switch (r.nextInt(4)) {
                    case 0 -> "/api/schools?status=OPEN&size=50";
                    case 1 -> "/api/schools/" + schoolIds.get(i);
                    case 2 -> "/api/performance/public/schools?size=50&schoolYear=" + year;
                    default -> "/api/autonomy/decision-catalog/decisions";
                }, null);
            };
            long us = (System.nanoTime() - due) / 1000;
            int second = (int) ((due - started) / 1_000_000_000L);
            if (second >= 0 && second < slowest.length()) {
                slowest.accumulateAndGet(second, us, Math::max);
            }
            synchronized (kind.latency) {
                kind.latency.recordValue(Math.min(us, 59_999_999L));
            }
            kind.count.incrementAndGet();
            if (a.status() < 200 || a.status() > 299) {
                kind.errors.computeIfAbsent(a.status(), x -> new AtomicLong()).incrementAndGet();
                kind.samples.putIfAbsent(a.status(), LAST.get() + " → " + a.body().substring(0, Math.min(300, a.body().length())));
            }
        }
    }

    static void print(String name, Histogram h, double seconds, String errors) {
        System.out.printf("%-26s %8d %8.1f %9.1f %9.1f %9.1f %9.1f  %s%n", name, h.getTotalCount(), h.getTotalCount() / seconds,
                h.getValueAtPercentile(50) / 1000.0, h.getValueAtPercentile(95) / 1000.0, h.getValueAtPercentile(99) / 1000.0,
                h.getMaxValue() / 1000.0, errors);
    }

    // ---------------------------------------------------------------- seeding

    /** School i: registered, opened, its contract drafted and activated. Returns {schoolId, contractId}. */
    static String[] school(String admin, String body, int i, boolean district) {
        String code = (district ? "L-" : "F-") + String.format("%05d", i) + "-" + UUID.randomUUID().toString().substring(0, 4);
        String type = switch (i % 4) {
            case 0 -> "CHARTER";
            case 1 -> "INNOVATION";
            case 2 -> "CONTRACT";
            default -> "MAGNET";
        };
        Map<String, Object> school = new LinkedHashMap<>();
        school.put("districtCode", code);
        school.put("name", (district ? "Load School " : "Chain School ") + code);
        school.put("type", type);
        school.put("grades", List.of("6", "7", "8"));
        school.put("zone", "Z" + (i % 5));
        school.put("oversightBodyId", body);
        String id = id(must(post("/api/schools", admin, school), 201));
        must(post("/api/schools/" + id + "/decisions", admin, Map.of("decision", "OPEN", "reason", "Approved by the board")), 201);
        Map<String, Object> draft = new LinkedHashMap<>();
        draft.put("schoolId", id);
        draft.put("term", Map.of("startYear", year, "endYear", schoolYear(2)));
        draft.put("provisions", List.of(
                Map.of("domain", "PEOPLE", "model", "FULL_WITH_EXPECTATIONS", "scope", "Hiring and staffing"),
                Map.of("domain", "TIME", "model", "FULL_WITH_EXPECTATIONS", "scope", "Calendar and schedule"),
                Map.of("domain", "MONEY", "model", "EARNED", "scope", "Budget", "eligibility", Map.of("minimumTier", "MEETS", "consecutiveYears", 2))));
        draft.put("benchmarks", List.of(Map.of("metricCode", "TEACHER_VACANCIES", "comparator", "LTE", "target", 3, "period", year,
                "category", "ORGANIZATIONAL", "guardsDomains", List.of("PEOPLE"), "missTriggers", "NOTICE_OF_CONCERN", "reinstateOnMet", true)));
        String contract = id(must(post("/api/contracts", admin, draft), 201));
        must(post("/api/contracts/" + contract + "/activation", admin, Map.of("reason", "Board approval")), 200, 201);
        return new String[]{id, contract};
    }

    static List<Map<String, Object>> assessments(String school, int students, String batch) {
        List<Map<String, Object>> rows = new ArrayList<>();
        ThreadLocalRandom r = ThreadLocalRandom.current();
        for (int s = 0; s < students; s++) {
            String subject = s % 2 == 0 ? "ELA" : "MATH";
            Map<String, Object> row = new LinkedHashMap<>();
            row.put("schoolId", school);
            row.put("schoolYear", year);
            row.put("studentId", batch + "-" + (s / 2));
            row.put("subject", subject);
            row.put("testCode", "STATE_SUMMATIVE");
            row.put("gradeLevel", Integer.toString(6 + r.nextInt(3)));
            row.put("performanceLevel", 1 + r.nextInt(5));
            row.put("scaleScore", 400 + r.nextInt(200));
            row.put("growthPercentile", 1 + r.nextInt(99));
            rows.add(row);
        }
        return rows;
    }

    static void awaitDecidedBy(String school, String who, String token, long timeoutMs) throws Exception {
        long deadline = System.currentTimeMillis() + timeoutMs;
        Answer a = null;
        while (System.currentTimeMillis() < deadline) {
            a = get("/api/autonomy/schools/" + school + "/decision-rights/HIRE_TEACHERS", token);
            if (a.status() == 200 && who.equals(a.json().path("decidedBy").asText())) {
                return;
            }
            Thread.sleep(100);
        }
        throw new IllegalStateException("school " + school + ": HIRE_TEACHERS not decided by " + who + ": " + (a == null ? "" : a.body()));
    }

    interface Task<T> {
        T run(int i) throws Exception;
    }

    static <T> List<T> parallel(int threads, int n, Task<T> task) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        try {
            List<Future<T>> fs = new ArrayList<>();
            for (int i = 0; i < n; i++) {
                int k = i;
                fs.add(pool.submit(() -> task.run(k)));
            }
            List<T> out = new ArrayList<>();
            for (Future<T> f : fs) {
                out.add(f.get());
            }
            return out;
        } finally {
            pool.shutdownNow();
        }
    }

    // ---------------------------------------------------------------- HTTP

    /** An API client registered through the admin API with these roles and school scope (schools, allSchools, ...). */
    static String client(String bootstrap, String name, List<String> roles, Map<String, Object> scope) {
        Map<String, Object> request = new LinkedHashMap<>(scope);
        request.put("name", name + " " + UUID.randomUUID());
        request.put("roles", roles);
        JsonNode c = must(post("/api/admin/clients", bootstrap, request), 201).json();
        return token(c.path("clientId").asText(), c.path("clientSecret").asText());
    }

    static String token(String id, String secret) {
        HttpRequest r = HttpRequest.newBuilder(URI.create(gateway + "/oauth/token"))
                .header("Authorization", "Basic " + Base64.getEncoder().encodeToString((id + ":" + secret).getBytes(StandardCharsets.UTF_8)))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString("grant_type=client_credentials")).build();
        return must(send(r), 200).json().path("access_token").asText();
    }

    static final ThreadLocal<String> LAST = new ThreadLocal<>();

    static Answer get(String path, String token) {
        LAST.set("GET " + path);
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(gateway + path)).timeout(Duration.ofSeconds(30)).GET();
        if (token != null) {
            b.header("Authorization", "Bearer " + token);
        }
        return send(b.build());
    }

    static Answer post(String path, String token, Object body) {
        LAST.set("POST " + path);
        try {
            HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(gateway + path)).timeout(Duration.ofSeconds(30))
                    .header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofByteArray(JSON.writeValueAsBytes(body)));
            if (token != null) {
                b.header("Authorization", "Bearer " + token);
            }
            return send(b.build());
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    static Answer send(HttpRequest r) {
        try {
            HttpResponse<String> a = HTTP.send(r, HttpResponse.BodyHandlers.ofString());
            return new Answer(a.statusCode(), a.body());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return new Answer(0, "interrupted");
        } catch (Exception e) {
            return new Answer(0, e.toString());
        }
    }

    static Answer must(Answer a, int... expected) {
        for (int e : expected) {
            if (a.status() == e) {
                return a;
            }
        }
        throw new IllegalStateException("expected " + java.util.Arrays.toString(expected) + ", got " + a.status() + ": " + a.body());
    }

    static String id(Answer a) {
        return a.json().path("id").asText();
    }

    static String schoolYear(int n) {
        LocalDate today = LocalDate.now(ZoneOffset.UTC);
        int start = (today.getMonthValue() > 6 ? today.getYear() : today.getYear() - 1) + n;
        return start + "-" + String.format("%02d", (start + 1) % 100);
    }

    static String load() {
        try {
            return Files.readString(Path.of("/proc/loadavg")).trim();
        } catch (Exception e) {
            return "?";
        }
    }
}
