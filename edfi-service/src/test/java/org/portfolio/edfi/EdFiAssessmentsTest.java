package org.portfolio.edfi;

import com.fasterxml.jackson.databind.JsonNode;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.Response;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.portfolio.testing.TestTokens;

import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;

/**
 * Issue 17 phase 2 on the real database and broker (performance-service stood in by FakePerformance): assessments and
 * studentAssessments upserted on their natural keys, their descriptors mapped by the district and never guessed (an
 * unmapped performance level or subject refused, listed by /edfi/mappings/unmapped), the derived assessment record
 * (subject from the assessment, level, scale score, grade, school from the reported school or the enrollment) sent with
 * the caller's token, and a DELETE — or a subject that changes — retracting the record through performance-service's
 * corrections.
 */
@QuarkusTest
class EdFiAssessmentsTest {

    static final String DATA = "/edfi/data/v3/ed-fi/";
    static final String PL = "uri://ed-fi.org/PerformanceLevelDescriptor";
    static final String RM = "uri://ed-fi.org/AssessmentReportingMethodDescriptor";

    long edfiSchool;
    UUID school;
    String sis;
    String subjects;
    String levels;
    String assessmentNs;

    @BeforeEach
    void school() {
        edfiSchool = ThreadLocalRandom.current().nextLong(100_000_000L, 999_999_999L);
        school = UUID.randomUUID();
        sis = TestTokens.sis(school);
        EdFiApiTest.mapSchool(edfiSchool, school);
        String run = UUID.randomUUID().toString().substring(0, 8);
        subjects = "uri://district" + run + ".example/AcademicSubjectDescriptor";
        levels = "uri://district" + run + ".example/PerformanceLevelDescriptor";
        assessmentNs = "uri://district" + run + ".example/Assessment";
    }

    @Test
    void aStudentAssessmentBecomesTheSuitesAssessmentRecordAndADeleteRetractsIt() {
        // the assessment may come first, with descriptors nobody mapped yet: stored, and reported
        post("assessments", assessment("SA-Math-8", "Mathematics"), sis, 201);
        List<Map<String, Object>> unmapped = given().auth().oauth2(TestTokens.districtAdmin()).get("/edfi/mappings/unmapped")
                .then().statusCode(200).extract().jsonPath().getList("$");
        assertThat(unmapped).anySatisfy(u -> {
            assertThat(u.get("kind")).isEqualTo("ACADEMIC_SUBJECT");
            assertThat(u.get("descriptor")).isEqualTo(subjects + "#Mathematics");
            assertThat(u.get("mapAt")).isEqualTo("PUT /edfi/mappings/academic-subjects?namespace=" + subjects);
        });
        // a result whose performance level and subject are not mapped is refused, never guessed
        post("studentSchoolAssociations", enrollment("SA-1"), sis, 201);
        Response refused = post("studentAssessments", result("SA-Math-8", "R-1", "SA-1", "Met Standard", "691", null), sis, 400);
        assertThat(refused.jsonPath().getMap("validationErrors")).containsKeys("$.performanceLevels.performanceLevelDescriptor",
                "$.assessmentReference");
        assertThat(refused.asString()).doesNotContain("SA-1\"");

        mapLevels(Map.of("Did Not Meet Standard", 2, "Met Standard", 3, "Advanced", 4));
        mapSubjects(Map.of("Mathematics", "MATH", "Reading", "ELA"));
        given().auth().oauth2(TestTokens.districtAdmin()).contentType(ContentType.JSON).queryParam("namespace", RM)
                .body(List.of(Map.of("codeValue", "Vertical score", "scaleScore", true), Map.of("codeValue", "Raw score", "scaleScore", false)))
                .put("/edfi/mappings/reporting-methods").then().statusCode(200).body("scaleScore", hasItem(true)); Drain.await();

        int before = FakePerformance.ASSESSMENTS.size();
        Response created = post("studentAssessments", result("SA-Math-8", "R-1", "SA-1", "Met Standard", "691", null), sis, 201);
        assertThat(FakePerformance.ASSESSMENTS.size()).isGreaterThan(before);
        FakePerformance.Upload upload = FakePerformance.ASSESSMENTS.get(FakePerformance.ASSESSMENTS.size() - 1);
        assertThat(upload.authorization()).isEqualTo("Bearer " + FakePerformance.SERVICE_TOKEN);
        JsonNode row = lastRow("SA-1");
        assertThat(row.get("schoolId").asText()).isEqualTo(school.toString());
        assertThat(row.get("schoolYear").asText()).isEqualTo("2021-22");
        assertThat(row.get("subject").asText()).isEqualTo("MATH");
        assertThat(row.get("testCode").asText()).startsWith("SA-Math-8-").matches("[A-Za-z0-9._\\-]{1,40}");
        assertThat(row.get("gradeLevel").asText()).isEqualTo("8");
        assertThat(row.get("performanceLevel").asInt()).isEqualTo(3);
        assertThat(row.get("scaleScore").asInt()).isEqualTo(691);

        // an upsert on the natural key answers 200 and sends the new level
        post("studentAssessments", result("SA-Math-8", "R-1", "SA-1", "Advanced", "760", null), sis, 200);
        assertThat(lastRow("SA-1").get("performanceLevel").asInt()).isEqualTo(4);
        given().auth().oauth2(sis).queryParam("studentUniqueId", "SA-1").queryParam("namespace", assessmentNs).queryParam("totalCount", true)
                .get(DATA + "studentAssessments").then().statusCode(200).header("Total-Count", "1").body("[0].studentAssessmentIdentifier", equalTo("R-1"));
        given().auth().oauth2(sis).queryParam("assessmentIdentifier", "SA-Math-8").queryParam("namespace", assessmentNs)
                .get(DATA + "assessments").then().statusCode(200).body("size()", equalTo(1));

        // the assessment's subject changes: the record is retracted under the old subject and sent under the new one
        int corrections = FakePerformance.CORRECTIONS.size();
        post("assessments", assessment("SA-Math-8", "Reading"), TestTokens.districtAdmin(), 200);
        assertThat(FakePerformance.CORRECTIONS.size()).isGreaterThan(corrections);
        JsonNode retraction = FakePerformance.CORRECTIONS.get(FakePerformance.CORRECTIONS.size() - 1).rows();
        assertThat(retraction.at("/items/0/action").asText()).isEqualTo("RETRACT");
        assertThat(retraction.at("/items/0/subject").asText()).isEqualTo("MATH");
        assertThat(retraction.get("reasonCode").asText()).isEqualTo("SOURCE_RECORD_CHANGED");
        assertThat(retraction.has("reason")).as("the deprecated free-text reason is not sent").isFalse();
        assertThat(retraction.get("note").asText()).doesNotContain("SA-1");
        assertThat(lastRow("SA-1").get("subject").asText()).isEqualTo("ELA");

        // a DELETE retracts the record (with edfi-service's own token): the chain reruns as for a correction
        corrections = FakePerformance.CORRECTIONS.size();
        given().auth().oauth2(sis).delete(created.header("Location").replaceFirst("^https?://[^/]+", "")).then().statusCode(204); Drain.await();
        assertThat(FakePerformance.CORRECTIONS.size()).isEqualTo(corrections + 1);
        FakePerformance.Upload last = FakePerformance.CORRECTIONS.get(FakePerformance.CORRECTIONS.size() - 1);
        assertThat(last.authorization()).isEqualTo("Bearer " + FakePerformance.SERVICE_TOKEN);
        assertThat(last.rows().at("/items/0/subject").asText()).isEqualTo("ELA");
        assertThat(FakePerformance.STORED).noneMatch(k -> k.startsWith(school + "|"));
    }

    @Test
    void theSchoolIsTheReportedOneElseTheEnrollmentAndAnSisWritesOnlyItsOwn() {
        mapLevels(Map.of("Met Standard", 3));
        mapSubjects(Map.of("Mathematics", "MATH"));
        post("assessments", assessment("SA-Math-5", "Mathematics"), sis, 201);
        // no reported school and no enrollment: an SIS cannot say it is its school's
        post("studentAssessments", result("SA-Math-5", "R-2", "SA-2", "Met Standard", "600", null), sis, 403);
        // reported school: fine, without an enrollment
        post("studentAssessments", result("SA-Math-5", "R-2", "SA-2", "Met Standard", "600", edfiSchool), sis, 201);
        assertThat(lastRow("SA-2").get("schoolId").asText()).isEqualTo(school.toString());
        // another school reported: refused
        long other = edfiSchool + 1;
        EdFiApiTest.mapSchool(other, UUID.randomUUID());
        post("studentAssessments", result("SA-Math-5", "R-3", "SA-3", "Met Standard", "600", other), sis, 403);
        post("studentAssessments", result("SA-Math-5", "R-3", "SA-3", "Met Standard", "600", other), TestTokens.districtAdmin(), 201);
        // that school's result uses the assessment: the SIS may no longer change it, the district may
        post("assessments", assessment("SA-Math-5", "Mathematics").replace("State Assessment", "State Assessment 2"), sis, 403);
        // re-posting it unchanged is answered 200 and queues nothing (review of edfi5, L1; it queued that school's records
        // again before, which finding 2 of the first review refused with 403)
        int uploads = FakePerformance.ASSESSMENTS.size();
        post("assessments", assessment("SA-Math-5", "Mathematics"), sis, 200);
        assertThat(FakePerformance.ASSESSMENTS.size()).isEqualTo(uploads);
        // a result the SIS cannot see is not in its list; the assessment (no school) is
        assertThat(given().auth().oauth2(sis).queryParam("assessmentIdentifier", "SA-Math-5").queryParam("namespace", assessmentNs)
                .get(DATA + "studentAssessments").then().statusCode(200).extract().jsonPath().getList("studentReference.studentUniqueId"))
                .containsExactly("SA-2");
        // a performance level in use cannot be left out of its namespace's mapping
        given().auth().oauth2(TestTokens.districtAdmin()).contentType(ContentType.JSON).queryParam("namespace", levels)
                .body(List.of(Map.of("codeValue", "Advanced", "performanceLevel", 4))).put("/edfi/mappings/performance-levels")
                .then().statusCode(409);
        given().auth().oauth2(sis).contentType(ContentType.JSON).queryParam("namespace", levels)
                .body(List.of(Map.of("codeValue", "Met Standard", "performanceLevel", 3))).put("/edfi/mappings/performance-levels")
                .then().statusCode(403);
    }

    /**
     * Review of issue 17 (docs/reviews/edfi3-queue.md), finding 1: the deriver sends with edfi-service's own client (every
     * school), so the write's scope must bound what it sends and retracts. A result posted by another school's SIS for
     * this school's student (a better one), and a bogus enrollment of this school's student at the other school, neither
     * change nor retract this school's records.
     */
    @Test
    void anotherSchoolsSisNeitherChangesNorRetractsThisSchoolsAssessmentRecords() {
        mapLevels(Map.of("Met Standard", 3, "Advanced", 4));
        mapSubjects(Map.of("Mathematics", "MATH"));
        long otherEdfi = edfiSchool + 7;
        UUID other = UUID.randomUUID();
        EdFiApiTest.mapSchool(otherEdfi, other);
        String sisB = TestTokens.sis(other);
        post("assessments", assessment("SA-Math-7", "Mathematics"), TestTokens.districtAdmin(), 201);
        post("studentSchoolAssociations", enrollment("SX-1"), sis, 201);
        post("studentSchoolAssociations", enrollment("SX-2"), sis, 201);
        post("studentAssessments", result("SA-Math-7", "RA-1", "SX-1", "Met Standard", "600", null), sis, 201);
        post("studentAssessments", result("SA-Math-7", "RA-2", "SX-2", "Met Standard", "610", null), sis, 201);
        String k1 = school + "|2021-22|SX-1|MATH|" + lastRow("SX-1").get("testCode").asText();
        String k2 = school + "|2021-22|SX-2|MATH|" + lastRow("SX-2").get("testCode").asText();
        assertThat(FakePerformance.STORED).contains(k1, k2);
        int corrections = FakePerformance.CORRECTIONS.size();
        int uploads = FakePerformance.ASSESSMENTS.size();

        // the other school's SIS posts a better result for this school's student, reported at its own school
        post("studentAssessments", result("SA-Math-7", "RB-1", "SX-1", "Advanced", "900", otherEdfi), sisB, 201);
        // and enrolls this school's other student at its school in the same year (A's result would be ambiguous)
        post("studentSchoolAssociations", enrollment("SX-2").replace("\"schoolId\":" + edfiSchool, "\"schoolId\":" + otherEdfi), sisB, 201);

        assertThat(FakePerformance.CORRECTIONS.subList(corrections, FakePerformance.CORRECTIONS.size()))
                .as("retractions of this school's records").noneMatch(c -> c.rows().toString().contains(school.toString()));
        assertThat(FakePerformance.ASSESSMENTS.subList(uploads, FakePerformance.ASSESSMENTS.size()))
                .as("uploads of this school's records").noneMatch(u -> u.rows().toString().contains(school.toString()));
        assertThat(FakePerformance.STORED).contains(k1, k2);
        assertThat(lastRow("SX-1").get("performanceLevel").asInt()).isEqualTo(3);
    }

    /**
     * Finding 2: an SIS creating an assessment that other schools' results already name (with the subject of its choosing)
     * would derive those schools' records; re-posting it unchanged would queue them again. Both are refused; the district
     * may, and a school whose results alone use it may re-post it.
     */
    @Test
    void anSisCannotCreateOrRepostAnAssessmentThatOtherSchoolsResultsUse() {
        mapLevels(Map.of("Met Standard", 3));
        mapSubjects(Map.of("Mathematics", "MATH", "Reading", "ELA"));
        long otherEdfi = edfiSchool + 9;
        UUID other = UUID.randomUUID();
        EdFiApiTest.mapSchool(otherEdfi, other);
        String sisB = TestTokens.sis(other);
        post("studentSchoolAssociations", enrollment("SY-1"), sis, 201);
        // this school's result comes before its assessment: nothing derives yet
        post("studentAssessments", result("SA-Read-6", "RA-6", "SY-1", "Met Standard", "600", null), sis, 201);
        int uploads = FakePerformance.ASSESSMENTS.size();
        post("assessments", assessment("SA-Read-6", "Mathematics"), sisB, 403);
        assertThat(FakePerformance.ASSESSMENTS.subList(uploads, FakePerformance.ASSESSMENTS.size()))
                .as("uploads of this school's records").noneMatch(u -> u.rows().toString().contains(school.toString()));
        post("assessments", assessment("SA-Read-6", "Reading"), TestTokens.districtAdmin(), 201);
        assertThat(lastRow("SY-1").get("subject").asText()).isEqualTo("ELA");
        // an unchanged re-post (an Ed-Fi catalogue re-sync) is answered 200 and queues nothing (review of edfi5, L1)
        uploads = FakePerformance.ASSESSMENTS.size();
        int corrections = FakePerformance.CORRECTIONS.size();
        post("assessments", assessment("SA-Read-6", "Reading"), sisB, 200);
        assertThat(FakePerformance.ASSESSMENTS.size()).isEqualTo(uploads);
        assertThat(FakePerformance.CORRECTIONS.size()).isEqualTo(corrections);
        post("assessments", assessment("SA-Read-6", "Reading"), sis, 200);
    }

    /**
     * Review of edfi5, finding M2: an SIS redefined or deleted any assessment (the district admin's, another school's)
     * while no result named it, and other schools' later results followed the new definition. Now the creator is
     * recorded: an SIS changes (POST with other values, PUT) or deletes only the assessments its client created; the
     * district admin any.
     */
    @Test
    void anSisChangesOrDeletesOnlyTheAssessmentsItCreated() {
        mapSubjects(Map.of("Mathematics", "MATH", "Reading", "ELA"));
        UUID other = UUID.randomUUID();
        EdFiApiTest.mapSchool(edfiSchool + 7, other);
        String sisA = TestTokens.token("sis-a-" + UUID.randomUUID(), java.util.Set.of("SIS"), List.of(school.toString()),
                java.time.Duration.ofMinutes(30));
        String sisB = TestTokens.token("sis-b-" + UUID.randomUUID(), java.util.Set.of("SIS"), List.of(other.toString()),
                java.time.Duration.ofMinutes(30));
        String admin = TestTokens.districtAdmin();
        // the district admin's assessment: no SIS redefines or deletes it
        String adminsId = idOf(post("assessments", assessment("SA-M2-D", "Reading"), admin, 201));
        post("assessments", assessment("SA-M2-D", "Mathematics"), sisA, 403);
        given().auth().oauth2(sisA).contentType(ContentType.JSON).body(assessment("SA-M2-D", "Mathematics"))
                .put(DATA + "assessments/" + adminsId).then().statusCode(403);
        given().auth().oauth2(sisA).delete(DATA + "assessments/" + adminsId).then().statusCode(403);
        given().auth().oauth2(admin).get(DATA + "assessments/" + adminsId).then().statusCode(200)
                .body("academicSubjects[0].academicSubjectDescriptor", org.hamcrest.Matchers.endsWith("#Reading"));
        // one SIS's assessment: another school's SIS neither redefines nor deletes it; its creator and the admin may
        String ownId = idOf(post("assessments", assessment("SA-M2-A", "Reading"), sisA, 201));
        post("assessments", assessment("SA-M2-A", "Mathematics"), sisB, 403);
        given().auth().oauth2(sisB).delete(DATA + "assessments/" + ownId).then().statusCode(403);
        post("assessments", assessment("SA-M2-A", "Mathematics"), sisA, 200);
        post("assessments", assessment("SA-M2-A", "Reading"), admin, 200);
        given().auth().oauth2(sisA).delete(DATA + "assessments/" + ownId).then().statusCode(204);
        given().auth().oauth2(admin).delete(DATA + "assessments/" + adminsId).then().statusCode(204);
    }

    /**
     * Review of edfi5, finding M1: an SIS posting an enrollment took over a school-less result (the district admin's,
     * without reportedSchoolReference) for good — the result became that school's, readable by its SIS, and stayed so
     * when the enrollment went. Now a district admin's result without a reported school stays school-less: only the
     * district admin reads it, and it is derived for the school of the student's (unique) enrollment of that year at the
     * time of each derivation — retracted there when the enrollment goes, derived for the next school that enrolls.
     */
    @Test
    void anEnrollmentDoesNotTakeOverTheDistrictAdminsSchoollessResult() {
        mapLevels(Map.of("Met Standard", 3));
        mapSubjects(Map.of("Mathematics", "MATH"));
        UUID other = UUID.randomUUID();
        long otherEdfi = edfiSchool + 5;
        EdFiApiTest.mapSchool(otherEdfi, other);
        String sisB = TestTokens.sis(other);
        String admin = TestTokens.districtAdmin();
        post("assessments", assessment("SA-M1", "Mathematics"), admin, 201);
        post("studentAssessments", result("SA-M1", "R-M1", "SY-M1", "Met Standard", "610", null), admin, 201);
        // this school's SIS enrolls the student: the record is derived for the school while the enrollment stands ...
        Response enrolled = post("studentSchoolAssociations", enrollment("SY-M1"), sis, 201);
        assertThat(FakePerformance.STORED).anyMatch(k -> k.startsWith(school + "|2021-22|SY-M1|MATH|"));
        // ... but the result stays the district admin's: the SIS does not read it
        given().auth().oauth2(sis).queryParam("studentUniqueId", "SY-M1").get(DATA + "studentAssessments").then().statusCode(200)
                .body("size()", equalTo(0));
        given().auth().oauth2(admin).queryParam("studentUniqueId", "SY-M1").get(DATA + "studentAssessments").then().statusCode(200)
                .body("size()", equalTo(1)).body("[0].reportedSchoolReference", org.hamcrest.Matchers.nullValue());
        // the enrollment goes: the record is retracted there; another school enrolls the student: derived for it
        given().auth().oauth2(sis).delete(enrolled.header("Location").replaceFirst("^https?://[^/]+", "")).then().statusCode(204);
        Drain.await();
        assertThat(FakePerformance.STORED).noneMatch(k -> k.startsWith(school + "|2021-22|SY-M1|"));
        String otherEnrollment = enrollment("SY-M1").replace("\"schoolId\":" + edfiSchool, "\"schoolId\":" + otherEdfi);
        post("studentSchoolAssociations", otherEnrollment, sisB, 201);
        assertThat(FakePerformance.STORED).anyMatch(k -> k.startsWith(other + "|2021-22|SY-M1|MATH|"));
        given().auth().oauth2(sisB).queryParam("studentUniqueId", "SY-M1").get(DATA + "studentAssessments").then().statusCode(200)
                .body("size()", equalTo(0));
        // review finding M4: a mapping change re-derived the results of a school only, never those of no school
        mapSubjects(Map.of("Mathematics", "ELA"));
        assertThat(FakePerformance.STORED).anyMatch(k -> k.startsWith(other + "|2021-22|SY-M1|ELA|"))
                .noneMatch(k -> k.startsWith(other + "|2021-22|SY-M1|MATH|"));
        UUID third = UUID.randomUUID();
        EdFiApiTest.mapSchool(otherEdfi, third);
        assertThat(FakePerformance.STORED).anyMatch(k -> k.startsWith(third + "|2021-22|SY-M1|ELA|"));
    }

    private static String idOf(Response created) {
        String location = created.header("Location");
        return location.substring(location.lastIndexOf('/') + 1);
    }

    @Test
    void hostileAssessmentBodiesAreFast4xx() {
        mapLevels(Map.of("Met Standard", 3));
        long t0 = System.nanoTime();
        String ok = result("SA-X", "R-9", "SA-9", "Met Standard", "1", edfiSchool);
        Map<String, String> broken = new java.util.LinkedHashMap<>();
        broken.put(ok.replace("\"schoolYearTypeReference\":{\"schoolYear\":2022},", "").replace("\"administrationDate\":\"2022-04-01T16:00:00\",", ""),
                "$.schoolYearTypeReference.schoolYear");
        broken.put(ok.replace("\"performanceLevels\":[", "\"performanceLevels\":[" + "{},".repeat(120)), "$.performanceLevels");
        broken.put(ok.replace("\"result\":\"1\"", "\"result\":1"), "$.scoreResults.result");
        broken.put(ok.replace("\"result\":\"1\"", "\"result\":\"" + "9".repeat(40) + "\""), "$.scoreResults.result");
        broken.put(ok.replace("2022-04-01T16:00:00", "2022-04-01T25:99"), "$.administrationDate");
        broken.put(ok.replace("2022-04-01T16:00:00", "1e-20000000"), "$.administrationDate");
        broken.put(ok.replace("{\"schoolYear\":2022}", "{\"schoolYear\":1e-20000000}"), "$.schoolYearTypeReference.schoolYear");
        broken.put(ok.replace("\"reportedSchoolReference\":{\"schoolId\":" + edfiSchool + "}", "\"reportedSchoolReference\":{}"),
                "$.reportedSchoolReference.schoolId");
        for (Map.Entry<String, String> b : broken.entrySet()) {
            Response r = post("studentAssessments", b.getKey(), sis, 400);
            assertThat(r.jsonPath().getMap("validationErrors")).as(b.getValue()).containsKey(b.getValue());
        }
        post("studentAssessments", ok, sis, 201);
        post("assessments", "{\"assessmentIdentifier\":\"" + "x".repeat(61) + "\",\"namespace\":\"n\",\"assessmentTitle\":\"t\"}", sis, 400);
        post("assessments", "{\"assessmentIdentifier\":\"a\",\"namespace\":\"n\",\"assessmentTitle\":\"t\",\"academicSubjects\":[{\"academicSubjectDescriptor\":\"no-hash\"}]}", sis, 400);
        given().auth().oauth2(TestTokens.districtAdmin()).contentType(ContentType.JSON).queryParam("namespace", levels)
                .body(List.of(Map.of("codeValue", "Met Standard", "performanceLevel", 9))).put("/edfi/mappings/performance-levels")
                .then().statusCode(400);
        given().auth().oauth2(TestTokens.districtAdmin()).contentType(ContentType.JSON).queryParam("namespace", subjects)
                .body(List.of(Map.of("codeValue", "Mathematics", "subject", "math; drop"))).put("/edfi/mappings/academic-subjects")
                .then().statusCode(400);
        assertThat((System.nanoTime() - t0) / 1_000_000).isLessThan(10_000);
    }

    // --- helpers ---------------------------------------------------------------------------------

    Response post(String resource, String body, String token, int status) {
        Response r = given().auth().oauth2(token).contentType(ContentType.JSON).body(body).post(DATA + resource);
        if (status > 0) {
            r.then().statusCode(status);
        }
        if (r.statusCode() < 300) {
            // the answer comes once the resource is stored; what performance-service receives follows through the queue
            Drain.await();
        }
        return r;
    }

    void mapLevels(Map<String, Integer> map) {
        given().auth().oauth2(TestTokens.districtAdmin()).contentType(ContentType.JSON).queryParam("namespace", levels)
                .body(map.entrySet().stream().map(e -> Map.of("codeValue", e.getKey(), "performanceLevel", e.getValue())).toList())
                .put("/edfi/mappings/performance-levels").then().statusCode(200); Drain.await();
    }

    void mapSubjects(Map<String, String> map) {
        given().auth().oauth2(TestTokens.districtAdmin()).contentType(ContentType.JSON).queryParam("namespace", subjects)
                .body(map.entrySet().stream().map(e -> Map.of("codeValue", e.getKey(), "subject", e.getValue())).toList())
                .put("/edfi/mappings/academic-subjects").then().statusCode(200); Drain.await();
    }

    String assessment(String id, String subject) {
        return "{\"assessmentIdentifier\":\"" + id + "\",\"namespace\":\"" + assessmentNs + "\",\"assessmentTitle\":\"State Assessment\","
                + "\"academicSubjects\":[{\"academicSubjectDescriptor\":\"" + subjects + "#" + subject + "\"}],"
                + "\"assessedGradeLevels\":[{\"gradeLevelDescriptor\":\"uri://ed-fi.org/GradeLevelDescriptor#Eighth grade\"}],"
                + "\"scores\":[{\"assessmentReportingMethodDescriptor\":\"" + RM + "#Raw score\",\"minimumScore\":\"0\",\"maximumScore\":\"50\"}],"
                + "\"performanceLevels\":[{\"assessmentReportingMethodDescriptor\":\"" + RM + "#Raw score\",\"performanceLevelDescriptor\":\""
                + levels + "#Met Standard\",\"minimumScore\":\"29\",\"maximumScore\":\"50\"}]}";
    }

    String enrollment(String student) {
        return "{\"studentReference\":{\"studentUniqueId\":\"" + student + "\"},\"schoolReference\":{\"schoolId\":" + edfiSchool + "},"
                + "\"entryDate\":\"2021-08-23\",\"entryGradeLevelDescriptor\":\"uri://ed-fi.org/GradeLevelDescriptor#Eighth grade\","
                + "\"schoolYearTypeReference\":{\"schoolYear\":2022}}";
    }

    String result(String assessment, String id, String student, String level, String vertical, Long reportedSchool) {
        return "{\"studentAssessmentIdentifier\":\"" + id + "\",\"assessmentReference\":{\"assessmentIdentifier\":\"" + assessment
                + "\",\"namespace\":\"" + assessmentNs + "\"},\"studentReference\":{\"studentUniqueId\":\"" + student + "\"},"
                + "\"schoolYearTypeReference\":{\"schoolYear\":2022},"
                + (reportedSchool == null ? "" : "\"reportedSchoolReference\":{\"schoolId\":" + reportedSchool + "},")
                + "\"administrationDate\":\"2022-04-01T16:00:00\","
                + "\"whenAssessedGradeLevelDescriptor\":\"uri://ed-fi.org/GradeLevelDescriptor#Eighth grade\","
                + "\"scoreResults\":[{\"assessmentReportingMethodDescriptor\":\"" + RM + "#Raw score\",\"result\":\"28\","
                + "\"resultDatatypeTypeDescriptor\":\"uri://ed-fi.org/ResultDatatypeTypeDescriptor#Integer\"},"
                + "{\"assessmentReportingMethodDescriptor\":\"" + RM + "#Vertical score\",\"result\":\"" + vertical + "\","
                + "\"resultDatatypeTypeDescriptor\":\"uri://ed-fi.org/ResultDatatypeTypeDescriptor#Integer\"}],"
                + "\"performanceLevels\":[{\"assessmentReportingMethodDescriptor\":\"" + RM + "#Raw score\",\"performanceLevelDescriptor\":\""
                + levels + "#" + level + "\",\"performanceLevelIndicatorName\":\"Math Level Indicator\"}]}";
    }

    /** The last assessment row sent for this student of this test's school. */
    JsonNode lastRow(String student) {
        for (int i = FakePerformance.ASSESSMENTS.size() - 1; i >= 0; i--) {
            for (JsonNode row : FakePerformance.ASSESSMENTS.get(i).rows()) {
                if (row.get("studentId").asText().equals(student) && row.get("schoolId").asText().equals(school.toString())) {
                    return row;
                }
            }
        }
        throw new AssertionError("no assessment row sent for the student");
    }
}
