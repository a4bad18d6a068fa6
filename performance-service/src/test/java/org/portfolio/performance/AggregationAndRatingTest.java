package org.portfolio.performance;

import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.Test;
import org.portfolio.testing.EventsProbe;
import org.portfolio.testing.TestTokens;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasKey;
import static org.hamcrest.Matchers.not;
import static org.portfolio.performance.Fixtures.assessment;
import static org.portfolio.performance.Fixtures.postJson;

/** Student records → school metrics → ratings, on the default 2026-27 framework, checked against hand computation. */
@QuarkusTest
class AggregationAndRatingTest {

    @jakarta.inject.Inject
    io.agroal.api.AgroalDataSource ds;

    static final String STUDENT_PREFIX = "STU" + UUID.randomUUID().toString().substring(0, 8).toUpperCase() + "-";

    /**
     * The fixture, computed by hand on the default framework (docs/performance-service.md):
     * ELA 7 of 12 proficient = 58.3% → 12/16; MATH 4 of 12 = 33.3% → 8/16; median growth percentile of the 24
     * SGPs = (47 + 48) / 2 = 47.5 → 10/20 (n = the 12 students, not the 24 percentiles); GRADUATION_RATE missing; DAYS_CASH_ON_HAND 45 → 4/8;
     * ENROLLMENT_VS_PROJECTION 0.97 → 6/8; CHRONIC_ABSENTEEISM 3 of 12 (the student enrolled 5 days does not count)
     * = 25% → 4/8; TEACHER_VACANCIES 1 → 6/8; FAMILY_DEMAND 90 first choices / 100 seats = 0.9 → 4/8.
     * Total 54 of the 92 available points = 58.7% → APPROACHING; coverage 92%.
     */
    @Test
    void aRatingComputedByHandEqualsTheServices() {
        Fixtures.School s = Fixtures.school("INNOVATION");
        UUID id = s.id();
        String p = STUDENT_PREFIX + "H";
        int[] elaLevels = {4, 3, 3, 5, 3, 4, 3, 2, 1, 2, 2, 1};
        int[] mathLevels = {3, 4, 3, 3, 2, 2, 1, 2, 1, 2, 2, 1};
        int[] elaSgp = {30, 35, 40, 42, 44, 46, 48, 50, 52, 54, 60, 70};
        int[] mathSgp = {20, 25, 33, 41, 45, 47, 49, 51, 53, 58, 62, 80};
        List<Object> rows = new ArrayList<>();
        for (int i = 0; i < 12; i++) {
            rows.add(assessment(id, p + i, "ELA", elaLevels[i], elaSgp[i]));
            rows.add(assessment(id, p + i, "MATH", mathLevels[i], mathSgp[i]));
        }
        postJson("assessments", TestTokens.districtAdmin(), rows).statusCode(201).body("rowsAccepted", equalTo(24));

        List<Object> attendance = new ArrayList<>();
        double[] absent = {10, 15, 30, 0, 1, 2, 3, 4, 5, 6, 7, 8};
        for (int i = 0; i < 12; i++) {
            attendance.add(Fixtures.attendance(id, p + i, 100, absent[i]));
        }
        attendance.add(Fixtures.attendance(id, p + "new", 5, 5));
        postJson("attendance", TestTokens.districtAdmin(), attendance).statusCode(201).body("rowsAccepted", equalTo(13));

        postJson("school-metrics", TestTokens.districtAdmin(), List.of(
                Fixtures.value(id, "DAYS_CASH_ON_HAND", 45, null),
                Fixtures.value(id, "ENROLLMENT_VS_PROJECTION", 0.97, null),
                Fixtures.value(id, "TEACHER_VACANCIES", 1, null))).statusCode(201);
        EventsProbe.publish("enrollment.events", "/enrollment", Fixtures.DEMAND_REPORTED, id.toString(),
                Map.of("periodId", UUID.randomUUID(), "schoolYear", "2026-27", "round", 1, "schoolId", id,
                        "applicants", 150, "firstChoices", 90, "seats", 100, "offers", 100));

        var event = Fixtures.awaitEvent(id, Fixtures.RATING_PUBLISHED, e -> {
            for (var m : e.data().get("metrics")) {
                if (m.get("metricCode").asText().equals("FAMILY_DEMAND") && !m.get("missing").asBoolean()) {
                    return true;
                }
            }
            return false;
        });
        var d = event.data();
        assertThat(d.get("schoolYear").asText()).isEqualTo("2026-27");
        assertThat(d.get("frameworkVersion").asInt()).isEqualTo(1);
        assertThat(d.get("totalPoints").asDouble()).isEqualTo(54.0);
        assertThat(d.get("maxPoints").asDouble()).isEqualTo(92.0);
        assertThat(d.get("percent").asDouble()).isEqualTo(58.7);
        assertThat(d.get("tier").asText()).isEqualTo("APPROACHING");
        assertThat(d.get("coveragePercent").asDouble()).isEqualTo(92.0);
        Map<String, double[]> byCategory = Map.of("ACADEMIC", new double[]{30, 52, 57.7},
                "FINANCIAL", new double[]{10, 16, 62.5}, "ORGANIZATIONAL", new double[]{14, 24, 58.3});
        for (var c : d.get("categories")) {
            double[] expected = byCategory.get(c.get("category").asText());
            assertThat(new double[]{c.get("points").asDouble(), c.get("maxPoints").asDouble(), c.get("percent").asDouble()})
                    .as(c.get("category").asText()).containsExactly(expected);
        }
        Map<String, Object[]> byMetric = Map.of(
                "ELA_PROFICIENCY", new Object[]{58.3, 12, 12.0},
                "MATH_PROFICIENCY", new Object[]{33.3, 12, 8.0},
                "MEDIAN_GROWTH_PERCENTILE", new Object[]{47.5, 12, 10.0},
                "CHRONIC_ABSENTEEISM", new Object[]{25.0, 12, 4.0},
                "DAYS_CASH_ON_HAND", new Object[]{45.0, null, 4.0},
                "ENROLLMENT_VS_PROJECTION", new Object[]{0.97, null, 6.0},
                "TEACHER_VACANCIES", new Object[]{1.0, null, 6.0},
                "FAMILY_DEMAND", new Object[]{0.9, 150, 4.0});
        for (var m : d.get("metrics")) {
            String code = m.get("metricCode").asText();
            if (code.equals("GRADUATION_RATE")) {
                assertThat(m.get("missing").asBoolean()).isTrue();
                assertThat(m.has("points")).as("a missing metric has no points").isFalse();
                continue;
            }
            Object[] e = byMetric.get(code);
            assertThat(m.get("value").asDouble()).as(code + " value").isEqualTo((Double) e[0]);
            assertThat(m.has("n") ? m.get("n").asInt() : null).as(code + " n").isEqualTo(e[1]);
            assertThat(m.get("points").asDouble()).as(code + " points").isEqualTo((Double) e[2]);
        }

        // the same numbers on the REST side, with what was left out
        given().auth().oauth2(TestTokens.oversight()).get("/api/performance/schools/" + id + "/profile").then()
                .statusCode(200)
                .body("school.type", equalTo("INNOVATION"))
                .body("years[0].schoolYear", equalTo("2026-27"))
                .body("years[0].rating.tier", equalTo("APPROACHING"))
                .body("years[0].rating.percent", equalTo(58.7f))
                .body("years[0].rating.missing", hasItem("GRADUATION_RATE"))
                .body("years[0].metrics.find { it.metricCode == 'ELA_PROFICIENCY' }.n", equalTo(12));
        given().auth().oauth2(TestTokens.districtAdmin()).queryParam("schoolYear", "2026-27").queryParam("type", "INNOVATION")
                .queryParam("tier", "APPROACHING").queryParam("size", 500)
                .get("/api/performance/ratings").then().statusCode(200)
                .body("items.schoolId", hasItem(id.toString()));
        given().auth().oauth2(TestTokens.districtAdmin()).queryParam("schoolYear", "2026-27").queryParam("type", "CHARTER")
                .queryParam("size", 500)
                .get("/api/performance/ratings").then().statusCode(200)
                .body("items.schoolId", not(hasItem(id.toString())));
        // a type outside the registry's five is refused (it used to match nothing: an empty page)
        given().auth().oauth2(TestTokens.districtAdmin()).queryParam("type", "PUBLIC")
                .get("/api/performance/ratings").then().statusCode(400)
                .contentType("application/problem+json")
                .body("errors[0].field", equalTo("type"));
    }

    @Test
    void theMinimumNCountsStudentsNotTheResultsOfAMetricOverSeveralSubjects() {
        // review of 2026-12-05: five students with ELA and MATH growth percentiles made n 10 and were published
        Fixtures.School s = Fixtures.school();
        UUID id = s.id();
        String p = STUDENT_PREFIX + "N";
        List<Object> rows = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            rows.add(assessment(id, p + i, "ELA", 3, 40 + i));
            rows.add(assessment(id, p + i, "MATH", 3, 50 + i));
        }
        postJson("assessments", TestTokens.districtAdmin(), rows).statusCode(201);
        var growth = Fixtures.awaitMetric(id, "MEDIAN_GROWTH_PERCENTILE", e -> true);
        assertThat(growth.data().get("n").asInt()).as("the students behind it").isEqualTo(5);
        assertThat(growth.data().get("suppressed").asBoolean()).isTrue();
        given().queryParam("schoolYear", "2026-27").get("/api/performance/public/schools/" + id).then().statusCode(200)
                .body("metrics.find { it.metricCode == 'MEDIAN_GROWTH_PERCENTILE' }.suppressed", equalTo(true))
                .body("metrics.find { it.metricCode == 'MEDIAN_GROWTH_PERCENTILE' }", not(hasKey("value")));
    }

    @Test
    void aValueReplacingOneRecordedByAReplicaWhoseClockIsAheadIsStillRecordedAfterIt() throws Exception {
        // seventh pass M1: consumers drop a value recorded before the one they know; a correction made on a replica whose
        // clock was behind the one that made the upload was dropped as older, and its MET never published
        UUID id = Fixtures.school().id();
        postJson("school-metrics", TestTokens.districtAdmin(), List.of(Fixtures.value(id, "DAYS_CASH_ON_HAND", 40, null)))
                .statusCode(201);
        Fixtures.awaitMetric(id, "DAYS_CASH_ON_HAND", e -> true);
        java.time.Instant ahead = java.time.Instant.now().plusSeconds(120).truncatedTo(java.time.temporal.ChronoUnit.MICROS);
        try (var c = ds.getConnection(); var ps = c.prepareStatement(
                "update school_metric_value set updated_at = ? where school_id = ? and metric_code = 'DAYS_CASH_ON_HAND'")) {
            ps.setObject(1, java.time.OffsetDateTime.ofInstant(ahead, java.time.ZoneOffset.UTC));
            ps.setObject(2, id);
            assertThat(ps.executeUpdate()).isEqualTo(1);
        }
        postJson("school-metrics", TestTokens.districtAdmin(), List.of(Fixtures.value(id, "DAYS_CASH_ON_HAND", 95, null)))
                .statusCode(201);
        var replaced = Fixtures.awaitMetric(id, "DAYS_CASH_ON_HAND", e -> e.data().get("value").asDouble() == 95.0);
        assertThat(java.time.Instant.parse(replaced.data().get("recordedAt").asText())).isAfter(ahead);

        // after a withdrawal there is no current value: the next one is still recorded after the withdrawal
        try (var c = ds.getConnection(); var ps = c.prepareStatement("insert into metric_result (id, school_id, school_year, "
                + "metric_code, value, suppressed, source, event_id, recorded_at, withdrawn) "
                + "values (gen_random_uuid(), ?, '2026-27', 'TEACHER_VACANCIES', null, false, 'SIS_SCHOOL_LEVEL', "
                + "gen_random_uuid(), ?, true)")) {
            ps.setObject(1, id);
            ps.setObject(2, java.time.OffsetDateTime.ofInstant(ahead, java.time.ZoneOffset.UTC));
            ps.executeUpdate();
        }
        postJson("school-metrics", TestTokens.districtAdmin(), List.of(Fixtures.value(id, "TEACHER_VACANCIES", 2, null)))
                .statusCode(201);
        var afterWithdrawal = Fixtures.awaitMetric(id, "TEACHER_VACANCIES", e -> true);
        assertThat(java.time.Instant.parse(afterWithdrawal.data().get("recordedAt").asText())).isAfter(ahead);
    }

    @Test
    void aRatingReplacingOneComputedByAReplicaWhoseClockIsAheadIsStillPublishedAfterIt() throws Exception {
        // seventh pass M1, the ratings half (tenth pass: it had no test): autonomy-service drops a rating published
        // before the one it knows, so a rating computed on a replica whose clock is behind the one that computed the
        // current rating is stamped just after it, not by its own clock
        UUID id = Fixtures.school().id();
        String p = "K" + UUID.randomUUID().toString().substring(0, 6) + "-";
        postJson("school-metrics", TestTokens.districtAdmin(), List.of(Fixtures.value(id, "DAYS_CASH_ON_HAND", 40, null),
                Fixtures.value(id, "ENROLLMENT_VS_PROJECTION", 0.97, null), Fixtures.value(id, "TEACHER_VACANCIES", 1, null)))
                .statusCode(201);
        List<Map<String, Object>> rows = new java.util.ArrayList<>(Fixtures.students(id, p, "ELA", 12, 6));
        rows.addAll(Fixtures.students(id, p, "MATH", 12, 3));
        postJson("assessments", TestTokens.districtAdmin(), rows).statusCode(201);
        Fixtures.awaitEvent(id, Fixtures.RATING_PUBLISHED, e -> true);
        java.time.Instant ahead = java.time.Instant.now().plusSeconds(120).truncatedTo(java.time.temporal.ChronoUnit.MICROS);
        try (var c = ds.getConnection(); var ps = c.prepareStatement(
                "update school_rating set computed_at = ? where school_id = ? and current")) {
            ps.setObject(1, java.time.OffsetDateTime.ofInstant(ahead, java.time.ZoneOffset.UTC));
            ps.setObject(2, id);
            assertThat(ps.executeUpdate()).isEqualTo(1);
        }
        postJson("school-metrics", TestTokens.districtAdmin(), List.of(Fixtures.value(id, "DAYS_CASH_ON_HAND", 95, null)))
                .statusCode(201);
        var replaced = Fixtures.awaitEvent(id, Fixtures.RATING_PUBLISHED, e -> e.data().get("metrics")
                .findValues("value").stream().anyMatch(v -> v.asDouble() == 95.0));
        assertThat(java.time.Instant.parse(replaced.data().get("publishedAt").asText())).isAfter(ahead);
    }

    @Test
    void bestFirstPutsASchoolWithoutAPercentLast() {
        // eighth pass: a school whose every metric is suppressed has no percent, and PostgreSQL sorts NULL first in a
        // descending order: it came first in "best first"
        UUID withPercent = Fixtures.school().id();
        UUID allSuppressed = Fixtures.school().id();
        postJson("school-metrics", TestTokens.districtAdmin(), List.of(Fixtures.value(withPercent, "DAYS_CASH_ON_HAND", 45, null),
                Fixtures.value(allSuppressed, "GRADUATION_RATE", 66.7, 3))).statusCode(201).body("rowsAccepted", equalTo(2));
        given().auth().oauth2(TestTokens.schoolLeader(withPercent, allSuppressed)).queryParam("schoolYear", "2026-27")
                .get("/api/performance/ratings").then().statusCode(200)
                .body("items.schoolId", org.hamcrest.Matchers.contains(withPercent.toString(), allSuppressed.toString()))
                .body("items[0].percent", org.hamcrest.Matchers.notNullValue())
                .body("items[1]", not(hasKey("percent")));
    }

    @Test
    void anAcademicValuePostedWithoutItsNIsRejectedAndOneThatNeedsNoNIsTaken() {
        // seventh pass: a graduation rate without n (a cohort of 3, perhaps) was published, value and all
        UUID id = Fixtures.school().id();
        postJson("school-metrics", TestTokens.districtAdmin(), List.of(
                Fixtures.value(id, "GRADUATION_RATE", 66.7, null),
                Fixtures.value(id, "DAYS_CASH_ON_HAND", 95, null))).statusCode(201)
                .body("rowsAccepted", equalTo(1)).body("rowsRejected", equalTo(1))
                .body("errors[0].row", equalTo(1)).body("errors[0].field", equalTo("n"))
                .body("errors[0].message", containsString("is required for GRADUATION_RATE (ACADEMIC)"));
        String csv = "schoolId,schoolYear,metricCode,value,n\n" + id + ",2026-27,GRADUATION_RATE,50,\n";
        given().auth().oauth2(TestTokens.districtAdmin()).contentType("text/csv").body(csv)
                .post("/api/performance/ingest/school-metrics").then().statusCode(201)
                .body("rowsRejected", equalTo(1)).body("errors[0].field", equalTo("n"));
        // "n": "" is no n either (eighth pass: an empty string passed the rule, then read as absent)
        Map<String, Object> emptyN = Fixtures.value(id, "GRADUATION_RATE", 66.7, null);
        emptyN.put("n", "");
        Fixtures.postRowsTheDocumentForbids("school-metrics", TestTokens.districtAdmin(), List.of(emptyN)).statusCode(201)
                .body("rowsAccepted", equalTo(0)).body("rowsRejected", equalTo(1))
                .body("errors[0].field", equalTo("n"))
                .body("errors[0].message", containsString("is required for GRADUATION_RATE (ACADEMIC)"));
        assertThat(Fixtures.awaitMetric(id, "DAYS_CASH_ON_HAND", e -> true).data().get("suppressed").asBoolean()).isFalse();
        given().queryParam("schoolYear", "2026-27").get("/api/performance/public/schools/" + id).then().statusCode(200)
                .body("metrics.find { it.metricCode == 'GRADUATION_RATE' }", org.hamcrest.Matchers.nullValue())
                .body("metrics.find { it.metricCode == 'DAYS_CASH_ON_HAND' }.value", equalTo(95));
    }

    @Test
    void valuesBelowTheMinimumNAreSuppressedFromPublicViewsAndRatings() {
        Fixtures.School s = Fixtures.school();
        UUID id = s.id();
        postJson("assessments", TestTokens.districtAdmin(), Fixtures.students(id, STUDENT_PREFIX + "S", "ELA", 5, 4))
                .statusCode(201);
        List<Map<String, Object>> math = Fixtures.students(id, STUDENT_PREFIX + "S", "MATH", 30, 12);
        math.forEach(r -> r.put("growthPercentile", 50));
        postJson("assessments", TestTokens.districtAdmin(), math).statusCode(201);
        postJson("school-metrics", TestTokens.districtAdmin(), List.of(
                Fixtures.value(id, "DAYS_CASH_ON_HAND", 95, null),
                Fixtures.value(id, "GRADUATION_RATE", 91, 8),
                Fixtures.value(id, "TEACHER_VACANCIES", 0, null))).statusCode(201);

        var ela = Fixtures.awaitMetric(id, "ELA_PROFICIENCY", e -> true);
        assertThat(ela.data().get("suppressed").asBoolean()).isTrue();
        assertThat(ela.data().get("n").asInt()).isEqualTo(5);
        assertThat(ela.data().get("value").asDouble()).isEqualTo(80.0); // an aggregate: carried, flagged
        assertThat(Fixtures.awaitMetric(id, "MATH_PROFICIENCY", e -> true).data().get("suppressed").asBoolean()).isFalse();
        assertThat(Fixtures.awaitMetric(id, "GRADUATION_RATE", e -> true).data().get("suppressed").asBoolean()).isTrue();
        assertThat(Fixtures.awaitMetric(id, "DAYS_CASH_ON_HAND", e -> true).data().get("suppressed").asBoolean()).isFalse();

        // public: value and n withheld, said to be suppressed
        given().queryParam("schoolYear", "2026-27").get("/api/performance/public/schools/" + id).then().statusCode(200)
                .body("metrics.find { it.metricCode == 'ELA_PROFICIENCY' }.suppressed", equalTo(true))
                .body("metrics.find { it.metricCode == 'ELA_PROFICIENCY' }", not(hasKey("value")))
                .body("metrics.find { it.metricCode == 'ELA_PROFICIENCY' }", not(hasKey("n")))
                .body("metrics.find { it.metricCode == 'MATH_PROFICIENCY' }.value", equalTo(40))
                .body("metrics.find { it.metricCode == 'MATH_PROFICIENCY' }.n", equalTo(30));
        String publicCsv = given().queryParam("schoolYear", "2026-27").get("/api/performance/public/export").then()
                .statusCode(200).contentType(containsString("text/csv")).extract().asString();
        String line = publicCsv.lines().filter(l -> l.startsWith(id.toString())).findFirst().orElseThrow();
        String header = publicCsv.lines().findFirst().orElseThrow();
        assertThat(column(header, line, "ELA_PROFICIENCY_value")).isEmpty();
        assertThat(column(header, line, "ELA_PROFICIENCY_n")).isEmpty();
        assertThat(column(header, line, "ELA_PROFICIENCY_suppressed")).isEqualTo("true");
        assertThat(column(header, line, "MATH_PROFICIENCY_value")).isEqualTo("40");
        assertThat(header).doesNotContain("PROFICIENCY_points");

        // the unsuppressed views show it, and the rating leaves it out (and says so)
        given().auth().oauth2(TestTokens.districtAdmin()).get("/api/performance/schools/" + id + "/profile").then()
                .body("years[0].metrics.find { it.metricCode == 'ELA_PROFICIENCY' }.value", equalTo(80))
                .body("years[0].metrics.find { it.metricCode == 'ELA_PROFICIENCY' }.n", equalTo(5));
        var rating = Fixtures.awaitEvent(id, Fixtures.RATING_PUBLISHED, e -> true).data();
        for (var m : rating.get("metrics")) {
            if (List.of("ELA_PROFICIENCY", "GRADUATION_RATE").contains(m.get("metricCode").asText())) {
                assertThat(m.get("suppressed").asBoolean()).isTrue();
                assertThat(m.has("points")).as("a suppressed metric has no points").isFalse();
            }
        }
        // MATH 40% → 8/16; growth 50 → 10/20; DAYS_CASH 95 → 8/8; VACANCIES 0 → 8/8: 34 of 52 (coverage 52%)
        assertThat(rating.get("totalPoints").asDouble()).isEqualTo(34.0);
        assertThat(rating.get("maxPoints").asDouble()).isEqualTo(52.0);
        assertThat(rating.get("tier").asText()).isEqualTo("MEETS");
        String exportCsv = given().auth().oauth2(TestTokens.districtAdmin()).queryParam("schoolYear", "2026-27")
                .get("/api/performance/ratings/export").then().statusCode(200).extract().asString();
        String full = exportCsv.lines().filter(l -> l.startsWith(id.toString())).findFirst().orElseThrow();
        String fullHeader = exportCsv.lines().findFirst().orElseThrow();
        assertThat(column(fullHeader, full, "ELA_PROFICIENCY_value")).isEqualTo("80");
        assertThat(column(fullHeader, full, "MATH_PROFICIENCY_points")).isEqualTo("8");
    }

    @Test
    void eventsArePublishedOncePerRealChange() {
        Fixtures.School s = Fixtures.school();
        UUID id = s.id();
        String p = STUDENT_PREFIX + "E";
        var rows = Fixtures.students(id, p, "ELA", 20, 10);
        postJson("assessments", TestTokens.districtAdmin(), rows).statusCode(201);
        Fixtures.awaitMetric(id, "ELA_PROFICIENCY", e -> e.data().get("value").asDouble() == 50.0);

        // a scale score changes: the record is updated, no metric moves, nothing is published
        Map<String, Object> scaleOnly = assessment(id, p + "0", "ELA", 4, null);
        scaleOnly.put("scaleScore", 2600);
        postJson("assessments", TestTokens.districtAdmin(), List.of(scaleOnly)).statusCode(201)
                .body("rowsUpdated", equalTo(1)).body("metricResultsChanged", equalTo(0));

        // one student becomes proficient: ELA moves once, with its previous value
        postJson("assessments", TestTokens.districtAdmin(), List.of(assessment(id, p + "19", "ELA", 3, null)))
                .statusCode(201).body("rowsUpdated", equalTo(1)).body("metricResultsChanged", equalTo(1));
        var changed = Fixtures.awaitMetric(id, "ELA_PROFICIENCY", e -> e.data().get("value").asDouble() == 55.0);
        assertThat(changed.data().get("previousValue").asDouble()).isEqualTo(50.0);
        assertThat(changed.data().get("n").asInt()).isEqualTo(20);
        assertThat(changed.data().get("source").asText()).isEqualTo("AGGREGATED");
        assertThat(changed.data().get("period").asText()).isEqualTo("2026-27");
        assertThat(changed.key()).isEqualTo(id.toString());

        Fixtures.marker(id);
        assertThat(Fixtures.count(id, Fixtures.METRIC_RECORDED, "ELA_PROFICIENCY")).isEqualTo(2);
        assertThat(Fixtures.count(id, Fixtures.METRIC_RECORDED, "MEDIAN_GROWTH_PERCENTILE")).isZero();

        // the change history keeps both
        given().auth().oauth2(TestTokens.districtAdmin())
                .get("/api/performance/schools/" + id + "/metrics/ELA_PROFICIENCY/history").then().statusCode(200)
                .body("value", org.hamcrest.Matchers.contains(50, 55));
    }

    @Test
    void noEventCarriesAStudentIdentifier() {
        Fixtures.School s = Fixtures.school();
        String p = STUDENT_PREFIX + "N";
        postJson("assessments", TestTokens.districtAdmin(), Fixtures.students(s.id(), p, "ELA", 15, 9)).statusCode(201);
        postJson("attendance", TestTokens.districtAdmin(), List.of(Fixtures.attendance(s.id(), p + "1", 180, 30)))
                .statusCode(201);
        Fixtures.marker(s.id());
        List<EventsProbe.Received> all = EventsProbe.readAll(Fixtures.TOPIC);
        assertThat(all).isNotEmpty();
        for (EventsProbe.Received e : all) {
            String text = new String(e.value(), java.nio.charset.StandardCharsets.UTF_8);
            assertThat(text).as("event %s", e.id()).doesNotContain(STUDENT_PREFIX).doesNotContainIgnoringCase("studentId");
        }
    }

    private static String column(String header, String line, String name) {
        List<String> h = List.of(header.split(",", -1));
        return line.split(",", -1)[h.indexOf(name)];
    }
}
