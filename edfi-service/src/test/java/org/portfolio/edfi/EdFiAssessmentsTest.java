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
                .put("/edfi/mappings/reporting-methods").then().statusCode(200).body("scaleScore", hasItem(true));

        int before = FakePerformance.ASSESSMENTS.size();
        Response created = post("studentAssessments", result("SA-Math-8", "R-1", "SA-1", "Met Standard", "691", null), sis, 201);
        assertThat(FakePerformance.ASSESSMENTS.size()).isGreaterThan(before);
        FakePerformance.Upload upload = FakePerformance.ASSESSMENTS.get(FakePerformance.ASSESSMENTS.size() - 1);
        assertThat(upload.authorization()).isEqualTo("Bearer " + sis);
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

        // a DELETE retracts the record (with the caller's token): the chain reruns as for a correction
        corrections = FakePerformance.CORRECTIONS.size();
        given().auth().oauth2(sis).delete(created.header("Location").replaceFirst("^https?://[^/]+", "")).then().statusCode(204);
        assertThat(FakePerformance.CORRECTIONS.size()).isEqualTo(corrections + 1);
        FakePerformance.Upload last = FakePerformance.CORRECTIONS.get(FakePerformance.CORRECTIONS.size() - 1);
        assertThat(last.authorization()).isEqualTo("Bearer " + sis);
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
        post("assessments", assessment("SA-Math-5", "Mathematics"), sis, 200);
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
        return r;
    }

    void mapLevels(Map<String, Integer> map) {
        given().auth().oauth2(TestTokens.districtAdmin()).contentType(ContentType.JSON).queryParam("namespace", levels)
                .body(map.entrySet().stream().map(e -> Map.of("codeValue", e.getKey(), "performanceLevel", e.getValue())).toList())
                .put("/edfi/mappings/performance-levels").then().statusCode(200);
    }

    void mapSubjects(Map<String, String> map) {
        given().auth().oauth2(TestTokens.districtAdmin()).contentType(ContentType.JSON).queryParam("namespace", subjects)
                .body(map.entrySet().stream().map(e -> Map.of("codeValue", e.getKey(), "subject", e.getValue())).toList())
                .put("/edfi/mappings/academic-subjects").then().statusCode(200);
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
