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

    @jakarta.inject.Inject
    io.agroal.api.AgroalDataSource dataSource;

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

    /**
     * Fifteenth pass: an assessment's score ranges are stored as posted and not read, but they are text of at most 35
     * characters, as the document says. An object, an array, a number or 36 characters were stored (201) until the bad-input
     * sweep started from the document's example, which has ranges; each is now a 400 naming the field, nothing stored.
     */
    @Test
    void anAssessmentsScoreRangesAreTextOfAtMost35Characters() {
        String good = assessment("SA-Range-8", "Mathematics");
        for (String bad : List.of("{}", "[\"0\"]", "0", "\"" + "9".repeat(36) + "\"")) {
            for (String at : List.of("\"minimumScore\":\"0\"", "\"maximumScore\":\"50\"", "\"minimumScore\":\"29\"")) {
                String body = good.replace(at, at.substring(0, at.indexOf(':') + 1) + bad);
                assertThat(body).isNotEqualTo(good);
                post("assessments", body, sis, 400).then()
                        .body("validationErrors.keySet()", org.hamcrest.Matchers.hasItem(org.hamcrest.Matchers.endsWith("Score")));
            }
        }
        given().auth().oauth2(sis).get(DATA + "assessments?assessmentIdentifier=SA-Range-8&namespace=" + assessmentNs)
                .then().statusCode(200).body("size()", equalTo(0));
        post("assessments", good.replace("\"maximumScore\":\"50\"", "\"maximumScore\":\"" + "9".repeat(35) + "\""), sis, 201);
    }

    /**
     * Twenty-fifth pass (N3 of the twenty-fourth's outside review): a range whose minimum is above its maximum, both
     * numbers, was stored (201) and bounded nothing. Now a 400 naming the field, nothing stored; a range of one value and
     * bounds that are not numbers (letter grades) are taken as before.
     */
    @Test
    void aScoreRangeWhoseMinimumIsAboveItsMaximumIsRefused() {
        String good = assessment("SA-Upside-8", "Mathematics");
        for (String[] swap : List.of(new String[] {"\"minimumScore\":\"0\",\"maximumScore\":\"50\"", "\"minimumScore\":\"950\",\"maximumScore\":\"100\""},
                new String[] {"\"minimumScore\":\"29\",\"maximumScore\":\"50\"", "\"minimumScore\":\"50.5\",\"maximumScore\":\"50\""})) {
            String body = good.replace(swap[0], swap[1]);
            assertThat(body).isNotEqualTo(good);
            post("assessments", body, sis, 400).then()
                    .body("validationErrors.keySet()", org.hamcrest.Matchers.hasItem(org.hamcrest.Matchers.endsWith(".minimumScore")))
                    .body("validationErrors.values().flatten().toString()", org.hamcrest.Matchers.containsString("minimumScore must not be above maximumScore"));
        }
        given().auth().oauth2(sis).get(DATA + "assessments?assessmentIdentifier=SA-Upside-8&namespace=" + assessmentNs)
                .then().statusCode(200).body("size()", equalTo(0));
        post("assessments", good.replace("\"minimumScore\":\"0\",\"maximumScore\":\"50\"", "\"minimumScore\":\"50\",\"maximumScore\":\"50\"")
                .replace("\"minimumScore\":\"29\",\"maximumScore\":\"50\"", "\"minimumScore\":\"F\",\"maximumScore\":\"A\""), sis, 201);
    }

    /**
     * Fifteenth pass (hostile review M2): a field sent as null is a field not sent. {@code "scores": null} and a null
     * score range were stored as posted and answered back, where the document declares an array and a string (the
     * contract filter checks the GET answer below).
     */
    @Test
    void aFieldSentAsNullIsNotStoredNorAnsweredBack() {
        String body = assessment("SA-Null-8", "Mathematics").replace("\"scores\":[", "\"scores\":null,\"unread\":[")
                .replace("\"assessedGradeLevels\":[{\"gradeLevelDescriptor\":\"uri://ed-fi.org/GradeLevelDescriptor#Eighth grade\"}]",
                        "\"assessedGradeLevels\":null")
                .replace("\"minimumScore\":\"29\"", "\"minimumScore\":null");
        assertThat(body).contains("\"assessedGradeLevels\":null", "\"scores\":null", "\"minimumScore\":null");
        String location;
        try (var leaves = org.portfolio.testing.contract.ContractValidation.off(
                "nulls the document does not declare, read as absent values (the answer below is checked)")) {
            location = post("assessments", body, sis, 201).header("Location");
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
        JsonNode stored = given().auth().oauth2(sis).get(location).then().statusCode(200).extract().as(JsonNode.class);
        assertThat(stored.has("scores")).isFalse();
        assertThat(stored.has("assessedGradeLevels")).isFalse();
        assertThat(stored.path("performanceLevels").get(0).has("minimumScore")).isFalse();
        assertThat(stored.path("performanceLevels").get(0).path("maximumScore").asText()).isEqualTo("50");
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
     * Twenty-second pass (hostile read, H2): a mapping change, and a change of an assessment, read every result they touch
     * into one list with its document (a million for a performance-level namespace used district-wide, in a 256 MB heap).
     * They read a page at a time now (two in tests): a level's new mapping reaches each of five students' records, and so
     * does the assessment's new subject.
     */
    @Test
    void aMappingChangeAndAnAssessmentChangeReachEveryResultPageByPage() {
        mapLevels(Map.of("Met Standard", 3));
        mapSubjects(Map.of("Mathematics", "MATH", "Reading", "ELA"));
        post("assessments", assessment("SA-Math-P", "Mathematics"), TestTokens.districtAdmin(), 201);
        List<String> students = List.of("SP-1", "SP-2", "SP-3", "SP-4", "SP-5");
        for (String st : students) {
            post("studentSchoolAssociations", enrollment(st), sis, 201);
            post("studentAssessments", result("SA-Math-P", "RP-" + st, st, "Met Standard", "600", null), sis, 201);
        }
        students.forEach(st -> assertThat(lastRow(st).get("performanceLevel").asInt()).isEqualTo(3));

        mapLevels(Map.of("Met Standard", 4));
        students.forEach(st -> assertThat(lastRow(st).get("performanceLevel").asInt()).as(st).isEqualTo(4));

        post("assessments", assessment("SA-Math-P", "Reading"), TestTokens.districtAdmin(), 200);
        students.forEach(st -> assertThat(lastRow(st).get("subject").asText()).as(st).isEqualTo("ELA"));
    }

    /**
     * Second pass of 2026-12-05 (T27, A4): an SIS's enrollment write queued the student's school-less results' records
     * at its school even though its enrollment places nothing, so the queue's {@code pending} count read at a quiet moment
     * told it how many such results a student has. Now it queues them only when it changes or deletes an enrollment a
     * district-wide writer vouched for (which takes that school out of the placement). The deriver is held off the two
     * records by their advisory locks, so what the writes queued stays to be counted.
     */
    @Test
    void anSisEnrollmentWriteQueuesSchoollessResultsOnlyWhenItTakesAVouchedEnrollmentOut() throws Exception {
        mapLevels(Map.of("Met Standard", 3));
        mapSubjects(Map.of("Mathematics", "MATH"));
        long otherEdfi = edfiSchool + 13;
        UUID other = UUID.randomUUID();
        EdFiApiTest.mapSchool(otherEdfi, other);
        String sisB = TestTokens.sis(other);
        String admin = TestTokens.districtAdmin();
        post("assessments", assessment("SA-Math-13", "Mathematics"), admin, 201);
        post("studentSchoolAssociations", enrollment("SQ-1"), admin, 201); // vouched, at this school
        post("studentAssessments", result("SA-Math-13", "RQ-1", "SQ-1", "Met Standard", "600", null), admin, 201);
        String atThisSchool = recordKey("SA-Math-13", "SQ-1", edfiSchool);
        String atTheOther = recordKey("SA-Math-13", "SQ-1", otherEdfi);
        try (java.sql.Connection hold = dataSource.getConnection()) {
            recordLock(hold, "pg_advisory_lock", atThisSchool);
            recordLock(hold, "pg_advisory_lock", atTheOther);
            try {
                String bogus = enrollment("SQ-1").replace("\"schoolId\":" + edfiSchool, "\"schoolId\":" + otherEdfi);
                write(sisB, bogus, 201);
                write(sisB, bogus, 200); // unchanged
                assertThat(queued(atTheOther)).as("an SIS's enrollment places nothing: nothing queued at its school").isZero();
                // this school's SIS changes the administrator's enrollment: this school leaves the placement
                write(sis, enrollment("SQ-1").replace("Eighth grade", "Seventh grade"), 200);
                assertThat(queued(atThisSchool)).as("the vouched enrollment taken out: this school's record derived again").isPositive();
            } finally {
                recordLock(hold, "pg_advisory_unlock", atThisSchool);
                recordLock(hold, "pg_advisory_unlock", atTheOther);
            }
        }
        Drain.await();
    }

    private void write(String token, String body, int status) {
        given().auth().oauth2(token).contentType(ContentType.JSON).body(body).post(DATA + "studentSchoolAssociations")
                .then().statusCode(status);
    }

    private String recordKey(String assessment, String student, long edfiSchoolId) {
        return new com.fasterxml.jackson.databind.ObjectMapper().createArrayNode().add(assessmentNs).add(assessment).add(student)
                .add(2022).add(edfiSchoolId).toString();
    }

    /** The deriver's lock of one assessment record (PendingStore.RECORD_LOCK, "kind|key"). */
    private static void recordLock(java.sql.Connection c, String function, String key) throws java.sql.SQLException {
        try (java.sql.PreparedStatement st = c.prepareStatement("select " + function + "(19, hashtext(?))")) {
            st.setString(1, "ASSESSMENT|" + key);
            st.executeQuery().close();
        }
    }

    private long queued(String key) throws java.sql.SQLException {
        try (java.sql.Connection c = dataSource.getConnection();
             java.sql.PreparedStatement st = c.prepareStatement("select count(*) from edfi_derivation_pending where kind = 'ASSESSMENT' "
                     + "and record_key = ?")) {
            st.setString(1, key);
            try (java.sql.ResultSet rs = st.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        }
    }

    /**
     * Review of 2026-12-05 (T27, A1): an SIS's own result without a reported school was placed by every school's
     * enrollments, so its answer told it where else the student was enrolled (403 naming the other Ed-Fi school; 201
     * against 403 when another school's enrollment made the placement ambiguous). Only the enrollments at schools of
     * its scope count now: a student enrolled elsewhere only is refused with the same text as one enrolled nowhere, and
     * an enrollment elsewhere does not stop the SIS's own school from taking its result.
     */
    @Test
    void anSisResultWithoutASchoolIsPlacedByItsOwnSchoolsEnrollmentsOnlyAndTheAnswerNamesNoOtherSchool() {
        mapLevels(Map.of("Met Standard", 3));
        mapSubjects(Map.of("Mathematics", "MATH"));
        long otherEdfi = edfiSchool + 11;
        UUID other = UUID.randomUUID();
        EdFiApiTest.mapSchool(otherEdfi, other);
        String sisB = TestTokens.sis(other);
        post("assessments", assessment("SA-Math-11", "Mathematics"), TestTokens.districtAdmin(), 201);
        post("studentSchoolAssociations", enrollment("SO-1"), sis, 201); // enrolled at this school only
        String nowhere = post("studentAssessments", result("SA-Math-11", "RO-0", "SO-0", "Met Standard", "600", null), sisB, 403)
                .jsonPath().getString("detail");
        String elsewhere = post("studentAssessments", result("SA-Math-11", "RO-1", "SO-1", "Met Standard", "600", null), sisB, 403)
                .jsonPath().getString("detail");
        assertThat(elsewhere).isEqualTo(nowhere).doesNotContain(Long.toString(edfiSchool));
        // enrolled at both schools on the date: the other school's SIS places its own result at its own school
        post("studentSchoolAssociations", enrollment("SO-2"), sis, 201);
        post("studentSchoolAssociations", enrollment("SO-2").replace("\"schoolId\":" + edfiSchool, "\"schoolId\":" + otherEdfi), sisB, 201);
        post("studentAssessments", result("SA-Math-11", "RO-2", "SO-2", "Met Standard", "600", null), sisB, 201);
        // and this school's SIS its own result at this school
        post("studentAssessments", result("SA-Math-11", "RO-3", "SO-2", "Met Standard", "610", null), sis, 201);
        assertThat(lastRow("SO-2").get("schoolId").asText()).isEqualTo(school.toString());
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
     * Since docs/security.md T27 only enrollments a district-wide writer wrote last place it: the SIS's enrollment does
     * not, until the administrator posts it (here unchanged) too.
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
        // this school's SIS enrolls the student: an SIS's enrollment places no school-less result (T27) ...
        Response enrolled = post("studentSchoolAssociations", enrollment("SY-M1"), sis, 201);
        assertThat(FakePerformance.STORED).noneMatch(k -> k.startsWith(school + "|2021-22|SY-M1|"));
        // ... the district's does (here the administrator re-posts it unchanged): derived for the school while it stands
        post("studentSchoolAssociations", enrollment("SY-M1"), admin, 200);
        assertThat(FakePerformance.STORED).anyMatch(k -> k.startsWith(school + "|2021-22|SY-M1|MATH|"));
        // ... but the result stays the district admin's: the SIS does not read it
        given().auth().oauth2(sis).queryParam("studentUniqueId", "SY-M1").get(DATA + "studentAssessments").then().statusCode(200)
                .body("size()", equalTo(0));
        given().auth().oauth2(admin).queryParam("studentUniqueId", "SY-M1").get(DATA + "studentAssessments").then().statusCode(200)
                .body("size()", equalTo(1)).body("[0].reportedSchoolReference", org.hamcrest.Matchers.nullValue());
        // the enrollment goes (the school's SIS deletes it): the record is retracted there; the district enrolls the
        // student at another school: derived for it
        given().auth().oauth2(sis).delete(enrolled.header("Location").replaceFirst("^https?://[^/]+", "")).then().statusCode(204);
        Drain.await();
        assertThat(FakePerformance.STORED).noneMatch(k -> k.startsWith(school + "|2021-22|SY-M1|"));
        String otherEnrollment = enrollment("SY-M1").replace("\"schoolId\":" + edfiSchool, "\"schoolId\":" + otherEdfi);
        post("studentSchoolAssociations", otherEnrollment, admin, 201);
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

    /**
     * docs/security.md T27 (hostile review of 2026-12-05, H2): a district administrator's result without a reported
     * school was placed at each derivation by the student's only enrollment covering its date, whoever wrote it. An SIS
     * of school B that enrolled this school's student at B over the same dates made the placement ambiguous, and this
     * school's record of the result was retracted at its next derivation. Now only enrollments a district-wide writer
     * wrote last place it: this school keeps the record through every derivation, B never receives it.
     */
    @Test
    void anotherSchoolsSisBogusEnrollmentNeitherTakesNorRetractsTheDistrictAdminsSchoollessResult() {
        mapLevels(Map.of("Met Standard", 3, "Advanced", 4));
        mapSubjects(Map.of("Mathematics", "MATH"));
        UUID other = UUID.randomUUID();
        long otherEdfi = edfiSchool + 11;
        EdFiApiTest.mapSchool(otherEdfi, other);
        String sisB = TestTokens.sis(other);
        String admin = TestTokens.districtAdmin();
        post("assessments", assessment("SA-T27", "Mathematics"), admin, 201);
        // the district enrolls the student at this school and posts its result without a school: placed here
        post("studentSchoolAssociations", enrollment("SZ-1"), admin, 201);
        post("studentAssessments", result("SA-T27", "R-T27", "SZ-1", "Met Standard", "610", null), admin, 201);
        String here = school + "|2021-22|SZ-1|MATH|";
        assertThat(FakePerformance.STORED).anyMatch(k -> k.startsWith(here));
        int uploads = FakePerformance.ASSESSMENTS.size();
        int corrections = FakePerformance.CORRECTIONS.size();

        // the other school's SIS enrolls the student at its school over the same dates (a bogus enrollment)
        post("studentSchoolAssociations", enrollment("SZ-1").replace("\"schoolId\":" + edfiSchool, "\"schoolId\":" + otherEdfi), sisB, 201);
        // the administrator's result changes: the record is derived again at every school the student is enrolled at
        post("studentAssessments", result("SA-T27", "R-T27", "SZ-1", "Advanced", "700", null), admin, 200);
        // and so does a mapping change
        mapSubjects(Map.of("Mathematics", "MATH", "Reading", "ELA"));

        assertThat(FakePerformance.STORED).as("this school keeps the record").anyMatch(k -> k.startsWith(here))
                .as("the other school never receives it").noneMatch(k -> k.startsWith(other + "|"));
        assertThat(lastRow("SZ-1").get("performanceLevel").asInt()).isEqualTo(4);
        assertThat(FakePerformance.ASSESSMENTS.subList(uploads, FakePerformance.ASSESSMENTS.size()))
                .as("uploads of the other school's record").noneMatch(u -> u.rows().toString().contains(other.toString()));
        assertThat(FakePerformance.CORRECTIONS.subList(corrections, FakePerformance.CORRECTIONS.size()))
                .as("retractions of this school's record").noneMatch(c -> c.rows().toString().contains(school.toString()));
    }

    /**
     * docs/security.md T27: with no other enrollment of the student, an SIS's bogus enrollment at its school made the
     * district administrator's school-less result that school's record. Now it places the result nowhere (no record is
     * derived: nothing is sent, and nothing is a problem). The enrollment places it once a district-wide writer posts it
     * (an unchanged re-post, or PUT, is enough); an SIS's change of it (its dates could move) takes it out again.
     */
    @Test
    void anSisEnrollmentAlonePlacesTheDistrictAdminsSchoollessResultNowhereUntilTheDistrictPostsIt() {
        mapLevels(Map.of("Met Standard", 3));
        mapSubjects(Map.of("Mathematics", "MATH"));
        UUID other = UUID.randomUUID();
        long otherEdfi = edfiSchool + 13;
        EdFiApiTest.mapSchool(otherEdfi, other);
        String sisB = TestTokens.sis(other);
        String admin = TestTokens.districtAdmin();
        post("assessments", assessment("SA-T27B", "Mathematics"), admin, 201);
        post("studentAssessments", result("SA-T27B", "R-T27B", "SZ-2", "Met Standard", "610", null), admin, 201);
        int uploads = FakePerformance.ASSESSMENTS.size();
        String atB = enrollment("SZ-2").replace("\"schoolId\":" + edfiSchool, "\"schoolId\":" + otherEdfi);

        Response bogus = post("studentSchoolAssociations", atB, sisB, 201);
        assertThat(FakePerformance.STORED).noneMatch(k -> k.contains("|2021-22|SZ-2|"));
        assertThat(FakePerformance.ASSESSMENTS.subList(uploads, FakePerformance.ASSESSMENTS.size()))
                .as("uploads of the student's record").noneMatch(u -> u.rows().toString().contains("\"SZ-2\""));
        given().auth().oauth2(admin).get("/edfi/derivations/status").then().statusCode(200).body("pending", equalTo(0));
        assertThat(given().auth().oauth2(admin).queryParam("limit", 500).get("/edfi/derivations/problems").jsonPath()
                .getList("studentUniqueId")).doesNotContain("SZ-2");
        // the SIS re-posting it unchanged changes nothing
        post("studentSchoolAssociations", atB, sisB, 200);
        assertThat(FakePerformance.STORED).noneMatch(k -> k.contains("|2021-22|SZ-2|"));

        // the district vouches for the same enrollment (an unchanged re-post): now it places the result there
        post("studentSchoolAssociations", atB, admin, 200);
        String atOther = other + "|2021-22|SZ-2|MATH|";
        assertThat(FakePerformance.STORED).anyMatch(k -> k.startsWith(atOther));
        // the SIS re-posts it unchanged: still the district's enrollment
        post("studentSchoolAssociations", atB, sisB, 200);
        assertThat(FakePerformance.STORED).anyMatch(k -> k.startsWith(atOther));
        // the SIS changes it (an upsert on its key): the last writer is no longer district-wide, the record is retracted
        String changed = atB.replace("\"entryDate\":\"2021-08-23\",", "\"entryDate\":\"2021-08-23\",\"exitWithdrawDate\":\"2022-06-20\",");
        post("studentSchoolAssociations", changed, sisB, 200);
        assertThat(FakePerformance.STORED).noneMatch(k -> k.startsWith(atOther));
        // the district PUTs it by id unchanged: placed again; the SIS PUTs it back: retracted; and DELETEs it: nothing
        String path = bogus.header("Location").replaceFirst("^https?://[^/]+", "");
        given().auth().oauth2(admin).contentType(ContentType.JSON).body(changed).put(path).then().statusCode(204);
        Drain.await();
        assertThat(FakePerformance.STORED).anyMatch(k -> k.startsWith(atOther));
        given().auth().oauth2(sisB).contentType(ContentType.JSON).body(atB).put(path).then().statusCode(204);
        Drain.await();
        assertThat(FakePerformance.STORED).noneMatch(k -> k.startsWith(atOther));
        given().auth().oauth2(admin).contentType(ContentType.JSON).body(atB).put(path).then().statusCode(204);
        Drain.await();
        assertThat(FakePerformance.STORED).anyMatch(k -> k.startsWith(atOther));
        given().auth().oauth2(sisB).delete(path).then().statusCode(204);
        Drain.await();
        assertThat(FakePerformance.STORED).noneMatch(k -> k.contains("|2021-22|SZ-2|"));
    }

    /**
     * docs/security.md T27: an SIS whose scope is every school (registered with allSchools) writes for every school, as
     * a district administrator does: its enrollments place school-less results; a token of it narrowed to one school
     * does not.
     */
    @Test
    void anSisOfEverySchoolPlacesTheDistrictAdminsSchoollessResult() {
        mapLevels(Map.of("Met Standard", 3));
        mapSubjects(Map.of("Mathematics", "MATH"));
        String admin = TestTokens.districtAdmin();
        String id = "sis-all-" + UUID.randomUUID().toString().substring(0, 12);
        Map<String, Object> d = new java.util.LinkedHashMap<>();
        d.put("clientId", id);
        d.put("enabled", true);
        d.put("tokenGeneration", 0);
        d.put("roles", List.of("SIS"));
        d.put("schools", List.of());
        d.put("allSchools", true);
        d.put("version", 1);
        d.put("createdAt", java.time.Instant.now().toString());
        d.put("changedAt", java.time.Instant.now().toString());
        org.portfolio.testing.EventsProbe.publish(org.portfolio.platform.events.clients.ClientTopic.NAME,
                org.portfolio.platform.events.clients.ClientTopic.SOURCE, org.portfolio.platform.events.clients.ClientTopic.TYPE, id, d);
        String sisAll = TestTokens.byReference(id, "SIS");
        post("assessments", assessment("SA-T27C", "Mathematics"), admin, 201);
        post("studentAssessments", result("SA-T27C", "R-T27C", "SZ-3", "Met Standard", "610", null), admin, 201);
        String narrowed = TestTokens.token(id, java.util.Set.of("SIS"), List.of(school.toString()), java.time.Duration.ofMinutes(30));
        post("studentSchoolAssociations", enrollment("SZ-3"), narrowed, 201);
        assertThat(FakePerformance.STORED).noneMatch(k -> k.contains("|2021-22|SZ-3|"));
        // once edfi-service has heard of the client (403 until then: no scope), its unchanged re-post vouches for it
        org.awaitility.Awaitility.await().atMost(java.time.Duration.ofSeconds(30)).untilAsserted(() ->
                post("studentSchoolAssociations", enrollment("SZ-3"), sisAll, 200));
        assertThat(FakePerformance.STORED).anyMatch(k -> k.startsWith(school + "|2021-22|SZ-3|MATH|"));
    }

    /**
     * docs/security.md T27, V9: enrollments stored before it count as not written by a district-wide writer (who wrote
     * them is not known; true would keep a bogus one placing), and the migration queues every school-less result's
     * record at each school the student is enrolled at, under the key text the service writes: the record the old rule
     * placed is retracted at once, and placed again once the district posts the enrollment (unchanged) again.
     */
    @Test
    void theMigrationRederivesWhatTheOldRulePlacedAndTheDistrictsRepostPlacesItAgain() throws Exception {
        mapLevels(Map.of("Met Standard", 3));
        mapSubjects(Map.of("Mathematics", "MATH"));
        String admin = TestTokens.districtAdmin();
        String student = "SM-" + UUID.randomUUID().toString().substring(0, 8);
        // an identifier whose JSON needs escapes: the migration's key text must be the one RecordKeys writes
        String identifierJson = "SA-V9 \\\"q\\\" \\\\ \u00e9/x";
        String identifier = new com.fasterxml.jackson.databind.ObjectMapper().readValue("\"" + identifierJson + "\"", String.class);
        post("assessments", assessment(identifierJson, "Mathematics"), admin, 201);
        post("studentSchoolAssociations", enrollment(student), admin, 201);
        post("studentAssessments", result(identifierJson, "R-V9", student, "Met Standard", "610", null), admin, 201);
        String here = school + "|2021-22|" + student + "|MATH|";
        assertThat(FakePerformance.STORED).anyMatch(k -> k.startsWith(here));

        // as V9 finds an enrollment stored before it: not a district-wide writer's
        String sql = new String(getClass().getClassLoader().getResourceAsStream("db/migration/V9__edfi_district_wide_writer.sql")
                .readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
        String queue = sql.substring(sql.indexOf("insert into edfi_derivation_pending"), sql.lastIndexOf(';'));
        List<String> keys = new java.util.ArrayList<>();
        try (java.sql.Connection c = dataSource.getConnection()) {
            c.setAutoCommit(false);
            try (java.sql.PreparedStatement st = c.prepareStatement("update edfi_resource set district_wide_writer = false "
                    + "where resource = 'studentSchoolAssociations' and student_unique_id = ?")) {
                st.setString(1, student);
                assertThat(st.executeUpdate()).isEqualTo(1);
            }
            try (java.sql.Statement st = c.createStatement()) {
                st.executeUpdate(queue);
            }
            // only this test's student: the other tests' results are left alone
            try (java.sql.PreparedStatement st = c.prepareStatement("delete from edfi_derivation_pending where client_id = 'migration V9' "
                    + "and record_key::jsonb ->> 2 <> ?")) {
                st.setString(1, student);
                st.executeUpdate();
            }
            try (java.sql.PreparedStatement st = c.prepareStatement("select record_key, edfi_school_id from edfi_derivation_pending "
                    + "where client_id = 'migration V9'")) {
                try (java.sql.ResultSet rs = st.executeQuery()) {
                    while (rs.next()) {
                        keys.add(rs.getString(1));
                        assertThat(rs.getLong(2)).isEqualTo(edfiSchool);
                    }
                }
            }
            c.commit();
        }
        com.fasterxml.jackson.databind.ObjectMapper json = new com.fasterxml.jackson.databind.ObjectMapper();
        assertThat(keys).containsExactly(json.createArrayNode().add(assessmentNs).add(identifier).add(student).add(2022)
                .add(edfiSchool).toString());
        Drain.await();
        assertThat(FakePerformance.STORED).as("retracted: no district-wide writer's enrollment places it").noneMatch(k -> k.startsWith(here));

        post("studentSchoolAssociations", enrollment(student), admin, 200);
        assertThat(FakePerformance.STORED).as("the district re-posted its enrollment").anyMatch(k -> k.startsWith(here));
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
