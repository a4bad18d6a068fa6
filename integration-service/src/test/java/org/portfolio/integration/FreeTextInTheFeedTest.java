package org.portfolio.integration;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.Test;
import org.portfolio.testing.TestTokens;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Issue 15's residual in the change feed: events published before the reason and resolution codes carry the free text
 * a person typed (a correction's reason, a flag resolution's note, an autonomy cause quoting the correction). V5
 * rewrites the feed's stored copies (the webhooks' bodies are made from them), and the consumer stores a late old
 * event with the codes; an event published since, and every other event, stays as it was.
 */
@QuarkusTest
class FreeTextInTheFeedTest {

    static final String C1 = "0b9d3c52-6f1e-4c7a-9a53-1f2e3d4c5b6a";   // its MetricResultRecorded is in the feed
    static final String C2 = "7c1f0a3e-2b4d-4e5f-8a9b-0c1d2e3f4a5b";   // quoted by an autonomy event with its reason
    static final String C3 = "5d6e7f80-9a0b-4c1d-8e2f-3a4b5c6d7e8f";   // quoted, its reason nowhere in the feed
    static final String C4 = "1a2b3c4d-5e6f-4a7b-8c9d-0e1f2a3b4c5d";   // published since issue 15
    static final String TEXT1 = "Jane Doe's answers (grade 4) were scored twice; see \"JD\" file";
    static final String TEXT2 = "Jane \"JD\" Doe re-scored (retest)";

    @Inject
    io.agroal.api.AgroalDataSource db;

    @Inject
    ObjectMapper mapper;

    record Row(String type, String data) {
    }

    @Test
    void migrationV5RewritesTheStoredCopiesOfEventsPublishedBeforeAndLeavesEveryOtherRowByteForByte() throws Exception {
        Map<String, Row> before = new LinkedHashMap<>();
        before.put("mrr-old", new Row("portfolio.performance.MetricResultRecorded.v1", json(Map.of("resultId", "r1",
                "value", 41.50, "correction", Map.of("correctionId", C1, "reason", TEXT1)))));
        before.put("be-old", new Row("portfolio.contracts.BenchmarkEvaluated.v1", json(Map.of("evaluationId", "e1",
                "trigger", "CORRECTION", "correction", Map.of("correctionId", C1, "reason", TEXT1)))));
        // a reason that happened to look like a code was given OTHER too (performance-service V7: every old one)
        before.put("be-old-codelike", new Row("portfolio.contracts.BenchmarkEvaluated.v1", json(Map.of("evaluationId", "e2",
                "correction", Map.of("correctionId", C3, "reason", "SCORING_ERROR")))));
        before.put("ie-old", new Row("portfolio.contracts.InterventionEscalated.v1", json(Map.of("level", "NOTICE_OF_CONCERN",
                "reason", "Benchmark ELA 2026-27 missed: 30 < 40 — on corrected data (correction " + C1 + ": " + TEXT1
                        + "); a first miss: notice of concern"))));
        before.put("ie-old-unknown", new Row("portfolio.contracts.InterventionEscalated.v1", json(Map.of("level", "PROBATION",
                "reason", "Benchmark ELA 2026-27 missed: 30 < 40 — on corrected data (correction " + C3 + ": Jane D"))));
        before.put("ar-old", new Row("portfolio.autonomy.AutonomyReinstated.v1", json(Map.of("grantId", "g1", "cause",
                Map.of("kind", "BENCHMARK_MET", "description", "Benchmark ELA 2026-27 met: target GTE 40, actual 41.5 — on "
                        + "corrected data (correction " + C2 + ": " + TEXT2 + ")",
                        "correction", Map.of("correctionId", C2, "reason", TEXT2))))));
        before.put("rv-old-cut", new Row("portfolio.autonomy.AutonomyRevoked.v1", json(Map.of("grantId", "g2", "cause",
                Map.of("kind", "RATING_FELL", "description", "ratings fell; the benchmark was met (correction " + C3
                        + ": Jane Do")))));
        before.put("ifr-old", new Row("portfolio.performance.IntegrityFlagResolved.v1", json(Map.of("flagId", "f1",
                "note", "Talked to Jane Doe's mother"))));
        before.put("mrr-forged", new Row("portfolio.performance.MetricResultRecorded.v1", json(Map.of("resultId", "r2",
                "correction", Map.of("correctionId", C4, "reasonCode", "JANE_DOE", "reason", "JANE_DOE")))));
        // rows that must not change by one byte: published since issue 15, or of another type
        Map<String, Row> kept = new LinkedHashMap<>();
        kept.put("mrr-new", new Row("portfolio.performance.MetricResultRecorded.v1", "{ \"value\" : 41.50, \"correction\": "
                + "{\"reason\":\"SCORING_ERROR\", \"correctionId\":\"" + C4 + "\",\"reasonCode\":\"SCORING_ERROR\"}}"));
        kept.put("ar-new", new Row("portfolio.autonomy.AutonomyReinstated.v1", "{\"grantId\":\"g3\",\"cause\":{\"kind\":"
                + "\"BENCHMARK_MET\",\"description\":\"met — on corrected data (correction " + C4 + ": SCORING_ERROR)\","
                + "\"correction\":{\"correctionId\":\"" + C4 + "\",\"reasonCode\":\"SCORING_ERROR\",\"reason\":\"SCORING_ERROR\"}}}"));
        kept.put("ifr-new", new Row("portfolio.performance.IntegrityFlagResolved.v1",
                "{\"flagId\":\"f2\",  \"resolutionCode\":\"EXPLAINED\",\"note\":\"EXPLAINED\"}"));
        kept.put("ie-plain", new Row("portfolio.contracts.InterventionEscalated.v1",
                "{\"reason\":\"Benchmark ELA missed: 30 < 40; a first miss\",\"level\":\"NOTICE_OF_CONCERN\"}"));
        kept.put("other-type", new Row("portfolio.contracts.SchoolUpdated.v1",
                "{\"name\":\"Jane Doe Academy\",\"note\":\"Jane\",\"correction\":{\"reason\":\"Jane Doe\"}}"));

        String schema = "v5check_" + Long.toHexString(System.nanoTime());
        try {
            Flyway.configure().dataSource(db).schemas(schema).locations("classpath:db/migration").target("4").load().migrate();
            try (Connection c = db.getConnection(); PreparedStatement st = c.prepareStatement("insert into " + schema
                    + ".feed_event (event_id, type, source, occurred_at, data, audience) values (?, ?, '/test', now(), ?, "
                    + "'SCHOOL_RECORD')")) {
                for (var rows : List.of(before, kept)) {
                    for (var e : rows.entrySet()) {
                        st.setString(1, e.getKey());
                        st.setString(2, e.getValue().type());
                        st.setString(3, e.getValue().data());
                        st.executeUpdate();
                    }
                }
            }
            Flyway.configure().dataSource(db).schemas(schema).locations("classpath:db/migration").target("5").load().migrate();
            Map<String, String> after = rows(schema);

            kept.forEach((id, row) -> assertThat(after.get(id)).as(id).isEqualTo(row.data()));
            before.keySet().forEach(id -> assertThat(after.get(id)).as(id).doesNotContain("Jane").doesNotContain("JANE")
                    .doesNotContain("scored twice"));

            JsonNode mrr = mapper.readTree(after.get("mrr-old"));
            assertThat(mrr.get("correction")).isEqualTo(mapper.readTree(
                    "{\"correctionId\":\"" + C1 + "\",\"reasonCode\":\"OTHER\",\"reason\":\"OTHER\"}"));
            assertThat(mrr.get("value").decimalValue()).isEqualByComparingTo("41.5");
            assertThat(mrr.get("resultId").asText()).isEqualTo("r1");
            assertThat(field(after, "be-old", "/correction/reasonCode")).isEqualTo("OTHER");
            assertThat(field(after, "be-old", "/trigger")).isEqualTo("CORRECTION");
            assertThat(field(after, "be-old-codelike", "/correction/reasonCode")).isEqualTo("OTHER");
            assertThat(field(after, "be-old-codelike", "/correction/reason")).isEqualTo("OTHER");
            assertThat(field(after, "mrr-forged", "/correction/reasonCode")).isEqualTo("OTHER");
            assertThat(field(after, "mrr-forged", "/correction/reason")).isEqualTo("OTHER");
            // exactly, with the reason the feed's MetricResultRecorded of C1 still held: the rule after it stays
            assertThat(field(after, "ie-old", "/reason")).isEqualTo("Benchmark ELA 2026-27 missed: 30 < 40 — on corrected "
                    + "data (correction " + C1 + ": OTHER); a first miss: notice of concern");
            assertThat(field(after, "ie-old-unknown", "/reason")).isEqualTo(
                    "Benchmark ELA 2026-27 missed: 30 < 40 — on corrected data (correction " + C3 + ": OTHER)");
            assertThat(field(after, "ie-old-unknown", "/level")).isEqualTo("PROBATION");
            assertThat(field(after, "ar-old", "/cause/description")).isEqualTo("Benchmark ELA 2026-27 met: target GTE 40, "
                    + "actual 41.5 — on corrected data (correction " + C2 + ": OTHER)");
            assertThat(field(after, "ar-old", "/cause/correction/reasonCode")).isEqualTo("OTHER");
            assertThat(field(after, "ar-old", "/cause/correction/reason")).isEqualTo("OTHER");
            assertThat(field(after, "ar-old", "/cause/kind")).isEqualTo("BENCHMARK_MET");
            assertThat(field(after, "rv-old-cut", "/cause/description"))
                    .isEqualTo("ratings fell; the benchmark was met (correction " + C3 + ": OTHER)");
            assertThat(field(after, "ifr-old", "/resolutionCode")).isEqualTo("OTHER");
            assertThat(field(after, "ifr-old", "/note")).isEqualTo("OTHER");
            assertThat(field(after, "ifr-old", "/flagId")).isEqualTo("f1");
        } finally {
            try (Connection c = db.getConnection(); var st = c.createStatement()) {
                st.execute("drop schema if exists " + schema + " cascade");
            }
        }
    }

    @Test
    void anEventPublishedBeforeThatArrivesNowIsStoredAndServedWithTheCodesOnly() throws Exception {
        UUID school = UUID.randomUUID();
        String correction = UUID.randomUUID().toString();
        String oldResult = Events.publish("performance", "MetricResultRecorded", school.toString(), Map.of(
                "resultId", UUID.randomUUID().toString(), "schoolId", school.toString(), "metricCode", "ELA_PROFICIENCY",
                "value", 41.5, "correction", Map.of("correctionId", correction, "reason", TEXT1)));
        String oldResolution = Events.publish("performance", "IntegrityFlagResolved", school.toString(), Map.of(
                "flagId", UUID.randomUUID().toString(), "schoolId", school.toString(), "note", "Talked to Jane Doe's mother"));
        String oldRevocation = Events.publish("autonomy", "AutonomyRevoked", school.toString(), Map.of(
                "grantId", UUID.randomUUID().toString(), "schoolId", school.toString(), "domain", "PROGRAM",
                "cause", Map.of("kind", "BENCHMARK_MISSED", "description", "Benchmark ELA 2026-27 missed: target GTE 40, "
                        + "actual 30 — on corrected data (correction " + correction + ": " + TEXT2 + ")",
                        "correction", Map.of("correctionId", correction, "reason", TEXT2))));
        Map<String, Object> sinceIssue15 = Map.of("resultId", UUID.randomUUID().toString(), "schoolId", school.toString(),
                "metricCode", "ELA_PROFICIENCY", "value", 42, "correction", Map.of("correctionId", correction,
                        "reasonCode", "SCORING_ERROR", "reason", "SCORING_ERROR"));
        String newResult = Events.publish("performance", "MetricResultRecorded", school.toString(), sinceIssue15);
        List<String> ids = List.of(oldResult, oldResolution, oldRevocation, newResult);
        await().atMost(Duration.ofSeconds(60)).until(() -> stored(ids).size() == ids.size());

        Map<String, String> rows = stored(ids);
        for (String id : List.of(oldResult, oldResolution, oldRevocation)) {
            assertThat(rows.get(id)).as(id).doesNotContain("Jane").doesNotContain("scored twice");
        }
        // served by the feed (and so sent by a webhook, whose body is made from the stored row) with the codes
        Map<String, JsonNode> served = served(school);
        assertThat(served.get(oldResult).at("/data/correction/reasonCode").asText()).isEqualTo("OTHER");
        assertThat(served.get(oldResult).at("/data/correction/reason").asText()).isEqualTo("OTHER");
        assertThat(served.get(oldResult).at("/data/value").decimalValue()).isEqualByComparingTo("41.5");
        assertThat(served.get(oldResolution).at("/data/resolutionCode").asText()).isEqualTo("OTHER");
        assertThat(served.get(oldResolution).at("/data/note").asText()).isEqualTo("OTHER");
        assertThat(served.get(oldRevocation).at("/data/cause/description").asText()).isEqualTo("Benchmark ELA 2026-27 "
                + "missed: target GTE 40, actual 30 — on corrected data (correction " + correction + ": OTHER)");
        assertThat(served.get(oldRevocation).at("/data/cause/correction/reasonCode").asText()).isEqualTo("OTHER");
        // published since issue 15: stored as published
        assertThat(mapper.readTree(rows.get(newResult))).isEqualTo(mapper.valueToTree(sinceIssue15));
        assertThat(served.get(newResult).at("/data/correction/reasonCode").asText()).isEqualTo("SCORING_ERROR");
    }

    private Map<String, String> stored(List<String> ids) throws Exception {
        Map<String, String> out = new LinkedHashMap<>();
        try (Connection c = db.getConnection(); PreparedStatement st = c.prepareStatement(
                "select event_id, data from feed_event where event_id = any(?)")) {
            st.setArray(1, c.createArrayOf("varchar", ids.toArray()));
            try (ResultSet r = st.executeQuery()) {
                while (r.next()) {
                    out.put(r.getString(1), r.getString(2));
                }
            }
        }
        return out;
    }

    private Map<String, JsonNode> served(UUID school) throws Exception {
        String body = given().auth().oauth2(TestTokens.districtAdmin())
                .get("/api/events?after=0&limit=500&schoolId=" + school).then().statusCode(200).extract().asString();
        Map<String, JsonNode> out = new LinkedHashMap<>();
        mapper.readTree(body).get("events").forEach(e -> out.put(e.get("id").asText(), e));
        return out;
    }

    private Map<String, String> rows(String schema) throws Exception {
        Map<String, String> out = new LinkedHashMap<>();
        try (Connection c = db.getConnection(); var st = c.createStatement();
             ResultSet r = st.executeQuery("select event_id, data from " + schema + ".feed_event")) {
            while (r.next()) {
                out.put(r.getString(1), r.getString(2));
            }
        }
        return out;
    }

    private String field(Map<String, String> rows, String id, String pointer) throws Exception {
        return mapper.readTree(rows.get(id)).at(pointer).asText();
    }

    private String json(Object data) throws Exception {
        return mapper.writeValueAsString(data);
    }
}
