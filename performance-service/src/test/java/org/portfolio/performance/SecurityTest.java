package org.portfolio.performance;

import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.Test;
import org.portfolio.testing.TestTokens;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.everyItem;
import static org.hamcrest.Matchers.hasItem;
import static org.portfolio.performance.Fixtures.assessment;
import static org.portfolio.performance.Fixtures.postJson;

/** The policy table of docs/security.md for performance-service's endpoints, allowed and denied cells. */
@QuarkusTest
class SecurityTest {

    static String sis(String client, UUID... schools) {
        return TestTokens.token(client, Set.of("SIS"), java.util.Arrays.stream(schools).map(UUID::toString).toList(),
                Duration.ofMinutes(10));
    }

    @Test
    void anSisPostsOnlyForItsOwnSchools() {
        Fixtures.School own = Fixtures.school();
        Fixtures.School other = Fixtures.school();
        String token = sis("sis-" + UUID.randomUUID(), own.id());
        postJson("assessments", token, List.of(assessment(own.id(), "Q1", "ELA", 3, null),
                assessment(other.id(), "Q2", "ELA", 3, null))).statusCode(201)
                .body("rowsAccepted", equalTo(1))
                .body("errors[0].row", equalTo(2))
                .body("errors[0].field", equalTo("schoolId"))
                .body("errors[0].message", equalTo("your client is not scoped to this school"));
        given().contentType("application/json").body("[]").post("/api/performance/ingest/assessments").then()
                .statusCode(401).contentType("application/problem+json");
        for (String denied : List.of(TestTokens.schoolLeader(own.id()), TestTokens.oversight(), TestTokens.enrollmentOfficer())) {
            postJson("assessments", denied, List.of()).statusCode(403);
        }
    }

    /**
     * Review of issue 17, finding 3: edfi-service's own client (svc_edfi, an SIS of every school) sends the records the
     * Ed-Fi door derived, and its token reads nothing: not the student records, not the jobs.
     */
    @Test
    void edfiServicesOwnClientSendsRecordsButReadsNoStudentRecord() {
        Fixtures.School s = Fixtures.school();
        String svc = sis("svc_edfi", s.id());
        postJson("attendance", svc, List.of(Fixtures.attendance(s.id(), "E9", 100, 3))).statusCode(201);
        postJson("assessments", svc, List.of(assessment(s.id(), "E9", "ELA", 3, null))).statusCode(201);
        for (String path : List.of("/api/performance/student-records/attendance", "/api/performance/student-records/assessments")) {
            given().auth().oauth2(svc).queryParam("schoolId", s.id()).queryParam("schoolYear", "2026-27").get(path)
                    .then().statusCode(403).contentType("application/problem+json");
        }
        given().auth().oauth2(svc).get("/api/performance/ingest/jobs").then().statusCode(403);
        // another SIS of the school reads them as before
        given().auth().oauth2(sis("sis-" + UUID.randomUUID(), s.id())).queryParam("schoolId", s.id()).queryParam("schoolYear", "2026-27")
                .get("/api/performance/student-records/attendance").then().statusCode(200).body("items[0].studentId", equalTo("E9"));
    }

    /**
     * Hostile review of the twenty-fourth pass, N3: the student-record reads took a child's id in the URL only, which
     * proxies keep. The same reads with the id in the body answer what the GET answers, to the same callers only.
     */
    @Test
    void studentRecordsAreFoundWithTheStudentIdInTheBodyByTheSameCallersOnly() {
        Fixtures.School s = Fixtures.school();
        String owner = sis("sis-" + UUID.randomUUID(), s.id());
        postJson("attendance", owner, List.of(Fixtures.attendance(s.id(), "N3A", 100, 3), Fixtures.attendance(s.id(), "N3B", 100, 1)))
                .statusCode(201);
        postJson("assessments", owner, List.of(assessment(s.id(), "N3A", "ELA", 3, null), assessment(s.id(), "N3A", "MATH", 2, null)))
                .statusCode(201);
        String base = "/api/performance/student-records/";
        var get = given().auth().oauth2(owner).queryParam("schoolId", s.id()).queryParam("schoolYear", Fixtures.YEAR)
                .queryParam("studentId", "N3A").queryParam("subject", "ELA").get(base + "assessments").then().statusCode(200)
                .extract().jsonPath();
        var post = given().auth().oauth2(owner).contentType("application/json")
                .body(java.util.Map.of("schoolId", s.id(), "schoolYear", Fixtures.YEAR, "studentId", "N3A", "subject", "ELA"))
                .post(base + "assessments/search").then().statusCode(200).extract().jsonPath();
        org.assertj.core.api.Assertions.assertThat(post.getList("items")).hasSize(1).isEqualTo(get.getList("items"));
        given().auth().oauth2(owner).contentType("application/json")
                .body(java.util.Map.of("schoolId", s.id(), "schoolYear", Fixtures.YEAR, "studentId", "N3B"))
                .post(base + "attendance/search").then().statusCode(200).body("total", equalTo(1))
                .body("items[0].studentId", equalTo("N3B"));
        given().auth().oauth2(owner).contentType("application/json")
                .body(java.util.Map.of("schoolId", s.id(), "schoolYear", Fixtures.YEAR, "subject", "ELA"))
                .post(base + "attendance/search").then().statusCode(400).body("errors[0].field", equalTo("subject"));
        // another school's SIS, the Ed-Fi door's own client, a school leader: refused, as on the GET
        for (String denied : List.of(sis("sis-" + UUID.randomUUID(), UUID.randomUUID()), sis("svc_edfi", s.id()),
                TestTokens.schoolLeader(s.id()))) {
            for (String path : List.of("assessments/search", "attendance/search")) {
                given().auth().oauth2(denied).contentType("application/json")
                        .body(java.util.Map.of("schoolId", s.id(), "schoolYear", Fixtures.YEAR, "studentId", "N3A"))
                        .post(base + path).then().statusCode(403).contentType("application/problem+json");
            }
        }
    }

    /**
     * Hostile review of the twenty-seventh pass, Q5: an Ed-Fi school mapped again to another school left its students'
     * attendance records at the first for good; edfi-service now retracts them there, so svc_edfi may retract attendance
     * records too — only retract (a CORRECT is 403 and changes nothing), its answer without values.
     */
    @Test
    void edfiServicesOwnClientMayRetractAttendanceRecordsAndNothingElse() {
        Fixtures.School s = Fixtures.school();
        String svc = sis("svc_edfi", s.id());
        String owner = sis("sis-" + UUID.randomUUID(), s.id());
        postJson("attendance", owner, List.of(Fixtures.attendance(s.id(), "Q5A", 100, 3))).statusCode(201);
        Map<String, Object> correct = new java.util.LinkedHashMap<>(Map.of("schoolId", s.id().toString(), "schoolYear",
                Fixtures.YEAR, "studentId", "Q5A", "action", "CORRECT", "daysEnrolled", 100, "daysAbsent", 30));
        CorrectionTest.correct(svc, "attendance", "SOURCE_RECORD_CHANGED", null, List.of(correct)).statusCode(403)
                .contentType("application/problem+json");
        var retracted = CorrectionTest.correct(svc, "attendance", "SOURCE_RECORD_CHANGED", null, List.of(Map.of("schoolId",
                s.id().toString(), "schoolYear", Fixtures.YEAR, "studentId", "Q5A", "action", "RETRACT")))
                .statusCode(201).extract().jsonPath();
        org.assertj.core.api.Assertions.assertThat(retracted.getMap("items[0]")).doesNotContainKeys("before", "after");
        given().auth().oauth2(owner).queryParam("schoolId", s.id()).queryParam("schoolYear", Fixtures.YEAR)
                .get("/api/performance/student-records/attendance").then().statusCode(200).body("total", equalTo(0));
    }

    /**
     * Review of edfi5, finding H1: svc_edfi (every school) on the assessment corrections may only RETRACT — a CORRECT is
     * refused (403) and changes nothing —, gets no record's values back (no {@code before}/{@code after}, no metric
     * counts), and a retraction of a record that is not stored is answered as a done retraction: the answer tells it
     * neither a stored value nor whether the record existed.
     */
    @Test
    void edfiServicesOwnClientMayOnlyRetractAndLearnsNeitherValuesNorWhetherARecordExists() {
        Fixtures.School s = Fixtures.school();
        String svc = sis("svc_edfi", s.id());
        String owner = sis("sis-" + UUID.randomUUID(), s.id());
        postJson("assessments", owner, List.of(assessment(s.id(), "H1A", "ELA", 4, 70), assessment(s.id(), "H1B", "ELA", 2, null)))
                .statusCode(201).body("rowsAccepted", equalTo(2));
        String reason = "Retracted through the Ed-Fi door (test)";
        // a CORRECT is refused, whole request, and nothing is changed
        CorrectionTest.correct(svc, "assessments", reason, List.of(CorrectionTest.item(s.id(), "H1A", "ELA", "CORRECT", 1)))
                .statusCode(403).contentType("application/problem+json");
        CorrectionTest.correct(svc, "assessments", reason, List.of(CorrectionTest.item(s.id(), "H1B", "ELA", "RETRACT", null),
                CorrectionTest.item(s.id(), "H1A", "ELA", "CORRECT", 1))).statusCode(403).contentType("application/problem+json");
        given().auth().oauth2(owner).queryParam("schoolId", s.id()).queryParam("schoolYear", Fixtures.YEAR)
                .get("/api/performance/student-records/assessments").then().statusCode(200)
                .body("total", equalTo(2)).body("items.find { it.studentId == 'H1A' }.performanceLevel", equalTo(4));
        // a retraction of a stored record and one of a record never stored are answered alike, without values
        var stored = CorrectionTest.correct(svc, "assessments", reason, List.of(CorrectionTest.item(s.id(), "H1A", "ELA", "RETRACT", null)))
                .statusCode(201).extract().jsonPath();
        var missing = CorrectionTest.correct(svc, "assessments", reason, List.of(CorrectionTest.item(s.id(), "NOPE", "ELA", "RETRACT", null)))
                .statusCode(201).extract().jsonPath();
        for (var answer : List.of(stored, missing)) {
            org.assertj.core.api.Assertions.assertThat(answer.getMap("items[0]")).doesNotContainKeys("before", "after");
            org.assertj.core.api.Assertions.assertThat(answer.getMap("$")).doesNotContainKeys("metricsChanged", "metricsWithdrawn",
                    "ratingsChanged");
        }
        java.util.function.Function<io.restassured.path.json.JsonPath, Map<String, Object>> shape = j -> {
            Map<String, Object> m = new java.util.TreeMap<>(j.getMap("$"));
            m.remove("correctionId");
            m.remove("correctedAt");
            m.put("items", j.getList("items").stream().map(i -> {
                Map<String, Object> x = new java.util.TreeMap<>((Map<String, Object>) i);
                x.remove("studentId");
                return x;
            }).toList());
            return m;
        };
        org.assertj.core.api.Assertions.assertThat(shape.apply(missing)).isEqualTo(shape.apply(stored));
        // the retraction happened; the district admin's audit keeps the truth (the value before, the missing one unchanged)
        given().auth().oauth2(owner).queryParam("schoolId", s.id()).queryParam("schoolYear", Fixtures.YEAR)
                .get("/api/performance/student-records/assessments").then().statusCode(200).body("total", equalTo(1));
        given().auth().oauth2(TestTokens.districtAdmin()).get("/api/performance/corrections/" + stored.getString("correctionId"))
                .then().statusCode(200).body("items[0].outcome", equalTo("RETRACTED")).body("items[0].before.performanceLevel", equalTo(4));
        given().auth().oauth2(TestTokens.districtAdmin()).get("/api/performance/corrections/" + missing.getString("correctionId"))
                .then().statusCode(200).body("itemsRetracted", equalTo(0)).body("items[0].outcome", equalTo("UNCHANGED"));
        // any other SIS still learns that a record is not stored (its own school: no oracle beyond its own reads)
        CorrectionTest.correct(owner, "assessments", reason, List.of(CorrectionTest.item(s.id(), "NOPE", "ELA", "RETRACT", null)))
                .statusCode(422);
    }

    @Test
    void studentRecordsAreForTheDistrictAdminAndTheOwningSisOnly() {
        Fixtures.School s = Fixtures.school();
        String owner = sis("sis-" + UUID.randomUUID(), s.id());
        postJson("attendance", owner, List.of(Fixtures.attendance(s.id(), "Q9", 100, 3))).statusCode(201);
        String path = "/api/performance/student-records/attendance";
        given().auth().oauth2(owner).queryParam("schoolId", s.id()).queryParam("schoolYear", "2026-27").get(path)
                .then().statusCode(200).body("items[0].studentId", equalTo("Q9"));
        given().auth().oauth2(TestTokens.districtAdmin()).queryParam("schoolId", s.id()).queryParam("schoolYear", "2026-27")
                .get(path).then().statusCode(200).body("total", equalTo(1));
        given().auth().oauth2(sis("sis-" + UUID.randomUUID(), UUID.randomUUID())).queryParam("schoolId", s.id())
                .queryParam("schoolYear", "2026-27").get(path).then().statusCode(403);
        for (String denied : List.of(TestTokens.oversight(), TestTokens.schoolLeader(s.id()), TestTokens.enrollmentOfficer())) {
            given().auth().oauth2(denied).queryParam("schoolId", s.id()).queryParam("schoolYear", "2026-27").get(path)
                    .then().statusCode(403);
        }
        given().queryParam("schoolId", s.id()).queryParam("schoolYear", "2026-27").get(path).then().statusCode(401);
        given().auth().oauth2(owner).queryParam("schoolId", s.id()).queryParam("schoolYear", "2026").get(path)
                .then().statusCode(400).body("errors[0].field", equalTo("schoolYear"));
    }

    @Test
    void profilesAndRatingsAreForOversightAndTheSchoolsOwnLeader() {
        Fixtures.School s = Fixtures.school();
        Fixtures.School other = Fixtures.school();
        postJson("school-metrics", TestTokens.districtAdmin(), List.of(Fixtures.value(s.id(), "TEACHER_VACANCIES", 2, null),
                Fixtures.value(other.id(), "TEACHER_VACANCIES", 5, null))).statusCode(201);
        String profile = "/api/performance/schools/" + s.id() + "/profile";
        for (String allowed : List.of(TestTokens.districtAdmin(), TestTokens.oversight(), TestTokens.schoolLeader(s.id()))) {
            given().auth().oauth2(allowed).get(profile).then().statusCode(200)
                    .body("years[0].metrics[0].metricCode", equalTo("TEACHER_VACANCIES"));
        }
        for (String denied : List.of(TestTokens.schoolLeader(other.id()), sis("sis-x", s.id()), TestTokens.enrollmentOfficer())) {
            given().auth().oauth2(denied).get(profile).then().statusCode(403).contentType("application/problem+json");
        }
        given().get(profile).then().statusCode(401);
        given().auth().oauth2(TestTokens.districtAdmin()).get("/api/performance/schools/" + UUID.randomUUID() + "/profile")
                .then().statusCode(404);
        // a leader's portfolio list holds only its schools
        given().auth().oauth2(TestTokens.schoolLeader(s.id())).queryParam("size", 500).get("/api/performance/ratings")
                .then().statusCode(200).body("items.schoolId", everyItem(equalTo(s.id().toString())));
        given().auth().oauth2(TestTokens.schoolLeader(s.id())).queryParam("schoolYear", "2026-27")
                .get("/api/performance/ratings/export").then().statusCode(200);
        given().queryParam("schoolYear", "2026-27").get("/api/performance/ratings/export").then().statusCode(401);
        // the public view is open to anyone
        given().queryParam("schoolYear", "2026-27").queryParam("size", 500).get("/api/performance/public/schools").then()
                .statusCode(200).body("items.schoolId", hasItem(s.id().toString()));
        given().get("/api/performance/public/schools").then().statusCode(400);
    }

    @Test
    void anSisSeesOnlyItsOwnJobs() {
        Fixtures.School s = Fixtures.school();
        String mine = sis("sis-a-" + UUID.randomUUID(), s.id());
        String jobId = postJson("school-metrics", mine, List.of(Fixtures.value(s.id(), "TEACHER_VACANCIES", 1, null)))
                .statusCode(201).extract().path("id");
        given().auth().oauth2(mine).get("/api/performance/ingest/jobs/" + jobId).then().statusCode(200);
        given().auth().oauth2(mine).get("/api/performance/ingest/jobs").then().statusCode(200)
                .body("items.id", hasItem(jobId));
        String theirs = sis("sis-b-" + UUID.randomUUID(), s.id());
        given().auth().oauth2(theirs).get("/api/performance/ingest/jobs/" + jobId).then().statusCode(404);
        given().auth().oauth2(theirs).get("/api/performance/ingest/jobs").then().statusCode(200).body("total", equalTo(0));
        given().auth().oauth2(TestTokens.districtAdmin()).get("/api/performance/ingest/jobs/" + jobId + "/errors").then()
                .statusCode(200).body("total", equalTo(0));
        given().auth().oauth2(TestTokens.oversight()).get("/api/performance/ingest/jobs/" + jobId).then().statusCode(403);
    }
}
