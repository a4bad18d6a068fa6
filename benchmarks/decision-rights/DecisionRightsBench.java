import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.HdrHistogram.Histogram;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyFactory;
import java.security.PrivateKey;
import java.security.Signature;
import java.security.spec.PKCS8EncodedKeySpec;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Load program of benchmarks/decision-rights/run.sh (run it through that script).
 *
 * <pre>
 * seed    --base URL --kafka HOST:PORT --key PEM --schools N
 *         publishes a district through contracts.events / performance.events exactly as docs/events.md shapes
 *         them (registrations, contract activations, ratings, benchmark misses and mets), then waits until the
 *         service's portfolio view shows every expected state
 * measure --base URL --key PEM --schools N --threads T --warmup S --duration S --auth token|anonymous --label L
 *         closed-loop GETs of /api/autonomy/schools/{s}/decision-rights/{d} (random school and decision, 20% with
 *         a date parameter) from T threads; prints p50/p90/p95/p99/max and throughput
 * hop     --base URL --kafka HOST:PORT --key PEM --schools N --samples K
 *         BenchmarkEvaluated(MISSED) published → the check answers DISTRICT, and → AutonomyRevoked on the topic
 * </pre>
 */
public class DecisionRightsBench {

    static final ObjectMapper JSON = new ObjectMapper();
    static final String[] DECISIONS = {"HIRE_TEACHERS", "DISMISS_STAFF", "SET_STAFFING_MODEL", "SET_SCHOOL_CALENDAR",
            "SET_BELL_SCHEDULE", "EXTEND_SCHOOL_DAY", "ALLOCATE_BUDGET", "CHOOSE_VENDORS", "CHOOSE_CURRICULUM",
            "CHOOSE_ASSESSMENTS", "PLAN_PROFESSIONAL_DEVELOPMENT"};

    public static void main(String[] args) throws Exception {
        Map<String, String> o = new HashMap<>();
        for (int i = 1; i + 1 < args.length; i += 2) {
            o.put(args[i].replaceFirst("^--", ""), args[i + 1]);
        }
        switch (args[0]) {
            case "seed" -> seed(o);
            case "measure" -> measure(o);
            case "hop" -> hop(o);
            default -> throw new IllegalArgumentException("seed | measure | hop");
        }
        System.exit(0); // HTTP and Kafka client threads must not keep the JVM alive
    }

    /** School i's id: the same in every phase, so measure and hop find what seed created. */
    static UUID school(int i) {
        return UUID.nameUUIDFromBytes(("bench-school-" + i).getBytes(StandardCharsets.UTF_8));
    }

    static String currentYear() {
        LocalDate t = LocalDate.now();
        int start = t.getMonthValue() >= 7 ? t.getYear() : t.getYear() - 1;
        return year(start);
    }

    static String year(int start) {
        return start + "-" + String.format("%02d", (start + 1) % 100);
    }

    // --- seed ---------------------------------------------------------------------------------------------------

    /** What the seed does to school i (deterministic). */
    record Plan(boolean wholePeople, boolean time, boolean earnedMoney, boolean programmatic, boolean rated,
                boolean missed, boolean metAgain) {
        static Plan of(int i) {
            Random r = new Random(school(i).getMostSignificantBits()); // well-mixed seed per school
            boolean missed = r.nextDouble() < 0.15;
            return new Plan(r.nextBoolean(), r.nextDouble() < 0.7, r.nextDouble() < 0.6, r.nextDouble() < 0.3,
                    r.nextDouble() < 0.5, missed, missed && r.nextDouble() < 1.0 / 3);
        }
    }

    static void seed(Map<String, String> o) throws Exception {
        int n = Integer.parseInt(o.get("schools"));
        String base = o.get("base");
        String token = token(o.get("key"), "DISTRICT_ADMIN");
        int start = Integer.parseInt(currentYear().substring(0, 4));
        long t0 = System.nanoTime();
        int events = 0;
        int expectPeopleDistrict = 0;
        int expectMoneySchool = 0;
        int grants = 0;
        try (KafkaProducer<String, byte[]> p = producer(o.get("kafka"))) {
            for (int i = 0; i < n; i++) {
                UUID s = school(i);
                Plan plan = Plan.of(i);
                Map<String, Object> reg = new LinkedHashMap<>();
                reg.put("schoolId", s);
                reg.put("districtCode", "B-" + String.format("%05d", i));
                reg.put("ncesId", null);
                reg.put("name", "Bench School " + String.format("%05d", i));
                reg.put("type", i % 3 == 0 ? "CHARTER" : "INNOVATION");
                reg.put("grades", List.of("K", "1", "2", "3", "4", "5"));
                reg.put("zone", "Z" + (i % 7));
                reg.put("oversightBodyId", UUID.nameUUIDFromBytes("bench-board".getBytes()));
                reg.put("status", "OPEN");
                send(p, "contracts.events", "/contracts", "portfolio.contracts.SchoolRegistered.v1", s, reg);

                UUID contract = UUID.nameUUIDFromBytes(("bench-contract-" + i).getBytes());
                List<Map<String, Object>> provisions = new ArrayList<>();
                provisions.add(provision("PEOPLE", "FULL_WITH_EXPECTATIONS",
                        plan.wholePeople ? List.of() : List.of("HIRE_TEACHERS", "SET_STAFFING_MODEL"), null));
                grants++;
                if (plan.time) {
                    provisions.add(provision("TIME", "FULL_WITH_EXPECTATIONS", List.of(), null));
                    grants++;
                }
                if (plan.earnedMoney) {
                    provisions.add(provision("MONEY", "EARNED", List.of(), Map.of("minimumTier", "MEETS", "consecutiveYears", 2)));
                    grants++;
                }
                if (plan.programmatic) {
                    provisions.add(provision("PROGRAM", "PROGRAMMATIC", List.of(), null));
                }
                Map<String, Object> c = new LinkedHashMap<>();
                c.put("contractId", contract);
                c.put("schoolId", s);
                c.put("oversightBodyId", UUID.nameUUIDFromBytes("bench-board".getBytes()));
                c.put("version", 1);
                c.put("term", Map.of("startYear", year(start - 1), "endYear", year(start + 3)));
                c.put("renewsContractId", null);
                c.put("provisions", provisions);
                c.put("benchmarks", List.of());
                send(p, "contracts.events", "/contracts", "portfolio.contracts.ContractActivated.v1", s, c);
                events += 2;
                if (plan.rated) {
                    for (int y = 2; y >= 1; y--) {
                        Map<String, Object> rating = new LinkedHashMap<>();
                        rating.put("ratingId", UUID.randomUUID());
                        rating.put("schoolId", s);
                        rating.put("schoolYear", year(start - y));
                        rating.put("frameworkId", UUID.nameUUIDFromBytes("bench-framework".getBytes()));
                        rating.put("frameworkVersion", 1);
                        rating.put("totalPoints", 71.0);
                        rating.put("maxPoints", 100);
                        rating.put("percent", 71.0);
                        rating.put("tier", y == 1 ? "EXCEEDS" : "MEETS");
                        rating.put("categories", List.of());
                        rating.put("metrics", List.of());
                        rating.put("publishedAt", Instant.now().toString());
                        send(p, "performance.events", "/performance", "portfolio.performance.SchoolRatingPublished.v1", s, rating);
                        events++;
                    }
                }
                if (plan.earnedMoney && plan.rated) {
                    expectMoneySchool++;
                }
                if (plan.missed) {
                    UUID benchmark = UUID.nameUUIDFromBytes(("bench-benchmark-" + i).getBytes());
                    send(p, "contracts.events", "/contracts", "portfolio.contracts.BenchmarkEvaluated.v1", s,
                            evaluation(s, contract, benchmark, "MISSED", 7));
                    events++;
                    if (plan.metAgain) {
                        send(p, "contracts.events", "/contracts", "portfolio.contracts.BenchmarkEvaluated.v1", s,
                                evaluation(s, contract, benchmark, "MET", 2));
                        events++;
                    } else {
                        expectPeopleDistrict++;
                    }
                }
            }
            p.flush();
        }
        System.out.printf("seed: published %d events for %d schools (%d grants expected: PEOPLE revoked at %d schools,"
                + " MONEY earned at %d) in %.1f s%n", events, n, grants, expectPeopleDistrict, expectMoneySchool,
                (System.nanoTime() - t0) / 1e9);
        HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
        Instant deadline = Instant.now().plus(Duration.ofMinutes(10));
        while (true) {
            HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create(base + "/api/autonomy/portfolio?size=1&q=Bench%20School"))
                    .header("Authorization", "Bearer " + token).build(), HttpResponse.BodyHandlers.ofString());
            if (r.statusCode() == 200) {
                JsonNode j = JSON.readTree(r.body());
                long total = j.path("total").asLong();
                long peopleDistrict = j.path("totals").path("PEOPLE").path("DISTRICT").asLong();
                long moneySchool = j.path("totals").path("MONEY").path("SCHOOL").asLong();
                if (total == n && peopleDistrict == expectPeopleDistrict && moneySchool == expectMoneySchool) {
                    System.out.printf("seed: the service shows every expected state after %.1f s%n",
                            (System.nanoTime() - t0) / 1e9);
                    return;
                }
                if (Instant.now().isAfter(deadline)) {
                    throw new IllegalStateException("seed not applied in 10 min: " + r.body().substring(0, Math.min(400, r.body().length())));
                }
            }
            Thread.sleep(500);
        }
    }

    static Map<String, Object> provision(String domain, String model, List<String> decisions, Map<String, Object> eligibility) {
        Map<String, Object> p = new LinkedHashMap<>();
        p.put("provisionId", UUID.randomUUID());
        p.put("domain", domain);
        p.put("model", model);
        p.put("scope", model + " " + domain);
        p.put("decisions", decisions);
        p.put("eligibility", eligibility);
        return p;
    }

    static Map<String, Object> evaluation(UUID school, UUID contract, UUID benchmark, String result, int actual) {
        Map<String, Object> e = new LinkedHashMap<>();
        e.put("evaluationId", UUID.randomUUID());
        e.put("benchmarkId", benchmark);
        e.put("contractId", contract);
        e.put("schoolId", school);
        e.put("metricCode", "TEACHER_VACANCIES");
        e.put("period", currentYear());
        e.put("comparator", "LTE");
        e.put("target", 3);
        e.put("actual", actual);
        e.put("n", null);
        e.put("result", result);
        e.put("category", "ORGANIZATIONAL");
        e.put("guardsDomains", List.of("PEOPLE"));
        e.put("consequence", Map.of("interventionLevel", "NOTICE_OF_CONCERN", "reinstateOnMet", true));
        e.put("sourceEventId", UUID.randomUUID().toString());
        return e;
    }

    // --- measure ------------------------------------------------------------------------------------------------

    static void measure(Map<String, String> o) throws Exception {
        String base = o.get("base");
        int n = Integer.parseInt(o.get("schools"));
        int threads = Integer.parseInt(o.getOrDefault("threads", "1"));
        int warmup = Integer.parseInt(o.getOrDefault("warmup", "10"));
        int duration = Integer.parseInt(o.getOrDefault("duration", "30"));
        boolean withToken = !"anonymous".equals(o.getOrDefault("auth", "token"));
        String token = withToken ? token(o.get("key"), "DISTRICT_ADMIN") : null;
        HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
        Histogram h = new Histogram(TimeUnit.SECONDS.toMicros(10), 3);
        AtomicLong errors = new AtomicLong();
        AtomicLong school = new AtomicLong();
        AtomicBoolean recording = new AtomicBoolean(false);
        AtomicBoolean running = new AtomicBoolean(true);
        List<Thread> workers = new ArrayList<>();
        LocalDate today = LocalDate.now();
        for (int t = 0; t < threads; t++) {
            int seed = t;
            Thread w = new Thread(() -> {
                Random r = new Random(seed);
                Histogram local = new Histogram(TimeUnit.SECONDS.toMicros(10), 3);
                while (running.get()) {
                    int i = r.nextInt(n);
                    String path = "/api/autonomy/schools/" + school(i) + "/decision-rights/" + DECISIONS[r.nextInt(DECISIONS.length)];
                    if (r.nextInt(5) == 0) {
                        path += "?date=" + today.plusDays(r.nextInt(1200) - 600);
                    }
                    HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(base + path)).timeout(Duration.ofSeconds(10));
                    if (token != null) {
                        b.header("Authorization", "Bearer " + token);
                    }
                    long t0 = System.nanoTime();
                    try {
                        HttpResponse<byte[]> resp = http.send(b.build(), HttpResponse.BodyHandlers.ofByteArray());
                        long us = (System.nanoTime() - t0) / 1000;
                        if (resp.statusCode() != 200) {
                            errors.incrementAndGet();
                        } else if (recording.get()) {
                            local.recordValue(Math.min(us, local.getHighestTrackableValue()));
                        }
                    } catch (Exception e) {
                        errors.incrementAndGet();
                    }
                }
                synchronized (h) {
                    h.add(local);
                }
            }, "load-" + t);
            workers.add(w);
            w.start();
        }
        Thread.sleep(warmup * 1000L);
        errors.set(0);
        double loadBefore = load();
        double[] serverBefore = serverTime(http, base);
        long cpuBefore = cpuTicks(o.get("pid"));
        recording.set(true);
        long t0 = System.nanoTime();
        Thread.sleep(duration * 1000L);
        recording.set(false);
        double seconds = (System.nanoTime() - t0) / 1e9;
        double[] serverAfter = serverTime(http, base);
        long cpuAfter = cpuTicks(o.get("pid"));
        double loadAfter = load();
        running.set(false);
        for (Thread w : workers) {
            w.join();
        }
        double serverCount = serverAfter[0] - serverBefore[0];
        double serverMeanMs = serverCount > 0 ? (serverAfter[1] - serverBefore[1]) * 1000 / serverCount : Double.NaN;
        // CPU the service process used per answered request (10 ms ticks): what the check costs, whatever the load
        double cpuMs = cpuBefore < 0 || serverCount <= 0 ? Double.NaN : (cpuAfter - cpuBefore) * 10.0 / serverCount;
        System.out.printf("%-26s threads=%d auth=%-9s requests=%7d %6.0f req/s  p50=%6.2f ms  p90=%6.2f ms  p95=%6.2f ms"
                        + "  p99=%6.2f ms  max=%7.2f ms  server mean=%5.2f ms  service CPU/request=%5.2f ms  errors=%d"
                        + "  load(1m)=%.2f→%.2f%n",
                o.getOrDefault("label", "check"), threads, withToken ? "token" : "anonymous", h.getTotalCount(),
                h.getTotalCount() / seconds, ms(h, 50), ms(h, 90), ms(h, 95), ms(h, 99), h.getMaxValue() / 1000.0,
                serverMeanMs, cpuMs, errors.get(), loadBefore, loadAfter);
        if (errors.get() > 0) {
            System.exit(2);
        }
    }

    /**
     * Count and total seconds the service itself spent in the check (Micrometer's http_server_requests, from the
     * request reaching Vert.x to the answer written): the part of the latency that is the service's own.
     */
    static double[] serverTime(HttpClient http, String base) {
        double count = 0;
        double sum = 0;
        try {
            String metrics = http.send(HttpRequest.newBuilder(URI.create(base + "/q/metrics")).build(),
                    HttpResponse.BodyHandlers.ofString()).body();
            for (String line : metrics.split("\n")) {
                if (!line.contains("decision-rights/{decision}") || !line.contains("status=\"200\"")) {
                    continue;
                }
                double v = Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1));
                if (line.startsWith("http_server_requests_seconds_count{")) {
                    count += v;
                } else if (line.startsWith("http_server_requests_seconds_sum{")) {
                    sum += v;
                }
            }
        } catch (Exception e) {
            // metrics unavailable: the figure is left out
        }
        return new double[]{count, sum};
    }

    /** utime + stime of a process in clock ticks (1/100 s on Linux), or -1. */
    static long cpuTicks(String pid) {
        if (pid == null) {
            return -1;
        }
        try {
            String stat = Files.readString(Path.of("/proc", pid, "stat"));
            String[] f = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
            return Long.parseLong(f[11]) + Long.parseLong(f[12]);
        } catch (Exception e) {
            return -1;
        }
    }

    static double ms(Histogram h, double percentile) {
        return h.getValueAtPercentile(percentile) / 1000.0;
    }

    static double load() {
        try {
            return Double.parseDouble(Files.readString(Path.of("/proc/loadavg")).split(" ")[0]);
        } catch (Exception e) {
            return -1;
        }
    }

    // --- hop ----------------------------------------------------------------------------------------------------

    static void hop(Map<String, String> o) throws Exception {
        String base = o.get("base");
        int n = Integer.parseInt(o.get("schools"));
        int samples = Integer.parseInt(o.getOrDefault("samples", "30"));
        HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
        Map<String, Long> revokedAt = new ConcurrentHashMap<>();
        AtomicBoolean running = new AtomicBoolean(true);
        Thread listener;
        try (KafkaConsumer<String, byte[]> c = consumer(o.get("kafka"))) {
            List<PartitionInfo> infos = c.partitionsFor("autonomy.events", Duration.ofSeconds(10));
            List<TopicPartition> parts = infos.stream().map(i -> new TopicPartition("autonomy.events", i.partition())).toList();
            c.assign(parts);
            c.seekToEnd(parts);
            parts.forEach(tp -> c.position(tp));
            listener = new Thread(() -> {
                while (running.get()) {
                    for (ConsumerRecord<String, byte[]> r : c.poll(Duration.ofMillis(50))) {
                        try {
                            JsonNode ev = JSON.readTree(r.value());
                            if (ev.path("type").asText().endsWith("AutonomyRevoked.v1")) {
                                revokedAt.putIfAbsent(ev.path("subject").asText(), System.nanoTime());
                            }
                        } catch (Exception ignored) {
                            // not ours
                        }
                    }
                }
            });
            listener.start();
            Thread.sleep(1000);
            Histogram toCheck = new Histogram(TimeUnit.SECONDS.toMicros(60), 3);
            Histogram toEvent = new Histogram(TimeUnit.SECONDS.toMicros(60), 3);
            int taken = 0;
            try (KafkaProducer<String, byte[]> p = producer(o.get("kafka"))) {
                for (int i = 0; i < n && taken < samples; i++) {
                    Plan plan = Plan.of(i);
                    if (plan.missed && !plan.metAgain) {
                        continue; // already revoked
                    }
                    UUID s = school(i);
                    UUID contract = UUID.nameUUIDFromBytes(("bench-contract-" + i).getBytes());
                    UUID benchmark = UUID.randomUUID();
                    long t0 = System.nanoTime();
                    send(p, "contracts.events", "/contracts", "portfolio.contracts.BenchmarkEvaluated.v1", s,
                            evaluation(s, contract, benchmark, "MISSED", 9));
                    URI check = URI.create(base + "/api/autonomy/schools/" + s + "/decision-rights/HIRE_TEACHERS");
                    while (true) {
                        String body = http.send(HttpRequest.newBuilder(check).build(), HttpResponse.BodyHandlers.ofString()).body();
                        if (body.contains("\"decidedBy\":\"DISTRICT\"")) {
                            break;
                        }
                        if (System.nanoTime() - t0 > TimeUnit.SECONDS.toNanos(60)) {
                            throw new IllegalStateException("school " + s + " not revoked in 60 s");
                        }
                        Thread.sleep(2);
                    }
                    toCheck.recordValue((System.nanoTime() - t0) / 1000);
                    while (!revokedAt.containsKey(s.toString())) {
                        if (System.nanoTime() - t0 > TimeUnit.SECONDS.toNanos(60)) {
                            throw new IllegalStateException("no AutonomyRevoked for " + s + " in 60 s");
                        }
                        Thread.sleep(1);
                    }
                    toEvent.recordValue((revokedAt.get(s.toString()) - t0) / 1000);
                    taken++;
                    Thread.sleep(200);
                }
            }
            running.set(false);
            listener.join();
            System.out.printf("%-36s samples=%d  p50=%6.1f ms  p95=%6.1f ms  max=%6.1f ms%n",
                    "hop: MISSED → check says DISTRICT", taken, ms(toCheck, 50), ms(toCheck, 95), toCheck.getMaxValue() / 1000.0);
            System.out.printf("%-36s samples=%d  p50=%6.1f ms  p95=%6.1f ms  max=%6.1f ms%n",
                    "hop: MISSED → AutonomyRevoked", taken, ms(toEvent, 50), ms(toEvent, 95), toEvent.getMaxValue() / 1000.0);
        }
    }

    // --- plumbing -----------------------------------------------------------------------------------------------

    static KafkaProducer<String, byte[]> producer(String bootstrap) {
        return new KafkaProducer<>(Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap,
                ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName(),
                ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class.getName(),
                ProducerConfig.ACKS_CONFIG, "all",
                ProducerConfig.LINGER_MS_CONFIG, 0));
    }

    static KafkaConsumer<String, byte[]> consumer(String bootstrap) {
        return new KafkaConsumer<>(Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap,
                ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName(),
                ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class.getName(),
                ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false,
                ConsumerConfig.FETCH_MAX_WAIT_MS_CONFIG, 10));
    }

    /** A structured-mode CloudEvent keyed by the school, as the owning service's outbox relay sends it. */
    static void send(KafkaProducer<String, byte[]> p, String topic, String source, String type, UUID school,
                     Object data) throws Exception {
        Map<String, Object> ce = new LinkedHashMap<>();
        ce.put("specversion", "1.0");
        ce.put("id", UUID.randomUUID().toString());
        ce.put("source", source);
        ce.put("type", type);
        ce.put("subject", school.toString());
        ce.put("time", Instant.now().toString());
        ce.put("datacontenttype", "application/json");
        ce.put("data", data);
        p.send(new ProducerRecord<>(topic, school.toString(), JSON.writeValueAsBytes(ce))).get(30, TimeUnit.SECONDS);
    }

    /** An RS256 token shaped like the gateway's, signed with the key the service was started to trust. */
    static String token(String privateKeyPem, String role) throws Exception {
        String pem = Files.readString(Path.of(privateKeyPem));
        byte[] der = Base64.getDecoder().decode(pem.replaceAll("-----[A-Z ]+-----", "").replaceAll("\\s", ""));
        PrivateKey key = KeyFactory.getInstance("RSA").generatePrivate(new PKCS8EncodedKeySpec(der));
        long now = Instant.now().getEpochSecond();
        String header = b64(JSON.writeValueAsBytes(Map.of("alg", "RS256", "typ", "JWT", "kid", "bench")));
        Map<String, Object> claims = new LinkedHashMap<>();
        claims.put("iss", "https://portfolio.local/gateway");
        claims.put("aud", "portfolio-api");
        claims.put("sub", "hr-system");
        claims.put("upn", "hr-system");
        claims.put("groups", List.of(role));
        claims.put("schools", List.of());
        claims.put("iat", now);
        claims.put("exp", now + 3600);
        String body = b64(JSON.writeValueAsBytes(claims));
        Signature sig = Signature.getInstance("SHA256withRSA");
        sig.initSign(key);
        sig.update((header + "." + body).getBytes(StandardCharsets.US_ASCII));
        return header + "." + body + "." + b64(sig.sign());
    }

    static String b64(byte[] bytes) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }
}
