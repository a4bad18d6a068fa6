package org.portfolio.performance;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import jakarta.inject.Inject;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.portfolio.performance.domain.RecordPurge;
import org.portfolio.performance.service.RetentionService;
import org.portfolio.testing.EventsProbe;
import org.portfolio.testing.TestClock;
import org.portfolio.testing.TestTokens;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CyclicBarrier;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.nullValue;
import static org.portfolio.performance.Fixtures.postJson;

/**
 * Issue 15.3 in performance-service: corrections and retractions by natural key with a reason, audited; the metrics
 * recomputed with the correction named in MetricResultRecorded; a value whose last records are retracted withdrawn;
 * the SIS school scope; the retention purge (driven by the injectable clock, safe when two instances run it at once)
 * and the erasure of one student's records, both audited without the student's id.
 */
@QuarkusTest
class CorrectionTest {

    static final String P = "COR" + UUID.randomUUID().toString().substring(0, 6).toUpperCase() + "-";

    @Inject
    RetentionService retention;

    @AfterEach
    void resetClock() {
        TestClock.reset();
    }

    static Map<String, Object> item(UUID school, String student, String subject, String action, Integer level) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("schoolId", school.toString());
        m.put("schoolYear", Fixtures.YEAR);
        m.put("studentId", student);
        m.put("subject", subject);
        m.put("testCode", "STATE");
        m.put("action", action);
        if (level != null) {
            m.put("gradeLevel", "7");
            m.put("performanceLevel", level);
        }
        return m;
    }

    /** A correction with a reason code and a note (the shape since issue 15). */
    static io.restassured.response.ValidatableResponse correct(String token, String kind, String code, String note,
                                                               List<?> items) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("reasonCode", code);
        if (note != null) {
            body.put("note", note);
        }
        body.put("items", items);
        return post(token, kind, body);
    }

    /** A correction in the shape before issue 15: a free-text reason only (deprecated: taken as the note, code OTHER). */
    static io.restassured.response.ValidatableResponse correct(String token, String kind, String reason, List<?> items) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("reason", reason);
        body.put("items", items);
        return post(token, kind, body);
    }

    static io.restassured.response.ValidatableResponse post(String token, String kind, Map<String, Object> body) {
        return given().auth().oauth2(token).contentType("application/json").body(body)
                .post("/api/performance/corrections/" + kind).then().log().ifValidationFails();
    }

    @Test
    void aCorrectionRecomputesTheMetricNamesItselfInTheEventAndIsAudited() {
        UUID school = Fixtures.school().id();
        String p = P + "A";
        // 12 students, 3 proficient: 25 %
        postJson("assessments", TestTokens.sis(school), Fixtures.students(school, p, "ELA", 12, 3)).statusCode(201);
        Fixtures.awaitMetric(school, "ELA_PROFICIENCY", e -> e.data().get("value").asDouble() == 25.0);

        // the SIS finds three results mis-scored: levels 2 → 4 (50 %); one item already right is unchanged
        String note = "Vendor rescored the spring ELA batch";
        JsonPath answer = correct(TestTokens.sis(school), "assessments", "SCORING_ERROR", note, List.of(
                item(school, p + "3", "ELA", "CORRECT", 4), item(school, p + "4", "ELA", "CORRECT", 4),
                item(school, p + "5", "ELA", "CORRECT", 4), item(school, p + "0", "ELA", "CORRECT", 4)))
                .statusCode(201)
                .header("Deprecation", nullValue()).header("Link", nullValue())
                .body("kind", equalTo("ASSESSMENT"))
                .body("reasonCode", equalTo("SCORING_ERROR"))
                .body("note", equalTo(note))
                .body("reason", equalTo("SCORING_ERROR"))
                .body("itemCount", equalTo(4))
                .body("itemsChanged", equalTo(3))
                .body("itemsUnchanged", equalTo(1))
                .body("metricsChanged", equalTo(1))
                .body("items[0].before.performanceLevel", equalTo(2))
                .body("items[0].after.performanceLevel", equalTo(4))
                .body("items[3].outcome", equalTo("UNCHANGED"))
                .extract().jsonPath();
        String correctionId = answer.getString("correctionId");

        var event = Fixtures.awaitMetric(school, "ELA_PROFICIENCY", e -> e.data().get("value").asDouble() == 50.0);
        assertThat(event.data().get("correction").get("correctionId").asText()).isEqualTo(correctionId);
        assertThat(event.data().get("correction").get("reasonCode").asText()).isEqualTo("SCORING_ERROR");
        assertThat(event.data().get("correction").get("reason").asText()).as("deprecated: the code again")
                .isEqualTo("SCORING_ERROR");
        assertThat(event.data().toString()).doesNotContain("Vendor");
        assertThat(event.data().get("previousValue").asDouble()).isEqualTo(25.0);
        assertThat(event.data().has("withdrawn")).as("withdrawn only when true").isFalse();

        // the history names it; the stored record too
        given().auth().oauth2(TestTokens.districtAdmin())
                .get("/api/performance/schools/" + school + "/metrics/ELA_PROFICIENCY/history").then().statusCode(200)
                .body("find { it.value == 50.0 }.correctionId", equalTo(correctionId));
        given().auth().oauth2(TestTokens.sis(school)).queryParam("schoolId", school).queryParam("schoolYear", Fixtures.YEAR)
                .queryParam("studentId", p + "3").get("/api/performance/student-records/assessments").then()
                .statusCode(200).body("items[0].performanceLevel", equalTo(4));

        // the audit: the district admin and the school's SIS read it, another school's SIS does not
        given().auth().oauth2(TestTokens.districtAdmin()).get("/api/performance/corrections/" + correctionId).then()
                .statusCode(200).body("correctedBy", not(nullValue())).body("items.size()", equalTo(4))
                .body("items[1].studentId", equalTo(p + "4"));
        given().auth().oauth2(TestTokens.sis(school)).queryParam("schoolId", school).get("/api/performance/corrections")
                .then().statusCode(200).body("items.correctionId", hasItem(correctionId));
        UUID other = UUID.randomUUID();
        given().auth().oauth2(TestTokens.sis(other)).get("/api/performance/corrections/" + correctionId).then()
                .statusCode(404);
        given().auth().oauth2(TestTokens.sis(other)).queryParam("schoolId", school).get("/api/performance/corrections")
                .then().statusCode(403);
        given().auth().oauth2(TestTokens.sis(other)).get("/api/performance/corrections").then().statusCode(200)
                .body("items.correctionId", not(hasItem(correctionId)));
        given().auth().oauth2(TestTokens.oversight()).get("/api/performance/corrections").then().statusCode(403);

        // no student id in any event of the school
        for (EventsProbe.Received e : Fixtures.events(school, Fixtures.METRIC_RECORDED)) {
            assertThat(e.data().toString()).doesNotContain(P);
        }
    }

    @Test
    void anSisCorrectsOnlyItsSchoolsAndABadItemKeepsNothing() {
        UUID school = Fixtures.school().id();
        UUID mine = Fixtures.school().id();
        String p = P + "S";
        postJson("assessments", TestTokens.districtAdmin(), Fixtures.students(school, p, "ELA", 10, 5)).statusCode(201);
        postJson("assessments", TestTokens.districtAdmin(), Fixtures.students(mine, p + "M", "ELA", 10, 5)).statusCode(201);

        // one item of a school outside the token: the whole request is refused
        correct(TestTokens.sis(mine), "assessments", "Fix", List.of(item(mine, p + "M1", "ELA", "CORRECT", 1),
                item(school, p + "1", "ELA", "CORRECT", 1))).statusCode(403)
                .contentType("application/problem+json");
        // a key that names no record: 422 record-not-found naming the item, and the good item is not kept either
        correct(TestTokens.sis(mine), "assessments", "Fix", List.of(item(mine, p + "M1", "ELA", "CORRECT", 1),
                item(mine, p + "nobody", "ELA", "CORRECT", 1))).statusCode(422)
                .body("type", equalTo("urn:portfolio:problem:record-not-found"))
                .body("errors[0].field", equalTo("items[1]"))
                .body("detail", not(org.hamcrest.Matchers.containsString(p)));
        // no reason code (nor the deprecated reason); an unknown code; the deprecated reason and a note together (400)
        correct(TestTokens.sis(mine), "assessments", null, "a note", List.of(item(mine, p + "M1", "ELA", "CORRECT", 1)))
                .statusCode(400).body("errors[0].field", equalTo("reasonCode"));
        correct(TestTokens.sis(mine), "assessments", "TYPO", null, List.of(item(mine, p + "M1", "ELA", "CORRECT", 1)))
                .statusCode(400);
        post(TestTokens.sis(mine), "assessments", Map.of("reasonCode", "OTHER", "note", "a", "reason", "b",
                "items", List.of(item(mine, p + "M1", "ELA", "CORRECT", 1)))).statusCode(400)
                .body("errors[0].field", equalTo("reason"));
        // a note over 500 characters
        correct(TestTokens.sis(mine), "assessments", "OTHER", "x".repeat(501),
                List.of(item(mine, p + "M1", "ELA", "CORRECT", 1))).statusCode(400);
        // the same record twice, values on a retraction
        correct(TestTokens.sis(mine), "assessments", "Fix", List.of(item(mine, p + "M1", "ELA", "CORRECT", 1),
                item(mine, p + "M1", "ELA", "CORRECT", 2))).statusCode(422)
                .body("errors[0].field", equalTo("items[1]"));
        // an empty reason, no items: the document's rules (400)
        correct(TestTokens.sis(mine), "assessments", "", List.of(item(mine, p + "M1", "ELA", "CORRECT", 1)))
                .statusCode(400);
        correct(TestTokens.sis(mine), "assessments", "Fix", List.of()).statusCode(400);
        // other roles may not correct
        correct(TestTokens.oversight(), "assessments", "Fix", List.of(item(mine, p + "M1", "ELA", "CORRECT", 1)))
                .statusCode(403);

        given().auth().oauth2(TestTokens.districtAdmin()).queryParam("schoolId", mine).queryParam("schoolYear", Fixtures.YEAR)
                .queryParam("studentId", p + "M1").get("/api/performance/student-records/assessments").then()
                .statusCode(200).body("items[0].performanceLevel", equalTo(4));
        given().auth().oauth2(TestTokens.districtAdmin()).queryParam("schoolId", mine).get("/api/performance/corrections")
                .then().statusCode(200).body("total", equalTo(0));
    }

    /**
     * Third pass of 2026-12-05: a CORRECT of a record that says the student was not tested gave it a level and left it
     * NOT_TESTED (counted as tested in proficiency and participation; an upload refuses the combination). Refused now,
     * nothing changed; a RETRACT of such a record still works.
     */
    @Test
    void aRecordOfAStudentNotTestedIsNotGivenAResultByACorrection() {
        UUID school = Fixtures.school().id();
        String p = P + "N";
        List<Map<String, Object>> rows = new ArrayList<>(Fixtures.students(school, p, "ELA", 10, 5));
        Map<String, Object> absent = new LinkedHashMap<>(rows.get(0));
        absent.put("studentId", p + "absent");
        absent.remove("performanceLevel");
        absent.remove("scaleScore");
        absent.remove("growthPercentile");
        absent.put("participation", "NOT_TESTED");
        rows.add(absent);
        postJson("assessments", TestTokens.districtAdmin(), rows).statusCode(201).body("rowsAccepted", equalTo(11));

        correct(TestTokens.districtAdmin(), "assessments", "DATA_ENTRY_ERROR", null,
                List.of(item(school, p + 9, "ELA", "CORRECT", 4), item(school, p + "absent", "ELA", "CORRECT", 2)))
                .statusCode(422).contentType("application/problem+json")
                .body("type", equalTo("urn:portfolio:problem:invalid-correction"))
                .body("detail", containsString("NOT_TESTED")).body("detail", not(containsString(p)));
        given().auth().oauth2(TestTokens.districtAdmin()).queryParam("schoolId", school.toString())
                .queryParam("schoolYear", Fixtures.YEAR).get("/api/performance/student-records/assessments").then().statusCode(200)
                .body("items.find { it.studentId == '" + p + "absent' }.participation", equalTo("NOT_TESTED"))
                .body("items.find { it.studentId == '" + p + "absent' }.performanceLevel", nullValue())
                .body("items.find { it.studentId == '" + p + "9' }.performanceLevel", equalTo(2)); // all or nothing
        correct(TestTokens.districtAdmin(), "assessments", "DATA_ENTRY_ERROR", null,
                List.of(item(school, p + "absent", "ELA", "RETRACT", null))).statusCode(201).body("itemsRetracted", equalTo(1));
    }

    @Test
    void retractingTheLastRecordsWithdrawsTheValueAndTheRatingFollows() {
        UUID school = Fixtures.school().id();
        String p = P + "R";
        List<Map<String, Object>> rows = new ArrayList<>(Fixtures.students(school, p, "ELA", 10, 5));
        rows.addAll(Fixtures.students(school, p, "MATH", 10, 2));
        postJson("assessments", TestTokens.districtAdmin(), rows).statusCode(201);
        Fixtures.awaitMetric(school, "MATH_PROFICIENCY", e -> e.data().get("value").asDouble() == 20.0);

        List<Map<String, Object>> items = new ArrayList<>();
        for (int i = 0; i < 10; i++) {
            items.add(item(school, p + i, "MATH", "RETRACT", null));
        }
        correct(TestTokens.districtAdmin(), "assessments", "The MATH file was another school's", items).statusCode(201)
                // the deprecated free-text reason is taken, and the answer says it is deprecated (RFC 9745)
                .header("Deprecation", equalTo("@1796601600"))
                .header("Link", org.hamcrest.Matchers.containsString("rel=\"deprecation\""))
                .body("itemsRetracted", equalTo(10))
                .body("metricsWithdrawn", equalTo(1))
                .body("items[0].after", nullValue());

        var e = Fixtures.awaitMetric(school, "MATH_PROFICIENCY", x -> x.data().has("withdrawn"));
        assertThat(e.data().get("withdrawn").asBoolean()).isTrue();
        assertThat(e.data().has("value")).as("a withdrawn value has none").isFalse();
        assertThat(e.data().get("previousValue").asDouble()).isEqualTo(20.0);
        // the deprecated free-text reason: kept as the note, published as the code OTHER only
        assertThat(e.data().get("correction").get("reasonCode").asText()).isEqualTo("OTHER");
        assertThat(e.data().toString()).doesNotContain("MATH file");

        given().auth().oauth2(TestTokens.districtAdmin()).get("/api/performance/schools/" + school + "/profile").then()
                .statusCode(200)
                .body("years[0].metrics.metricCode", not(hasItem("MATH_PROFICIENCY")))
                .body("years[0].metrics.metricCode", hasItem("ELA_PROFICIENCY"));
        given().auth().oauth2(TestTokens.districtAdmin())
                .get("/api/performance/schools/" + school + "/metrics/MATH_PROFICIENCY/history").then().statusCode(200)
                .body("size()", equalTo(2))
                .body("[1].withdrawn", equalTo(true))
                .body("[1].value", nullValue());
    }

    @Test
    void retentionPurgesOnTheClockOnceWithTwoInstancesAndErasureIsAuditedWithoutTheId() throws Exception {
        UUID school = Fixtures.school().id();
        String p = P + "T";
        List<Map<String, Object>> rows = new ArrayList<>();
        for (String year : List.of("2019-20", "2020-21")) {
            for (Map<String, Object> r : Fixtures.students(school, p, "ELA", 3, 1)) {
                r.put("schoolYear", year);
                rows.add(r);
            }
        }
        postJson("assessments", TestTokens.districtAdmin(), rows).statusCode(201).body("rowsAccepted", equalTo(6));
        // a correction of a 2019-20 record, with a note: the purge that deletes its only item erases the note too
        Map<String, Object> old = item(school, p + "0", "ELA", "CORRECT", 3);
        old.put("schoolYear", "2019-20");
        String oldCorrection = correct(TestTokens.districtAdmin(), "assessments", "LATE_SUBMISSION",
                "Resent by the school in 2020", List.of(old)).statusCode(201).extract().path("correctionId");

        // 30 June 2026: 2019-20 ended 30 June 2020, kept 5 years → due; 2020-21 ends 30 June 2021 → kept one more day
        TestClock.setNow(Instant.parse("2026-06-30T12:00:00Z"));
        CyclicBarrier start = new CyclicBarrier(2);
        var a = CompletableFuture.supplyAsync(() -> { await(start); return retention.purge(); });
        var b = CompletableFuture.supplyAsync(() -> { await(start); return retention.purge(); });
        List<RecordPurge> both = new ArrayList<>(a.get());
        both.addAll(b.get());
        List<RecordPurge> assessmentPurges = both.stream()
                .filter(x -> x.recordKind() == org.portfolio.performance.domain.CorrectionKind.ASSESSMENT).toList();
        assertThat(assessmentPurges).as("two instances at once: one purge").hasSize(1);
        assertThat(assessmentPurges.get(0).throughYear()).isEqualTo("2019-20");
        assertThat(assessmentPurges.get(0).assessments()).isGreaterThanOrEqualTo(3);
        assertThat(count(school, "2019-20")).isZero();
        assertThat(count(school, "2020-21")).isEqualTo(3);
        assertThat(retention.purge()).as("nothing more is due today").isEmpty();
        assertThat(assessmentPurges.get(0).correctionNotes()).isGreaterThanOrEqualTo(1);
        given().auth().oauth2(TestTokens.districtAdmin()).get("/api/performance/corrections/" + oldCorrection).then()
                .statusCode(200).body("note", nullValue()).body("noteErasedAt", not(nullValue()))
                .body("reasonCode", equalTo("LATE_SUBMISSION"));

        TestClock.setNow(Instant.parse("2026-07-01T00:30:00Z"));
        assertThat(retention.purge()).extracting(RecordPurge::throughYear).contains("2020-21");
        assertThat(count(school, "2020-21")).isZero();
        given().auth().oauth2(TestTokens.districtAdmin()).get("/api/performance/retention").then().statusCode(200)
                .body("find { it.recordKind == 'ASSESSMENT' }.years", equalTo(5))
                .body("find { it.recordKind == 'ASSESSMENT' }.purgesThrough", equalTo("2020-21"));
        TestClock.reset();

        // erasure of one student on request: records gone, the correction audit blanked, audited by hash only
        String student = p + "E";
        postJson("assessments", TestTokens.districtAdmin(), List.of(Fixtures.assessment(school, student, "ELA", 2, null),
                Fixtures.assessment(school, student, "MATH", 3, null))).statusCode(201);
        String correctionId = correct(TestTokens.districtAdmin(), "assessments", "Rescored",
                List.of(item(school, student, "ELA", "CORRECT", 3))).statusCode(201).extract().path("correctionId");
        given().auth().oauth2(TestTokens.sis(school)).contentType("application/json")
                .body(Map.of("studentId", student, "reason", "Parent request 114"))
                .post("/api/performance/student-records/erasures").then().statusCode(403);
        given().auth().oauth2(TestTokens.districtAdmin()).contentType("application/json")
                .body(Map.of("studentId", student, "reason", "Request " + student))
                .post("/api/performance/student-records/erasures").then().statusCode(400)
                .body("errors[0].field", equalTo("reason"));
        String hash = given().auth().oauth2(TestTokens.districtAdmin()).contentType("application/json")
                .body(Map.of("studentId", student, "reason", "Parent request 114"))
                .post("/api/performance/student-records/erasures").then().statusCode(200)
                .body("kind", equalTo("ERASURE")).body("assessments", equalTo(2)).body("correctionItems", equalTo(1))
                .extract().path("studentHash");
        assertThat(hash).hasSize(64).doesNotContain(student);
        given().auth().oauth2(TestTokens.districtAdmin()).queryParam("schoolId", school).queryParam("schoolYear", Fixtures.YEAR)
                .queryParam("studentId", student).get("/api/performance/student-records/assessments").then()
                .statusCode(200).body("total", equalTo(0));
        given().auth().oauth2(TestTokens.districtAdmin()).get("/api/performance/corrections/" + correctionId).then()
                .statusCode(200).body("items[0].studentId", nullValue()).body("items[0].before", nullValue())
                .body("items[0].erasedAt", not(nullValue()));
        String purges = given().auth().oauth2(TestTokens.districtAdmin()).queryParam("size", 500)
                .get("/api/performance/retention/purges").then().statusCode(200)
                .body("items.studentHash", hasItem(hash)).extract().asString();
        assertThat(purges).doesNotContain(student);
        given().auth().oauth2(TestTokens.sis(school)).get("/api/performance/retention/purges").then().statusCode(403);
    }

    /**
     * Issue 15: free text typed by people is never published. A note (and the deprecated free-text reason, which
     * becomes the note) that names a student stays in the correction audit: not in MetricResultRecorded, not in the
     * metric history; the audit shows it to the district admin and to the SIS of the correction's only school, not to
     * another school's SIS (404) nor to an SIS that sees only some of a correction's items; the erasure of a student
     * with an item in the correction erases it, audited (correctionNotes).
     */
    @Test
    void aNoteNamingAStudentIsKeptInTheAuditOnlyAndErasedWithTheStudent() {
        UUID school = Fixtures.school().id();
        UUID second = Fixtures.school().id();
        String p = P + "N";
        postJson("assessments", TestTokens.districtAdmin(), Fixtures.students(school, p, "ELA", 10, 2)).statusCode(201);
        postJson("assessments", TestTokens.districtAdmin(), Fixtures.students(second, p + "B", "ELA", 10, 2))
                .statusCode(201);
        Fixtures.awaitMetric(school, "ELA_PROFICIENCY", e -> e.data().get("value").asDouble() == 20.0);
        Fixtures.awaitMetric(second, "ELA_PROFICIENCY", e -> e.data().get("value").asDouble() == 20.0);

        // the shape before issue 15: a free-text reason naming a student (no id: a name cannot be recognised)
        String name = "Marisol Quintanilla-Okafor";
        String first = correct(TestTokens.sis(school), "assessments", name + "'s ELA level was keyed as 2, not 4",
                List.of(item(school, p + "3", "ELA", "CORRECT", 4))).statusCode(201)
                .body("reasonCode", equalTo("OTHER"))
                .body("reason", equalTo("OTHER"))
                .body("note", containsString(name))
                .extract().path("correctionId");
        var e1 = Fixtures.awaitMetric(school, "ELA_PROFICIENCY", e -> e.data().get("value").asDouble() == 30.0);
        assertThat(e1.data().get("correction").get("correctionId").asText()).isEqualTo(first);
        assertThat(e1.data().get("correction").get("reasonCode").asText()).isEqualTo("OTHER");

        // the new shape: a code and a note naming the same student; one item in each school (the district admin)
        String both = correct(TestTokens.districtAdmin(), "assessments", "DATA_ENTRY_ERROR",
                "Levels of " + name + " and her brother swapped at entry",
                List.of(item(school, p + "4", "ELA", "CORRECT", 4), item(second, p + "B4", "ELA", "CORRECT", 4)))
                .statusCode(201).body("reasonCode", equalTo("DATA_ENTRY_ERROR")).body("note", containsString(name))
                .extract().path("correctionId");
        var e2 = Fixtures.awaitMetric(second, "ELA_PROFICIENCY", e -> e.data().get("value").asDouble() == 30.0);
        assertThat(e2.data().get("correction").get("reasonCode").asText()).isEqualTo("DATA_ENTRY_ERROR");
        Fixtures.awaitMetric(school, "ELA_PROFICIENCY", e -> e.data().get("value").asDouble() == 40.0);

        // published: the id and the code, never the note
        for (UUID s : List.of(school, second)) {
            for (EventsProbe.Received e : Fixtures.events(s, Fixtures.METRIC_RECORDED)) {
                assertThat(e.data().toString()).doesNotContain("Quintanilla").doesNotContain("keyed as");
            }
            assertThat(given().auth().oauth2(TestTokens.districtAdmin())
                    .get("/api/performance/schools/" + s + "/metrics/ELA_PROFICIENCY/history").then().statusCode(200)
                    .extract().asString()).doesNotContain("Quintanilla");
        }
        // the list carries the code only
        assertThat(given().auth().oauth2(TestTokens.sis(school)).queryParam("schoolId", school)
                .get("/api/performance/corrections").then().statusCode(200)
                .body("items.find { it.correctionId == '" + first + "' }.reasonCode", equalTo("OTHER"))
                .extract().asString()).doesNotContain("Quintanilla");

        // the audit: the district admin and the school's SIS read the note; another school's SIS: not found
        given().auth().oauth2(TestTokens.districtAdmin()).get("/api/performance/corrections/" + first).then()
                .statusCode(200).body("note", containsString(name));
        given().auth().oauth2(TestTokens.sis(school)).get("/api/performance/corrections/" + first).then()
                .statusCode(200).body("note", containsString(name));
        given().auth().oauth2(TestTokens.sis(second)).get("/api/performance/corrections/" + first).then()
                .statusCode(404).body(not(containsString("Quintanilla")));
        // a correction of two schools: each school's SIS sees its item, not the note (it may name the other's student)
        given().auth().oauth2(TestTokens.sis(second)).get("/api/performance/corrections/" + both).then()
                .statusCode(200).body("items.size()", equalTo(1)).body("note", nullValue())
                .body("reasonCode", equalTo("DATA_ENTRY_ERROR"));
        given().auth().oauth2(TestTokens.districtAdmin()).get("/api/performance/corrections/" + both).then()
                .statusCode(200).body("note", containsString(name));

        // the erasure of the student of the first correction's item erases its note; the other correction keeps its own
        given().auth().oauth2(TestTokens.districtAdmin()).contentType("application/json")
                .body(Map.of("studentId", p + "3", "reason", "Parent request 115"))
                .post("/api/performance/student-records/erasures").then().statusCode(200)
                .body("correctionItems", equalTo(1)).body("correctionNotes", equalTo(1));
        given().auth().oauth2(TestTokens.districtAdmin()).get("/api/performance/corrections/" + first).then()
                .statusCode(200).body("note", nullValue()).body("noteErasedAt", not(nullValue()))
                .body("reasonCode", equalTo("OTHER"));
        given().auth().oauth2(TestTokens.districtAdmin()).get("/api/performance/corrections/" + both).then()
                .statusCode(200).body("note", containsString(name)).body("noteErasedAt", nullValue());
        // the erasure of a student of the second school's item reaches the two-school correction's note too
        given().auth().oauth2(TestTokens.districtAdmin()).contentType("application/json")
                .body(Map.of("studentId", p + "B4", "schoolId", second.toString(), "reason", "Parent request 116"))
                .post("/api/performance/student-records/erasures").then().statusCode(200)
                .body("correctionNotes", equalTo(1));
        assertThat(given().auth().oauth2(TestTokens.districtAdmin()).get("/api/performance/corrections/" + both)
                .then().statusCode(200).body("noteErasedAt", not(nullValue())).extract().asString())
                .doesNotContain("Quintanilla");
    }

    private static long count(UUID school, String year) {
        return given().auth().oauth2(TestTokens.districtAdmin()).queryParam("schoolId", school).queryParam("schoolYear", year)
                .get("/api/performance/student-records/assessments").then().statusCode(200).extract().jsonPath()
                .getLong("total");
    }

    private static void await(CyclicBarrier b) {
        try {
            b.await();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    @Test
    void aSchoolYearThatMatchesThePatternButIsNoneIsRefusedAndChangesNothing() {
        // review of 2026-12-05: "2026-99" deleted the 2026-27 records (keyed by the first year) and left the figures
        UUID school = Fixtures.school().id();
        Fixtures.postJson("assessments", TestTokens.districtAdmin(),
                List.of(Fixtures.assessment(school, P + "Y1", "MATH", 3, null))).statusCode(201);
        Map<String, Object> item = item(school, P + "Y1", "MATH", "RETRACT", null);
        item.put("schoolYear", "2026-99");
        correct(TestTokens.districtAdmin(), "assessments", "DATA_ENTRY_ERROR", null, List.of(item)).statusCode(400)
                .body("errors[0].field", org.hamcrest.Matchers.equalTo("items[0].schoolYear"));
        given().auth().oauth2(TestTokens.districtAdmin()).queryParam("schoolId", school).queryParam("schoolYear", Fixtures.YEAR)
                .queryParam("studentId", P + "Y1").get("/api/performance/student-records/assessments").then().statusCode(200)
                .body("total", org.hamcrest.Matchers.equalTo(1));
    }
}
