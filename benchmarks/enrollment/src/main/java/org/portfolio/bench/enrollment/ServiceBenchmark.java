package org.portfolio.bench.enrollment;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.Signature;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.UUID;
import java.util.stream.Stream;

/**
 * The service's full match on 80,000 applicants, end to end and on real parts: starts PostgreSQL + Kafka
 * ({@code InfraMain}) and the packaged enrollment-service on free ports, announces 700 open schools on
 * contracts.events, creates a period with 700 programs through the API, imports the generated applicants and their 12
 * choices through the bulk import API (NDJSON), closes the window, then times {@code POST /periods/{id}/match}
 * (read the applications from PostgreSQL, match, write every offer and waitlist entry) and the publication; then the
 * expiry: a share of the published offers (--overdue-percent, 15) is made overdue in the database, as the deadline
 * passing would, {@code POST /offers/expire-overdue} is timed, and other families accept their offers meanwhile (one
 * every 250 ms), each answer's time recorded: how long an answer waits for the expiry. Stops everything it started.
 *
 * <pre>java -cp ... org.portfolio.bench.enrollment.ServiceBenchmark REPO_ROOT [--students 80000] [--programs 700]
 *      [--choices 12] [--runs 3] [--service-heap 512m] [--overdue-percent 15]</pre>
 */
public final class ServiceBenchmark {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String[] ZONES = {"NORTH", "SOUTH", "EAST", "WEST", "CENTRAL", "RIVER", "HILLS", "PARK"};

    private final Path root;
    private final int students;
    private final int programs;
    private final int choices;
    private final int runs;
    private final String heap;
    private final int overduePercent;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private final List<Process> started = new ArrayList<>();
    private KeyPair keys;
    private String base;
    private String token;

    private ServiceBenchmark(Path root, int students, int programs, int choices, int runs, String heap, int overduePercent) {
        this.overduePercent = overduePercent;
        this.root = root;
        this.students = students;
        this.programs = programs;
        this.choices = choices;
        this.runs = runs;
        this.heap = heap;
    }

    public static void main(String[] args) throws Exception {
        if (args.length < 1) {
            System.err.println("usage: ServiceBenchmark REPO_ROOT [--students N] [--programs N] [--choices K] [--runs R] [--service-heap 512m] [--overdue-percent P]");
            System.exit(2);
        }
        int students = 80_000, programs = 700, choices = 12, runs = 3;
        String heap = "512m";
        int overduePercent = 15;
        for (int i = 1; i + 1 < args.length; i += 2) {
            switch (args[i]) {
                case "--students" -> students = Integer.parseInt(args[i + 1]);
                case "--programs" -> programs = Integer.parseInt(args[i + 1]);
                case "--choices" -> choices = Integer.parseInt(args[i + 1]);
                case "--runs" -> runs = Integer.parseInt(args[i + 1]);
                case "--service-heap" -> heap = args[i + 1];
                case "--overdue-percent" -> overduePercent = Integer.parseInt(args[i + 1]);
                default -> throw new IllegalArgumentException("unknown option " + args[i]);
            }
        }
        ServiceBenchmark b = new ServiceBenchmark(Path.of(args[0]).toAbsolutePath(), students, programs, choices, runs, heap,
                overduePercent);
        Runtime.getRuntime().addShutdownHook(new Thread(b::stopAll));
        try {
            b.run();
        } finally {
            b.stopAll();
        }
    }

    private void run() throws Exception {
        Path dir = Files.createTempDirectory("enrollment-service-bench-");
        int pg = freePort(), kafka = freePort(), controller = freePort(), httpPort = freePort();
        say("working directory %s; PostgreSQL :%d, Kafka :%d, service :%d", dir, pg, kafka, httpPort);

        // 1. PostgreSQL + Kafka
        Path ready = dir.resolve("infra.ready");
        String infraCp = root.resolve("embedded-infra/target/classes") + ":" + root.resolve("embedded-infra/target/lib") + "/*";
        start(dir.resolve("infra.log"), List.of(java(), "-Xmx512m", "-XX:+UseSerialGC", "-Dorg.slf4j.simpleLogger.defaultLogLevel=warn",
                "-cp", infraCp, "org.portfolio.infra.InfraMain", "--data-dir", dir.resolve("data").toString(),
                "--pg-port", "" + pg, "--kafka-port", "" + kafka, "--controller-port", "" + controller,
                // --keep-data: the durable settings of ./portfolio up (fsync, synchronous_commit, full_page_writes on)
                "--keep-data", "--databases", "enrollment", "--ready-file", ready.toString(), "--exit-with-parent"), Map.of());
        waitFor(() -> Files.exists(ready), Duration.ofSeconds(180), "PostgreSQL and Kafka");

        // 2. the packaged service, verifying tokens with a key made here
        KeyPairGenerator g = KeyPairGenerator.getInstance("RSA");
        g.initialize(2048);
        keys = g.generateKeyPair();
        Path pub = dir.resolve("jwt-public.pem");
        Files.writeString(pub, "-----BEGIN PUBLIC KEY-----\n"
                + Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII)).encodeToString(keys.getPublic().getEncoded())
                + "\n-----END PUBLIC KEY-----\n");
        Map<String, String> env = new LinkedHashMap<>();
        env.put("QUARKUS_HTTP_PORT", "" + httpPort);
        env.put("QUARKUS_DATASOURCE_JDBC_URL", "jdbc:postgresql://127.0.0.1:" + pg + "/enrollment");
        env.put("QUARKUS_DATASOURCE_USERNAME", "postgres");
        env.put("QUARKUS_DATASOURCE_PASSWORD", "postgres");
        env.put("KAFKA_BOOTSTRAP_SERVERS", "127.0.0.1:" + kafka);
        env.put("PORTFOLIO_JWT_PUBLIC_KEY_LOCATION", pub.toUri().toString());
        Path jar = root.resolve("enrollment-service/target/quarkus-app/quarkus-run.jar");
        if (!Files.exists(jar)) {
            throw new IllegalStateException(jar + " is missing: build with ./mvnw -pl enrollment-service -am package -DskipTests");
        }
        start(dir.resolve("service.log"), List.of(java(), "-Xmx" + heap, "-XX:+UseSerialGC", "-jar", jar.toString()), env);
        base = "http://127.0.0.1:" + httpPort;
        waitFor(() -> status("GET", "/q/health/ready", null, null) == 200, Duration.ofSeconds(180), "enrollment-service");
        token = token();
        say("infrastructure and service ready");

        // 3. schools (as contracts would announce them), period, programs
        GenerateInstance.Instance inst = GenerateInstance.generate(students, programs, choices, ZONES.length, 20261123L);
        UUID[] schools = new UUID[programs];
        try (KafkaProducer<String, String> producer = new KafkaProducer<>(Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, "127.0.0.1:" + kafka,
                ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName(),
                ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName(),
                ProducerConfig.ACKS_CONFIG, "all"))) {
            for (int p = 0; p < programs; p++) {
                schools[p] = UUID.randomUUID();
                String code = String.format(Locale.ROOT, "HS-%04d", p + 1);
                Map<String, Object> data = new LinkedHashMap<>();
                data.put("schoolId", schools[p]);
                data.put("districtCode", code);
                data.put("name", "High School " + code);
                data.put("type", p % 3 == 0 ? "CHARTER" : "DISTRICT");
                data.put("grades", List.of("9", "10", "11", "12"));
                data.put("zone", ZONES[inst.programZone[p]]);
                data.put("status", "OPEN");
                data.put("previousStatus", "PROPOSED");
                producer.send(new ProducerRecord<>("contracts.events", schools[p].toString(),
                        cloudEvent("portfolio.contracts.SchoolStatusChanged.v1", schools[p], data)));
            }
            producer.flush();
        }
        waitFor(() -> {
            JsonNode list = JSON.readTree(call("GET", "/api/enrollment/schools", null, null).body());
            int n = 0;
            for (JsonNode s : list) {
                n += s.get("takesPart").asBoolean() ? 1 : 0;
            }
            return n >= programs;
        }, Duration.ofSeconds(120), "the schools to be known");

        Map<String, Object> period = new LinkedHashMap<>();
        period.put("name", "Benchmark " + Instant.now());
        period.put("schoolYear", "2027-28");
        period.put("maxChoices", choices);
        period.put("offerDeadline", Instant.now().plus(Duration.ofDays(14)).toString());
        String periodId = JSON.readTree(expect(201, "POST", "/api/enrollment/periods", period)).get("id").asText();
        String[] programIds = new String[programs];
        for (int p = 0; p < programs; p++) {
            Map<String, Object> body = new LinkedHashMap<>();
            body.put("schoolId", schools[p]);
            body.put("grade", "9");
            body.put("name", "General");
            body.put("seats", inst.capacity[p]);
            body.put("priorityOrder", List.of("SIBLING", "ZONE", "GENERAL"));
            // one program in five reserves 20% of its seats for FRL applicants
            body.put("setAsides", p % 5 == 0 ? List.of(Map.of("group", "FRL", "sharePercent", 20)) : List.of());
            programIds[p] = JSON.readTree(expect(201, "POST", "/api/enrollment/periods/" + periodId + "/programs", body)).get("id").asText();
        }
        expect(200, "POST", "/api/enrollment/periods/" + periodId + "/open", null);
        say("period %s with %d programs open", periodId, programs);

        // 4. applicants and applications through the bulk import (batches under the 10 MB body limit)
        long t0 = System.nanoTime();
        Random r = new Random(7);
        StringBuilder batch = new StringBuilder();
        int inBatch = 0;
        for (int s = 0; s < students; s++) {
            List<String> siblings = new ArrayList<>();
            List<String> ranked = new ArrayList<>();
            for (int j = 0; j < choices; j++) {
                int p = inst.choice[s][j];
                ranked.add(programIds[p]);
                if (inst.sibling[s][j]) {
                    siblings.add(schools[p].toString());
                }
            }
            Map<String, Object> applicant = new LinkedHashMap<>();
            applicant.put("externalRef", String.format(Locale.ROOT, "BENCH-%06d", s + 1));
            applicant.put("firstName", "Student");
            applicant.put("lastName", "Number" + (s + 1));
            applicant.put("birthDate", "2012-0" + (1 + s % 9) + "-1" + (s % 9));
            applicant.put("grade", "9");
            applicant.put("homeZone", ZONES[inst.studentZone[s]]);
            applicant.put("siblingSchoolIds", siblings);
            applicant.put("flags", r.nextDouble() < 0.4 ? List.of("FRL") : List.of());
            batch.append(JSON.writeValueAsString(Map.of("applicant", applicant, "choices", ranked))).append('\n');
            if (++inBatch == 10_000 || s == students - 1) {
                HttpResponse<String> res = http.send(HttpRequest.newBuilder(URI.create(base + "/api/enrollment/periods/" + periodId + "/application-imports"))
                        .header("Authorization", "Bearer " + token).header("Content-Type", "application/x-ndjson")
                        .timeout(Duration.ofMinutes(10)).POST(HttpRequest.BodyPublishers.ofString(batch.toString())).build(),
                        HttpResponse.BodyHandlers.ofString());
                if (res.statusCode() != 200) {
                    throw new IllegalStateException("import failed: " + res.statusCode() + " " + res.body());
                }
                batch.setLength(0);
                inBatch = 0;
            }
        }
        say("imported %d applications in %.1f s (bulk import API)", students, (System.nanoTime() - t0) / 1e9);
        expect(200, "POST", "/api/enrollment/periods/" + periodId + "/close", null);

        // 5. the measured part: the full match, run several times (a re-run replaces the stored results)
        // besides the wall time, the CPU time the service and PostgreSQL spent on it: on a shared machine the wall time
        // depends on the load, the CPU time hardly (the match is one request: service and database mostly take turns)
        ProcessHandle service = started.get(started.size() - 1).toHandle();
        String dataDir = dir.resolve("data").toString();
        List<Double> seconds = new ArrayList<>();
        List<Double> cpu = new ArrayList<>();
        for (int i = 0; i < runs; i++) {
            double s0 = cpuSeconds(service);
            double p0 = postgresCpuSeconds(dataDir);
            long m0 = System.nanoTime();
            JsonNode summary = JSON.readTree(expect(200, "POST", "/api/enrollment/periods/" + periodId + "/match", null));
            double s = (System.nanoTime() - m0) / 1e9;
            double sc = cpuSeconds(service) - s0;
            double pc = postgresCpuSeconds(dataDir) - p0;
            double c = sc + pc;
            seconds.add(s);
            cpu.add(c);
            say("match run %d: %.2f s wall, %.2f s CPU (service %.2f + PostgreSQL %.2f) (service: read %d ms, match %d ms, write %d ms); "
                    + "%d applicants, %d matched; load %s", i + 1, s, c, sc, pc,
                    summary.get("millisRead").asLong(), summary.get("millisMatch").asLong(), summary.get("millisWrite").asLong(),
                    summary.get("applicants").asInt(), summary.get("matched").asInt(), load());
        }
        JsonNode counts = JSON.readTree(expect(200, "GET", "/api/enrollment/periods/" + periodId + "/offers?size=1", null));
        say("offers stored: %d", counts.get("total").asLong());
        long p0 = System.nanoTime();
        expect(200, "POST", "/api/enrollment/periods/" + periodId + "/publish", null);
        say("publish (MatchPublished + %d DemandReported): %.2f s", programs, (System.nanoTime() - p0) / 1e9);
        if (overduePercent > 0) {
            expiry(pg, periodId);
        }
        seconds.sort(Comparator.naturalOrder());
        cpu.sort(Comparator.naturalOrder());
        System.out.printf(Locale.ROOT, "SERVICE-MATCH {\"students\": %d, \"programs\": %d, \"choices\": %d, \"runs_s\": %s, "
                        + "\"median_s\": %.2f, \"cpu_s\": %s, \"median_cpu_s\": %.2f}%n",
                students, programs, choices, seconds, seconds.get(seconds.size() / 2), cpu, cpu.get(cpu.size() / 2));
        stopAll();
        for (String log : List.of("infra.log", "service.log")) {
            Files.copy(dir.resolve(log), Path.of(System.getProperty("java.io.tmpdir"), "enrollment-service-bench-" + log),
                    java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        }
        try (Stream<Path> files = Files.walk(dir)) {
            files.sorted(Comparator.reverseOrder()).forEach(f -> f.toFile().delete());
        }
        say("logs: %s/enrollment-service-bench-{infra,service}.log", System.getProperty("java.io.tmpdir"));
    }

    /**
     * The deadline passing for a share of the families: their offers are made overdue in the database (the deadline
     * moved a minute into the past), then the expiry is asked for and timed, while other families accept their offers,
     * one every 250 ms; each accept's answer time is recorded.
     */
    private void expiry(int pg, String periodId) throws Exception {
        List<String> accepting = new ArrayList<>();
        int overdue;
        try (java.sql.Connection c = java.sql.DriverManager.getConnection("jdbc:postgresql://127.0.0.1:" + pg + "/enrollment",
                "postgres", "postgres")) {
            try (var st = c.prepareStatement("update offer set deadline = now() - interval '1 minute' where period_id = ? "
                    + "and status = 'OFFERED' and abs(hashtext(id::text)) % 100 < ?")) {
                st.setObject(1, UUID.fromString(periodId));
                st.setInt(2, overduePercent);
                overdue = st.executeUpdate();
            }
            try (var st = c.prepareStatement("select id from offer where period_id = ? and status = 'OFFERED' "
                    + "and deadline > now() order by id limit 2000")) {
                st.setObject(1, UUID.fromString(periodId));
                try (var rs = st.executeQuery()) {
                    while (rs.next()) {
                        accepting.add(rs.getString(1));
                    }
                }
            }
        }
        java.util.concurrent.atomic.AtomicBoolean sweeping = new java.util.concurrent.atomic.AtomicBoolean(true);
        List<Double> waits = java.util.Collections.synchronizedList(new ArrayList<>());
        Thread families = new Thread(() -> {
            for (String offer : accepting) {
                if (!sweeping.get()) {
                    break;
                }
                long a0 = System.nanoTime();
                try {
                    int code = status("POST", "/api/enrollment/periods/" + periodId + "/offers/" + offer + "/accept", null, token);
                    if (code == 200) {
                        waits.add((System.nanoTime() - a0) / 1e9);
                    } else {
                        say("accept answered %d", code);
                    }
                    Thread.sleep(250);
                } catch (InterruptedException e) {
                    return;
                }
            }
        });
        long e0 = System.nanoTime();
        families.start();
        // a call answers within about 20 s (Overdue-Remaining: true while offers are left): called until none is
        HttpResponse<String> res;
        int made = 0;
        int calls = 0;
        boolean more;
        do {
            res = http.send(HttpRequest.newBuilder(URI.create(base + "/api/enrollment/periods/" + periodId
                            + "/offers/expire-overdue")).header("Authorization", "Bearer " + token).timeout(Duration.ofMinutes(30))
                    .POST(HttpRequest.BodyPublishers.noBody()).build(), HttpResponse.BodyHandlers.ofString());
            calls++;
            more = res.statusCode() == 200 && res.headers().firstValue("Overdue-Remaining").map("true"::equals).orElse(false);
            made = res.statusCode() == 200 ? made + JSON.readTree(res.body()).size() : -1;
        } while (more);
        double took = (System.nanoTime() - e0) / 1e9;
        sweeping.set(false);
        families.join();
        List<Double> sorted = new ArrayList<>(waits);
        sorted.sort(Comparator.naturalOrder());
        JsonNode left = JSON.readTree(expect(200, "GET", "/api/enrollment/periods/" + periodId + "/offers?status=OFFERED&size=1", null));
        say("expiry of %d overdue offers: %d in %.1f s (%d call(s)), %d waitlist offers made; %d accepts meanwhile, answered in "
                        + "median %.2f s, max %.2f s; OFFERED now %d", overdue, res.statusCode(), took, calls, made, sorted.size(),
                sorted.isEmpty() ? 0 : sorted.get(sorted.size() / 2), sorted.isEmpty() ? 0 : sorted.get(sorted.size() - 1),
                left.get("total").asLong());
        if (res.statusCode() != 200) {
            say("expiry answer: %s", res.body().length() > 500 ? res.body().substring(0, 500) : res.body());
        }
        System.out.printf(Locale.ROOT, "SERVICE-EXPIRY {\"overdue\": %d, \"status\": %d, \"seconds\": %.1f, \"calls\": %d, \"made\": %d, "
                        + "\"accepts\": %d, \"accept_median_s\": %.2f, \"accept_max_s\": %.2f}%n", overdue, res.statusCode(), took,
                calls, made, sorted.size(), sorted.isEmpty() ? 0 : sorted.get(sorted.size() / 2),
                sorted.isEmpty() ? 0 : sorted.get(sorted.size() - 1));
    }

    private String cloudEvent(String type, UUID subject, Map<String, Object> data) throws IOException {
        Map<String, Object> ce = new LinkedHashMap<>();
        ce.put("specversion", "1.0");
        ce.put("id", UUID.randomUUID().toString());
        ce.put("source", "/contracts");
        ce.put("type", type);
        ce.put("subject", subject.toString());
        ce.put("time", Instant.now().toString());
        ce.put("datacontenttype", "application/json");
        ce.put("data", data);
        return JSON.writeValueAsString(ce);
    }

    private String token() throws Exception {
        Base64.Encoder b64 = Base64.getUrlEncoder().withoutPadding();
        long now = Instant.now().getEpochSecond();
        String header = b64.encodeToString("{\"alg\":\"RS256\",\"typ\":\"JWT\",\"kid\":\"bench\"}".getBytes(StandardCharsets.UTF_8));
        String payload = b64.encodeToString(JSON.writeValueAsBytes(Map.of("iss", "https://portfolio.local/gateway",
                "aud", "portfolio-api", "sub", "benchmark", "upn", "benchmark", "groups", List.of("ENROLLMENT_OFFICER"),
                "iat", now, "exp", now + 7200)));
        Signature sig = Signature.getInstance("SHA256withRSA");
        sig.initSign(keys.getPrivate());
        sig.update((header + "." + payload).getBytes(StandardCharsets.US_ASCII));
        return header + "." + payload + "." + b64.encodeToString(sig.sign());
    }

    private String expect(int code, String method, String path, Object body) throws Exception {
        HttpResponse<String> res = call(method, path, body, token);
        if (res.statusCode() != code) {
            throw new IllegalStateException(method + " " + path + " answered " + res.statusCode() + ": " + res.body());
        }
        return res.body();
    }

    private HttpResponse<String> call(String method, String path, Object body, String bearer) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(base + path)).timeout(Duration.ofMinutes(10))
                .header("Content-Type", "application/json")
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(body)));
        if (bearer != null) {
            b.header("Authorization", "Bearer " + bearer);
        }
        return http.send(b.build(), HttpResponse.BodyHandlers.ofString());
    }

    private int status(String method, String path, Object body, String bearer) {
        try {
            return call(method, path, body, bearer).statusCode();
        } catch (Exception e) {
            return 0;
        }
    }

    private void start(Path log, List<String> cmd, Map<String, String> env) throws IOException {
        ProcessBuilder pb = new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(log.toFile());
        pb.environment().putAll(env);
        started.add(pb.start());
    }

    private void stopAll() {
        for (int i = started.size() - 1; i >= 0; i--) {
            Process p = started.get(i);
            if (p.isAlive()) {
                p.destroy();
                try {
                    if (!p.waitFor(30, java.util.concurrent.TimeUnit.SECONDS)) {
                        p.destroyForcibly();
                    }
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
        }
        started.clear();
    }

    interface Check {
        boolean ok() throws Exception;
    }

    private void waitFor(Check c, Duration timeout, String what) throws Exception {
        Instant deadline = Instant.now().plus(timeout);
        while (true) {
            boolean ok;
            try {
                ok = c.ok();
            } catch (Exception e) {
                ok = false;
            }
            if (ok) {
                return;
            }
            for (Process p : started) {
                if (!p.isAlive()) {
                    throw new IllegalStateException("a process exited while waiting for " + what + " (exit " + p.exitValue() + ")");
                }
            }
            if (Instant.now().isAfter(deadline)) {
                throw new IllegalStateException("timed out waiting for " + what);
            }
            Thread.sleep(250);
        }
    }

    private static double cpuSeconds(ProcessHandle p) {
        return p.info().totalCpuDuration().map(d -> d.toNanos() / 1e9).orElse(0.0);
    }

    /** CPU time of the PostgreSQL server started on this data directory and its backends. */
    private static double postgresCpuSeconds(String dataDir) {
        return ProcessHandle.allProcesses()
                .filter(p -> p.info().arguments().map(a -> String.join(" ", a).contains(dataDir)).orElse(false)
                        && p.info().command().map(c -> c.endsWith("postgres")).orElse(false))
                .flatMap(p -> Stream.concat(Stream.of(p), p.descendants()))
                .distinct()
                .mapToDouble(ServiceBenchmark::cpuSeconds).sum();
    }

    private static String load() {
        try {
            return Files.readString(Path.of("/proc/loadavg")).split(" ")[0];
        } catch (IOException e) {
            return "?";
        }
    }

    private static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        }
    }

    private static String java() {
        return Path.of(System.getProperty("java.home"), "bin", "java").toString();
    }

    private static void say(String fmt, Object... args) {
        System.out.printf(Locale.ROOT, "[%s] %s%n", Instant.now().toString().substring(11, 19), String.format(Locale.ROOT, fmt, args));
    }
}
