package org.portfolio.contracts.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfEnvironmentVariable;
import org.portfolio.contracts.domain.SchoolYear;
import org.portfolio.testing.RealInfrastructure;
import org.portfolio.testing.TestTokens;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.MonthDay;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

import static io.restassured.RestAssured.given;

/**
 * The contracts hop of the flagship chain, measured: from sending a MetricResultRecorded (a missed benchmark) to
 * performance.events until its BenchmarkEvaluated and InterventionEscalated are read back from contracts.events,
 * on the real PostgreSQL and Kafka of the tests. Phase "paced": one event every BENCH_PAUSE_MS (50) ms, the steady
 * state; phase "burst": all at once (queueing). BENCH_SCHOOLS (200) events per phase. Run with benchmarks/contracts-evaluation-latency.sh; skipped otherwise.
 */
@QuarkusTest
@EnabledIfEnvironmentVariable(named = "PORTFOLIO_BENCHMARK", matches = "1|true")
class EvaluationLatencyBenchmark {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final int SCHOOLS = Integer.parseInt(System.getenv().getOrDefault("BENCH_SCHOOLS", "200"));
    private static final int WARMUP = 20;
    private static final long PAUSE_MS = Long.parseLong(System.getenv().getOrDefault("BENCH_PAUSE_MS", "50"));

    private final Map<String, Long> evaluatedAt = new ConcurrentHashMap<>();
    private final Map<String, Long> escalatedAt = new ConcurrentHashMap<>();
    /** Wall-clock instant the service evaluated (BenchmarkEvaluated.evaluatedAt), per contract. */
    private final Map<String, Instant> serviceEvaluatedAt = new ConcurrentHashMap<>();
    private volatile boolean reading = true;

    @Test
    void missedBenchmarkToEvaluationAndEscalationOnTheTopic() throws Exception {
        String year = SchoolYear.containing(LocalDate.now(ZoneOffset.UTC), MonthDay.of(6, 30)).toString();
        String body = given().auth().oauth2(TestTokens.districtAdmin()).contentType(ContentType.JSON)
                .body(Map.of("name", "Bench board " + UUID.randomUUID(), "kind", "SCHOOL_BOARD"))
                .post("/api/oversight-bodies").then().statusCode(201).extract().path("id");
        List<String[]> pairs = new ArrayList<>();   // school id, contract id
        for (int i = 0; i < SCHOOLS * 2 + WARMUP; i++) {
            pairs.add(schoolWithContract(body, year));
        }

        Thread reader = new Thread(this::readContractsEvents, "bench-reader");
        reader.start();
        Thread.sleep(2000);   // the reader is positioned at the end of the topic

        try (KafkaProducer<String, byte[]> producer = producer()) {
            List<Long> paced = run(producer, pairs.subList(0, WARMUP + SCHOOLS), year, PAUSE_MS);
            List<Long> burst = run(producer, pairs.subList(WARMUP + SCHOOLS, pairs.size()), year, 0);
            reading = false;
            reader.join(5000);
            String report = String.format(Locale.ROOT,
                    "%s contracts hop (MetricResultRecorded sent -> InterventionEscalated read), %d events per phase%n"
                            + "paced (1 every %d ms, first %d dropped as warm-up): %s%n%s%n"
                            + "burst (all at once): %s%n%s%n",
                    Instant.now(), SCHOOLS, PAUSE_MS, WARMUP, stats(paced.subList(WARMUP, paced.size())), breakdown.get(0),
                    stats(burst), breakdown.get(1));
            String metrics = given().get("/q/metrics").then().statusCode(200).extract().asString();
            report += String.format(Locale.ROOT, "evaluation work in the service (contracts_evaluation_duration, mean over all "
                    + "events incl. set-up): %.1f ms; lag from the event's time (contracts_evaluation_lag) mean: %.1f ms%n",
                    meanMs(metrics, "contracts_evaluation_duration_seconds"), meanMs(metrics, "contracts_evaluation_lag_seconds"));
            System.out.println(report);
            Path out = Path.of("target", "benchmarks", "contracts-evaluation-latency.txt");
            Files.createDirectories(out.getParent());
            Files.writeString(out, report);
        }
    }

    /** Per phase: total latency, and its two parts (sent → evaluated in the service, evaluated → read back). */
    private final List<String> breakdown = new ArrayList<>();

    private List<Long> run(KafkaProducer<String, byte[]> producer, List<String[]> pairs, String year, long pauseMs)
            throws Exception {
        Map<String, Long> sentAt = new LinkedHashMap<>();
        Map<String, Instant> sentWall = new LinkedHashMap<>();
        for (String[] p : pairs) {
            byte[] event = metricEvent(p[0], year);
            sentAt.put(p[1], System.nanoTime());
            sentWall.put(p[1], Instant.now());
            producer.send(new ProducerRecord<>("performance.events", p[0], event));
            if (pauseMs > 0) {
                Thread.sleep(pauseMs);
            }
        }
        producer.flush();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
        while (!escalatedAt.keySet().containsAll(sentAt.keySet()) && System.nanoTime() < deadline) {
            Thread.sleep(20);
        }
        List<Long> latencies = new ArrayList<>();
        for (var e : sentAt.entrySet()) {
            Long evaluated = evaluatedAt.get(e.getKey());
            Long escalated = escalatedAt.get(e.getKey());
            if (evaluated == null || escalated == null) {
                throw new AssertionError("no evaluation/escalation for contract " + e.getKey() + " within 120 s");
            }
            latencies.add(Math.max(evaluated, escalated) - e.getValue());
        }
        List<Long> toEvaluated = new ArrayList<>();
        List<Long> evaluatedToRead = new ArrayList<>();
        for (String contract : sentAt.keySet()) {
            long inService = Duration.between(sentWall.get(contract), serviceEvaluatedAt.get(contract)).toNanos();
            toEvaluated.add(inService);
            evaluatedToRead.add(Math.max(evaluatedAt.get(contract), escalatedAt.get(contract)) - sentAt.get(contract) - inService);
        }
        int skip = pauseMs > 0 ? WARMUP : 0;
        List<Instant> done = sentAt.keySet().stream().map(serviceEvaluatedAt::get).sorted().toList();
        double perEventMs = Duration.between(done.get(0), done.get(done.size() - 1)).toNanos() / 1e6 / (done.size() - 1);
        breakdown.add(String.format(Locale.ROOT, "  sent -> evaluated in the service: %s%n  evaluated -> read back: %s%n"
                        + "  service pace: one evaluation every %.1f ms (first to last evaluation / events)%n"
                        + "  first 10 totals (ms): %s, last 10: %s",
                stats(toEvaluated.subList(skip, toEvaluated.size())),
                stats(evaluatedToRead.subList(skip, evaluatedToRead.size())), perEventMs,
                latencies.subList(skip, skip + 10).stream().map(n -> n / 1_000_000).toList(),
                latencies.subList(latencies.size() - 10, latencies.size()).stream().map(n -> n / 1_000_000).toList()));
        return latencies;
    }

    private void readContractsEvents() {
        try (KafkaConsumer<String, byte[]> c = new KafkaConsumer<>(Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, RealInfrastructure.bootstrapServers(),
                ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName(),
                ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class.getName(),
                ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false,
                ConsumerConfig.FETCH_MAX_WAIT_MS_CONFIG, 10))) {
            List<TopicPartition> parts = c.partitionsFor("contracts.events").stream()
                    .map(i -> new TopicPartition(i.topic(), i.partition())).toList();
            c.assign(parts);
            c.seekToEnd(parts);
            parts.forEach(tp -> c.position(tp));
            while (reading) {
                for (ConsumerRecord<String, byte[]> r : c.poll(Duration.ofMillis(50))) {
                    long now = System.nanoTime();
                    JsonNode ce = JSON.readTree(r.value());
                    String type = ce.path("type").asText();
                    String contract = ce.path("data").path("contractId").asText();
                    if (type.endsWith(".BenchmarkEvaluated.v1")) {
                        evaluatedAt.putIfAbsent(contract, now);
                        serviceEvaluatedAt.putIfAbsent(contract, Instant.parse(ce.path("data").path("evaluatedAt").asText()));
                    } else if (type.endsWith(".InterventionEscalated.v1")) {
                        escalatedAt.putIfAbsent(contract, now);
                    }
                }
            }
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String[] schoolWithContract(String body, String year) {
        String code = "B-" + UUID.randomUUID().toString().substring(0, 12);
        String school = given().auth().oauth2(TestTokens.districtAdmin()).contentType(ContentType.JSON)
                .body(Map.of("districtCode", code, "name", "Bench " + code, "type", "CHARTER", "grades", List.of("9"),
                        "oversightBodyId", body))
                .post("/api/schools").then().statusCode(201).extract().path("id");
        Map<String, Object> benchmark = new LinkedHashMap<>();
        benchmark.put("metricCode", "TEACHER_VACANCIES");
        benchmark.put("comparator", "LTE");
        benchmark.put("target", 3);
        benchmark.put("period", year);
        benchmark.put("category", "ORGANIZATIONAL");
        benchmark.put("guardsDomains", List.of("PEOPLE"));
        benchmark.put("missTriggers", "NOTICE_OF_CONCERN");
        String contract = given().auth().oauth2(TestTokens.districtAdmin()).contentType(ContentType.JSON)
                .body(Map.of("schoolId", school, "term", Map.of("startYear", year, "endYear", year),
                        "provisions", List.of(Map.of("domain", "PEOPLE", "model", "FULL_WITH_EXPECTATIONS", "scope", "Hiring")),
                        "benchmarks", List.of(benchmark)))
                .post("/api/contracts").then().statusCode(201).extract().path("id");
        given().auth().oauth2(TestTokens.districtAdmin()).contentType(ContentType.JSON)
                .post("/api/contracts/" + contract + "/activation").then().statusCode(200);
        return new String[]{school, contract};
    }

    private static byte[] metricEvent(String school, String year) throws IOException {
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("resultId", UUID.randomUUID().toString());
        data.put("schoolId", school);
        data.put("metricCode", "TEACHER_VACANCIES");
        data.put("period", year);
        data.put("value", 7);
        data.put("n", null);
        data.put("suppressed", false);
        data.put("source", "SIS_SCHOOL_LEVEL");
        data.put("recordedAt", Instant.now().toString());
        Map<String, Object> ce = new LinkedHashMap<>();
        ce.put("specversion", "1.0");
        ce.put("id", UUID.randomUUID().toString());
        ce.put("source", "/performance");
        ce.put("type", "portfolio.performance.MetricResultRecorded.v1");
        ce.put("subject", school);
        ce.put("time", Instant.now().toString());
        ce.put("datacontenttype", "application/json");
        ce.put("data", data);
        return JSON.writeValueAsBytes(ce);
    }

    private static KafkaProducer<String, byte[]> producer() {
        return new KafkaProducer<>(Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, RealInfrastructure.bootstrapServers(),
                ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName(),
                ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class.getName(),
                ProducerConfig.ACKS_CONFIG, "all",
                ProducerConfig.LINGER_MS_CONFIG, 0));
    }

    /** Mean of a Prometheus timer in ms: _sum / _count. */
    private static double meanMs(String metrics, String name) {
        double sum = 0;
        double count = 0;
        for (String line : metrics.split("\n")) {
            if (line.startsWith(name + "_sum")) {
                sum = Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1));
            } else if (line.startsWith(name + "_count")) {
                count = Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1));
            }
        }
        return count == 0 ? Double.NaN : sum / count * 1000;
    }

    private static String stats(List<Long> nanos) {
        List<Long> ms = new ArrayList<>(nanos.stream().map(n -> n / 1_000_000).toList());
        Collections.sort(ms);
        return String.format(Locale.ROOT, "n=%d p50=%d ms p95=%d ms p99=%d ms max=%d ms", ms.size(), pct(ms, 50),
                pct(ms, 95), pct(ms, 99), ms.get(ms.size() - 1));
    }

    private static long pct(List<Long> sorted, int p) {
        int i = (int) Math.ceil(p / 100.0 * sorted.size()) - 1;
        return sorted.get(Math.max(0, Math.min(i, sorted.size() - 1)));
    }
}
