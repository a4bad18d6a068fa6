import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;

import java.io.BufferedWriter;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyFactory;
import java.security.Signature;
import java.security.spec.PKCS8EncodedKeySpec;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The performance-service ingestion benchmark's client side (run by run.sh, which starts and stops the service
 * and PostgreSQL/Kafka): registers schools through real SchoolRegistered events, generates student assessment
 * rows as CSV and JSON files, posts them through the HTTP API and measures each upload end to end (request sent
 * → answer received, i.e. parsed, stored, merged, aggregated, rated and events written to the outbox), then the
 * time until the outbox has relayed every event to Kafka, the service's CPU time and its peak heap (GC log).
 */
public final class BenchTool {

    static final ObjectMapper JSON = new ObjectMapper();

    public static void main(String[] args) throws Exception {
        switch (args[0]) {
            case "free-port" -> {
                try (var s = new java.net.ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
                    System.out.println(s.getLocalPort());
                }
            }
            case "run" -> run(options(args));
            default -> throw new IllegalArgumentException("usage: BenchTool free-port | run --url U --bootstrap B --key K ...");
        }
    }

    static Map<String, String> options(String[] args) {
        Map<String, String> o = new LinkedHashMap<>();
        for (int i = 1; i + 1 < args.length; i += 2) {
            o.put(args[i].replaceFirst("^--", ""), args[i + 1]);
        }
        return o;
    }

    static void run(Map<String, String> o) throws Exception {
        String url = o.get("url");
        int rows = Integer.parseInt(o.getOrDefault("rows", "1000000"));
        int schools = Integer.parseInt(o.getOrDefault("schools", "200"));
        Path work = Path.of(o.get("work"));
        long pid = Long.parseLong(o.get("pid"));
        Path gcLog = Path.of(o.get("gc-log"));
        serviceLog = o.containsKey("service-log") ? Path.of(o.get("service-log")) : null;
        String token = token(Path.of(o.get("key")), "DISTRICT_ADMIN");
        HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

        List<UUID> csvSchools = register(o.get("bootstrap"), schools, 1, "CSV");
        List<UUID> jsonSchools = register(o.get("bootstrap"), schools, 2, "JSN");
        List<UUID> warmSchools = register(o.get("bootstrap"), 10, 3, "WRM");
        waitForSchools(http, url, 2 * schools + 10);

        Path csv = work.resolve("assessments.csv");
        Path json = work.resolve("assessments.json");
        long t0 = System.nanoTime();
        generate(csvSchools, rows, csv, false, 11);
        generate(jsonSchools, rows, json, true, 22);
        System.out.printf(Locale.ROOT, "generated %,d CSV rows (%,d bytes) and %,d JSON rows (%,d bytes) in %.1f s%n",
                rows, Files.size(csv), rows, Files.size(json), (System.nanoTime() - t0) / 1e9);

        // warm-up (not measured): the JIT compiles the upload path on 2 x 50,000 rows of other schools
        Path warmCsv = work.resolve("warm.csv");
        Path warmJson = work.resolve("warm.json");
        generate(warmSchools, 50_000, warmCsv, false, 33);
        generate(warmSchools, 50_000, warmJson, true, 44);
        System.out.println("warm-up: " + upload(http, url, token, "text/csv", warmCsv, 50_000, pid, "warm-up CSV"));
        System.out.println("warm-up: " + upload(http, url, token, "application/json", warmJson, 50_000, pid, "warm-up JSON"));

        List<String> report = new ArrayList<>();
        report.add(String.format(Locale.ROOT, "machine: %d cores, %s, load average before: %s",
                Runtime.getRuntime().availableProcessors(), System.getProperty("java.version"), loadAverage()));
        String n = String.format(Locale.ROOT, "%,d", rows);
        report.add(upload(http, url, token, "text/csv", csv, rows, pid, "CSV  " + n + " new rows"));
        report.add(upload(http, url, token, "application/json", json, rows, pid, "JSON " + n + " new rows"));
        report.add(upload(http, url, token, "text/csv", csv, rows, pid, "CSV  " + n + " rows again (re-post: no change)"));
        report.add(String.format(Locale.ROOT, "service heap: -Xmx512m; peak heap used (before any GC, from the GC log): %s",
                peakHeap(gcLog)));
        report.add("load average after: " + loadAverage());
        System.out.println();
        report.forEach(System.out::println);
        Files.write(work.resolve("report.txt"), report);
    }

    // --- measuring ------------------------------------------------------------------------------------

    static String upload(HttpClient http, String url, String token, String type, Path file, int rows, long pid,
                         String label) throws Exception {
        String load = loadAverage();
        double cpu0 = cpuSeconds(pid);
        HttpRequest req = HttpRequest.newBuilder(URI.create(url + "/api/performance/ingest/assessments"))
                .header("Authorization", "Bearer " + token).header("Content-Type", type)
                .POST(HttpRequest.BodyPublishers.ofFile(file)).build();
        long start = System.nanoTime();
        HttpResponse<String> r = http.send(req, HttpResponse.BodyHandlers.ofString());
        double seconds = (System.nanoTime() - start) / 1e9;
        double cpu = cpuSeconds(pid) - cpu0;
        if (r.statusCode() != 201) {
            throw new IllegalStateException(label + ": HTTP " + r.statusCode() + " " + r.body());
        }
        JsonNode j = JSON.readTree(r.body());
        if (j.get("rowsAccepted").asLong() != rows || j.get("rowsRejected").asLong() != 0
                || !"COMPLETED".equals(j.get("status").asText())) {
            throw new IllegalStateException(label + ": not every row was accepted: " + r.body());
        }
        long relayStart = System.nanoTime();
        waitForOutbox(http, url);
        double relay = (System.nanoTime() - relayStart) / 1e9;
        return String.format(Locale.ROOT, "%-48s %7.1f s  %,9.0f rows/s  (inserted %,d, unchanged %,d; %d metric results "
                        + "and %d ratings changed; events relayed to Kafka %.1f s later; service CPU %.1f s; %s; load before %s)",
                label, seconds, rows / seconds, j.get("rowsInserted").asLong(), j.get("rowsUnchanged").asLong(),
                j.get("metricResultsChanged").asInt(), j.get("ratingsChanged").asInt(), relay, cpu,
                timings(j.get("id").asText()), load);
    }

    static Path serviceLog;

    /** The service's own phase timings of a job, from its log. */
    static String timings(String jobId) throws Exception {
        if (serviceLog == null) {
            return "";
        }
        for (String line : Files.readAllLines(serviceLog)) {
            int i = line.indexOf("timings: ");
            if (i >= 0 && line.contains(jobId)) {
                return line.substring(i + "timings: ".length());
            }
        }
        return "";
    }

    static void waitForOutbox(HttpClient http, String url) throws Exception {
        Instant deadline = Instant.now().plusSeconds(300);
        while (Instant.now().isBefore(deadline)) {
            HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create(url + "/q/health/ready")).build(),
                    HttpResponse.BodyHandlers.ofString());
            for (JsonNode c : JSON.readTree(r.body()).path("checks")) {
                if ("outbox".equals(c.path("name").asText()) && c.path("data").path("unsent").asLong(-1) == 0) {
                    return;
                }
            }
            Thread.sleep(100);
        }
        throw new IllegalStateException("the outbox did not drain in 300 s");
    }

    static void waitForSchools(HttpClient http, String url, int n) throws Exception {
        Instant deadline = Instant.now().plusSeconds(120);
        while (Instant.now().isBefore(deadline)) {
            HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create(url + "/api/performance/schools")).build(),
                    HttpResponse.BodyHandlers.ofString());
            if (r.statusCode() == 200 && JSON.readTree(r.body()).size() >= n) {
                return;
            }
            Thread.sleep(200);
        }
        throw new IllegalStateException("the service did not learn the " + n + " schools in 120 s");
    }

    static double cpuSeconds(long pid) throws Exception {
        String[] f = Files.readString(Path.of("/proc/" + pid + "/stat")).replaceFirst("^.*\\) ", "").split(" ");
        return (Long.parseLong(f[11]) + Long.parseLong(f[12])) / 100.0; // utime + stime in clock ticks
    }

    static String loadAverage() throws Exception {
        String[] f = Files.readString(Path.of("/proc/loadavg")).split(" ");
        return f[0] + " " + f[1] + " " + f[2];
    }

    static String peakHeap(Path gcLog) throws Exception {
        Pattern p = Pattern.compile("(\\d+)M->(\\d+)M\\((\\d+)M\\)");
        long peak = 0;
        long committed = 0;
        int collections = 0;
        for (String line : Files.readAllLines(gcLog)) {
            Matcher m = p.matcher(line);
            if (m.find()) {
                collections++;
                peak = Math.max(peak, Long.parseLong(m.group(1)));
                committed = Math.max(committed, Long.parseLong(m.group(3)));
            }
        }
        return peak + " MB (largest heap committed " + committed + " MB, " + collections + " collections)";
    }

    // --- set-up ---------------------------------------------------------------------------------------

    static List<UUID> register(String bootstrap, int n, long seed, String prefix) throws Exception {
        Random rnd = new Random(seed);
        List<UUID> ids = new ArrayList<>();
        Map<String, Object> p = Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap,
                ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName(),
                ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class.getName(),
                ProducerConfig.ACKS_CONFIG, "all");
        try (KafkaProducer<String, byte[]> producer = new KafkaProducer<>(p)) {
            for (int i = 0; i < n; i++) {
                UUID id = new UUID(rnd.nextLong(), rnd.nextLong());
                ids.add(id);
                Map<String, Object> data = new LinkedHashMap<>();
                data.put("schoolId", id.toString());
                data.put("districtCode", prefix + "-" + i);
                data.put("name", "Bench school " + prefix + " " + i);
                data.put("type", i % 2 == 0 ? "CHARTER" : "DISTRICT");
                data.put("grades", List.of("3", "4", "5", "6", "7", "8"));
                data.put("status", "OPEN");
                Map<String, Object> ce = new LinkedHashMap<>();
                ce.put("specversion", "1.0");
                ce.put("id", UUID.randomUUID().toString());
                ce.put("source", "/contracts");
                ce.put("type", "portfolio.contracts.SchoolRegistered.v1");
                ce.put("subject", id.toString());
                ce.put("time", Instant.now().toString());
                ce.put("datacontenttype", "application/json");
                ce.put("data", data);
                producer.send(new ProducerRecord<>("contracts.events", id.toString(), JSON.writeValueAsBytes(ce)));
            }
            producer.flush();
        }
        return ids;
    }

    /** rows/schools per school: half ELA, half MATH, one STATE test each, levels 1–5, growth percentiles for 90%. */
    static void generate(List<UUID> schools, int rows, Path out, boolean json, long seed) throws Exception {
        Random rnd = new Random(seed);
        int perSchool = rows / schools.size();
        int written = 0;
        try (BufferedWriter w = Files.newBufferedWriter(out, StandardCharsets.UTF_8)) {
            if (json) {
                w.write('[');
            } else {
                w.write("schoolId,schoolYear,studentId,subject,testCode,gradeLevel,performanceLevel,scaleScore,growthPercentile\n");
            }
            for (int s = 0; s < schools.size(); s++) {
                String school = schools.get(s).toString();
                int count = s == schools.size() - 1 ? rows - written : perSchool;
                for (int i = 0; i < count; i++) {
                    String student = "S" + seed + "-" + s + "-" + (i / 2);
                    String subject = i % 2 == 0 ? "ELA" : "MATH";
                    int grade = 3 + rnd.nextInt(6);
                    int level = 1 + rnd.nextInt(5);
                    int scale = 2000 + rnd.nextInt(1000);
                    String sgp = rnd.nextInt(10) == 0 ? null : Integer.toString(1 + rnd.nextInt(99));
                    if (json) {
                        if (written > 0) {
                            w.write(',');
                        }
                        w.write("\n{\"schoolId\":\"" + school + "\",\"schoolYear\":\"2026-27\",\"studentId\":\"" + student
                                + "\",\"subject\":\"" + subject + "\",\"testCode\":\"STATE\",\"gradeLevel\":\"" + grade
                                + "\",\"performanceLevel\":" + level + ",\"scaleScore\":" + scale
                                + (sgp == null ? "" : ",\"growthPercentile\":" + sgp) + "}");
                    } else {
                        w.write(school + ",2026-27," + student + "," + subject + ",STATE," + grade + "," + level + ","
                                + scale + "," + (sgp == null ? "" : sgp) + "\n");
                    }
                    written++;
                }
            }
            if (json) {
                w.write("\n]\n");
            }
        }
    }

    // --- a DISTRICT_ADMIN token signed with the local key, shaped like the gateway's ----------------------

    static String token(Path privateKeyPem, String role) throws Exception {
        String pem = Files.readString(privateKeyPem).replaceAll("-----[A-Z ]+-----", "").replaceAll("\\s", "");
        var key = KeyFactory.getInstance("RSA").generatePrivate(new PKCS8EncodedKeySpec(Base64.getDecoder().decode(pem)));
        long now = Instant.now().getEpochSecond();
        String header = b64(JSON.writeValueAsBytes(Map.of("alg", "RS256", "typ", "JWT", "kid", "bench")));
        String claims = b64(JSON.writeValueAsBytes(Map.of("iss", "https://portfolio.local/gateway", "aud", "portfolio-api",
                "sub", "benchmark", "upn", "benchmark", "groups", List.of(role), "iat", now, "exp", now + 7200)));
        Signature sig = Signature.getInstance("SHA256withRSA");
        sig.initSign(key);
        sig.update((header + "." + claims).getBytes(StandardCharsets.US_ASCII));
        return header + "." + claims + "." + b64(sig.sign());
    }

    static String b64(byte[] b) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(b);
    }

}
