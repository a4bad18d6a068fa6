package org.portfolio.performance;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import org.junit.jupiter.api.Test;
import org.portfolio.testing.TestTokens;

import java.io.IOException;
import java.io.InputStream;
import java.io.PipedInputStream;
import java.io.PipedOutputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.notNullValue;
import static org.portfolio.performance.Fixtures.assessment;
import static org.portfolio.performance.Fixtures.postCsv;
import static org.portfolio.performance.Fixtures.postJson;

/** SIS uploads on the real database: mixed good and bad rows, idempotency, size limits, progress. */
@QuarkusTest
class IngestionTest {

    @Test
    void aJsonUploadKeepsTheGoodRowsAndNamesRowFieldAndMessageOfEachBadOne() {
        Fixtures.School s = Fixtures.school();
        String p = "J" + UUID.randomUUID().toString().substring(0, 6) + "-";
        List<Object> rows = new ArrayList<>();
        rows.add(assessment(s.id(), p + "1", "ELA", 3, 40));                       // row 1 ok
        Map<String, Object> badLevel = assessment(s.id(), p + "2", "ELA", 9, null); // row 2: level out of range
        rows.add(badLevel);
        Map<String, Object> noStudent = assessment(s.id(), p + "3", "MATH", 2, null);
        noStudent.remove("studentId");                                                // row 3: missing student
        rows.add(noStudent);
        Map<String, Object> badYear = assessment(s.id(), p + "4", "MATH", 2, null);
        badYear.put("schoolYear", "2026-28");                                       // row 4: not consecutive years
        rows.add(badYear);
        Map<String, Object> unknownSchool = assessment(UUID.randomUUID(), p + "5", "ELA", 3, null);
        rows.add(unknownSchool);                                                      // row 5: unknown school
        rows.add("not an object");                                                    // row 6
        Map<String, Object> byCode = assessment(s.id(), p + "7", "math", 4, 77);
        byCode.remove("schoolId");
        byCode.put("districtCode", s.districtCode());                                 // row 7 ok, by district code
        rows.add(byCode);
        Map<String, Object> typo = assessment(s.id(), p + "8", "ELA", 3, null);
        typo.put("perfLevel", 3);                                                     // row 8: unknown field
        rows.add(typo);

        Fixtures.postRowsTheDocumentForbids("assessments", TestTokens.districtAdmin(), rows).statusCode(201)
                .header("Location", containsString("/api/performance/ingest/jobs/"))
                .body("status", equalTo("COMPLETED"))
                .body("rowsReceived", equalTo(8))
                .body("rowsAccepted", equalTo(2))
                .body("rowsRejected", equalTo(6))
                .body("rowsInserted", equalTo(2))
                .body("errors.find { it.row == 2 }.field", equalTo("performanceLevel"))
                .body("errors.find { it.row == 2 }.message", equalTo("must be between 1 and 5"))
                .body("errors.find { it.row == 3 }.field", equalTo("studentId"))
                .body("errors.find { it.row == 4 }.field", equalTo("schoolYear"))
                .body("errors.find { it.row == 5 }.message", equalTo("no registered school has this id"))
                .body("errors.find { it.row == 6 }.message", equalTo("must be a JSON object"))
                .body("errors.find { it.row == 8 }.field", equalTo("perfLevel"));

        // the good rows are stored (and the subject was normalised)
        given().auth().oauth2(TestTokens.districtAdmin())
                .queryParam("schoolId", s.id()).queryParam("schoolYear", Fixtures.YEAR)
                .get("/api/performance/student-records/assessments").then().statusCode(200)
                .body("total", equalTo(2))
                .body("items.studentId", hasItem(p + "7"))
                .body("items.find { it.studentId == '" + p + "7' }.subject", equalTo("MATH"))
                .body("items.find { it.studentId == '" + p + "7' }.growthPercentile", equalTo(77));
    }

    @Test
    void aCsvUploadKeepsTheGoodRowsAndReportsTheBadOnes() {
        Fixtures.School s = Fixtures.school();
        String p = "C" + UUID.randomUUID().toString().substring(0, 6) + "-";
        String csv = "school_id,School_Year,student_id,subject,test_code,grade_level,performance_level,scale_score,growth_percentile\n"
                + s.id() + ",2026-27," + p + "1,ELA,STATE,7,4,2510,61\n"          // 1 ok
                + s.id() + ",2026-27," + p + "2,ELA,STATE,13,4,,\n"               // 2 bad grade
                + s.id() + ",2026-27," + p + "3,ELA,STATE,7,three,,\n"            // 3 level not a number
                + s.id() + ",2026-27," + p + "4,ELA,STATE,7,3,,100\n"             // 4 growth percentile out of range
                + s.id() + ",2026-27," + p + "5,ELA,STATE,7,3,,,extra\n"          // 5 too many columns
                + "\n"
                + s.id() + ",2026-27,\"" + p + "6\",MATH,STATE,K,2,,\n";          // 6 ok (blank line skipped)
        postCsv("assessments", TestTokens.districtAdmin(), csv).statusCode(201)
                .body("format", equalTo("CSV"))
                .body("rowsReceived", equalTo(6))
                .body("rowsAccepted", equalTo(2))
                .body("rowsRejected", equalTo(4))
                .body("errors.find { it.row == 2 }.field", equalTo("gradeLevel"))
                .body("errors.find { it.row == 3 }.field", equalTo("performanceLevel"))
                .body("errors.find { it.row == 3 }.message", equalTo("must be a whole number"))
                .body("errors.find { it.row == 4 }.field", equalTo("growthPercentile"))
                .body("errors.find { it.row == 5 }.message", equalTo("has 10 columns; the header has 9"));
        given().auth().oauth2(TestTokens.districtAdmin())
                .queryParam("schoolId", s.id()).queryParam("schoolYear", Fixtures.YEAR)
                .get("/api/performance/student-records/assessments").then().statusCode(200)
                .body("total", equalTo(2));
    }

    /**
     * Eleventh pass: a generated client types an operation's body from its first media type, so the uploads' CSV could
     * not be sent through one. Each upload has a CSV-only operation too, the same upload with the same answer; it
     * takes nothing but CSV, and a school-scoped SIS still posts only for its schools.
     */
    @Test
    void eachUploadHasACsvOnlyOperationThatAGeneratedClientCanSendAStringTo() {
        Fixtures.School s = Fixtures.school();
        String p = "V" + UUID.randomUUID().toString().substring(0, 6) + "-";
        postCsv("assessments/csv", TestTokens.districtAdmin(), "schoolId,schoolYear,studentId,subject,testCode,performanceLevel\n"
                + s.id() + "," + Fixtures.YEAR + "," + p + "1,ELA,STATE,4\n" + s.id() + "," + Fixtures.YEAR + "," + p + "2,ELA,STATE,five\n")
                .statusCode(201).body("kind", equalTo("ASSESSMENTS")).body("format", equalTo("CSV"))
                .body("rowsAccepted", equalTo(1)).body("errors[0].field", equalTo("performanceLevel"));
        postCsv("attendance/csv", TestTokens.districtAdmin(), "schoolId,schoolYear,studentId,daysEnrolled,daysAbsent\n"
                + s.id() + "," + Fixtures.YEAR + "," + p + "1,180,20\n")
                .statusCode(201).body("kind", equalTo("ATTENDANCE")).body("rowsAccepted", equalTo(1));
        postCsv("school-metrics/csv", TestTokens.sis(s.id()), "schoolId,schoolYear,metricCode,value,n\n"
                + s.id() + "," + Fixtures.YEAR + ",GRADUATION_RATE,91.5,140\n"
                + UUID.randomUUID() + "," + Fixtures.YEAR + ",GRADUATION_RATE,50,140\n")
                .statusCode(201).body("kind", equalTo("SCHOOL_METRICS")).body("rowsAccepted", equalTo(1))
                .body("errors[0].row", equalTo(2));
        given().auth().oauth2(TestTokens.districtAdmin()).queryParam("schoolId", s.id()).queryParam("schoolYear", Fixtures.YEAR)
                .get("/api/performance/student-records/assessments").then().statusCode(200).body("total", equalTo(1));
        // only CSV: JSON rows belong to the operation without /csv
        given().auth().oauth2(TestTokens.districtAdmin()).contentType("application/json").body("[]")
                .post("/api/performance/ingest/attendance/csv").then().statusCode(415)
                .contentType("application/problem+json");
        given().auth().oauth2(TestTokens.oversight()).contentType("text/csv").body("schoolId\n")
                .post("/api/performance/ingest/attendance/csv").then().statusCode(403);
    }

    @Test
    void attendanceAndSchoolLevelRowsAreValidatedToo() {
        Fixtures.School s = Fixtures.school();
        String p = "A" + UUID.randomUUID().toString().substring(0, 6) + "-";
        Fixtures.postRowsTheDocumentForbids("attendance", TestTokens.districtAdmin(), List.of(
                Fixtures.attendance(s.id(), p + "1", 170, 12.5),
                Fixtures.attendance(s.id(), p + "2", 170, 171),
                Fixtures.attendance(s.id(), p + "3", 170, 0.25),
                // a tenth of a day: the row schema's multipleOf 0.5 and a correction refuse it; the upload took it
                Fixtures.attendance(s.id(), p + "4", 180.3, 2))).statusCode(201)
                .body("rowsAccepted", equalTo(1))
                .body("errors.find { it.row == 2 }.message", equalTo("must not exceed daysEnrolled"))
                .body("errors.find { it.row == 3 }.message", equalTo("must be a whole or half day"))
                .body("errors.find { it.row == 4 }.field", equalTo("daysEnrolled"))
                .body("errors.find { it.row == 4 }.message", equalTo("must be a whole or half day"));
        Fixtures.postCsv("attendance", TestTokens.districtAdmin(), "schoolId,schoolYear,studentId,daysEnrolled,daysAbsent\n"
                + s.id() + "," + Fixtures.YEAR + "," + p + "5,180.3,2\n" + s.id() + "," + Fixtures.YEAR + "," + p + "6,180.5,2.0\n")
                .statusCode(201).body("rowsAccepted", equalTo(1))
                .body("errors[0].row", equalTo(1)).body("errors[0].message", equalTo("must be a whole or half day"));

        postJson("school-metrics", TestTokens.districtAdmin(), List.of(
                Fixtures.value(s.id(), "GRADUATION_RATE", 88.5, 120),
                Fixtures.value(s.id(), "ELA_PROFICIENCY", 50, 100),
                Fixtures.value(s.id(), "NO_SUCH_METRIC", 1, null),
                Fixtures.value(s.id(), "GRADUATION_RATE", 130, null),
                Fixtures.value(s.id(), "TEACHER_VACANCIES", 1.5, null))).statusCode(201)
                .body("rowsAccepted", equalTo(1))
                .body("errors.find { it.row == 2 }.message", containsString("post the student-level records instead"))
                .body("errors.find { it.row == 3 }.message", equalTo("unknown metric"))
                .body("errors.find { it.row == 4 }.message", containsString("must be between 0 and 100"))
                .body("errors.find { it.row == 5 }.message", containsString("whole number"));
    }

    @Test
    void aMalformedBodyIs400AndKeepsNothing() {
        Fixtures.School s = Fixtures.school();
        String good = "{\"schoolId\":\"" + s.id() + "\",\"schoolYear\":\"2026-27\",\"studentId\":\"M1\",\"subject\":\"ELA\","
                + "\"testCode\":\"STATE\",\"performanceLevel\":3}";
        given().auth().oauth2(TestTokens.districtAdmin()).contentType("application/json").body("[" + good + ", {\"schoolId\": ")
                .post("/api/performance/ingest/assessments").then().statusCode(400)
                .contentType("application/problem+json")
                .body("type", equalTo("urn:portfolio:problem:malformed-body"))
                .body("detail", containsString("nothing was kept"));
        postCsv("assessments", TestTokens.districtAdmin(), "schoolId,year,studentId\n1,2,3\n").statusCode(400)
                .body("detail", containsString("Unknown CSV column(s) [year]"));
        given().auth().oauth2(TestTokens.districtAdmin()).contentType("application/json").body("42")
                .post("/api/performance/ingest/assessments").then().statusCode(400)
                .body("detail", containsString("JSON array"));
        given().auth().oauth2(TestTokens.districtAdmin())
                .queryParam("schoolId", s.id()).queryParam("schoolYear", Fixtures.YEAR)
                .get("/api/performance/student-records/assessments").then().statusCode(200).body("total", equalTo(0));
        // the failed upload is a FAILED job with its reason
        given().auth().oauth2(TestTokens.districtAdmin()).queryParam("status", "FAILED")
                .get("/api/performance/ingest/jobs").then().statusCode(200)
                .body("items.failure", hasItem(containsString("Unknown CSV column(s) [year]")));
        given().auth().oauth2(TestTokens.districtAdmin()).contentType("text/plain").body("hello")
                .post("/api/performance/ingest/assessments").then().statusCode(415)
                .contentType("application/problem+json");
    }

    @Test
    void aParseErrorDoesNotRepeatThePieceOfTheBodyItChokedOn() {
        // an unquoted student id: the parser's own message would quote it
        given().auth().oauth2(TestTokens.districtAdmin()).contentType("application/json")
                .body("[{\"studentId\": RV202PRIVATE007}]")
                .post("/api/performance/ingest/assessments").then().statusCode(400)
                .contentType("application/problem+json")
                .body("type", equalTo("urn:portfolio:problem:malformed-body"))
                .body("detail", containsString("Unrecognized token"))
                .body("detail", not(containsString("PRIVATE")));
        given().auth().oauth2(TestTokens.districtAdmin()).queryParam("status", "FAILED")
                .get("/api/performance/ingest/jobs").then().statusCode(200)
                .body("items.failure", hasItem(containsString("Unrecognized token")))
                .body("items.failure", not(hasItem(containsString("PRIVATE"))));
    }

    @Test
    void rePostingTheSameDataChangesNothingAndPublishesNothing() {
        Fixtures.School s = Fixtures.school();
        String p = "R" + UUID.randomUUID().toString().substring(0, 6) + "-";
        var values = List.of(Fixtures.value(s.id(), "DAYS_CASH_ON_HAND", 45, null),
                Fixtures.value(s.id(), "ENROLLMENT_VS_PROJECTION", 0.97, null),
                Fixtures.value(s.id(), "TEACHER_VACANCIES", 1, null));
        postJson("school-metrics", TestTokens.districtAdmin(), values).statusCode(201)
                .body("rowsInserted", equalTo(3)).body("metricResultsChanged", equalTo(3))
                .body("ratingsChanged", equalTo(1)); // recorded, but 24% coverage is too little to rate: no event
        List<Map<String, Object>> rows = new ArrayList<>(Fixtures.students(s.id(), p, "ELA", 12, 6));
        rows.addAll(Fixtures.students(s.id(), p, "MATH", 12, 3));
        postJson("assessments", TestTokens.districtAdmin(), rows).statusCode(201)
                .body("rowsInserted", equalTo(24)).body("metricResultsChanged", equalTo(2))
                .body("ratingsChanged", equalTo(1));
        Fixtures.awaitMetric(s.id(), "ELA_PROFICIENCY", e -> e.data().get("value").asDouble() == 50.0);
        Fixtures.awaitEvent(s.id(), Fixtures.RATING_PUBLISHED, e -> true);

        postJson("assessments", TestTokens.districtAdmin(), rows).statusCode(201)
                .body("rowsInserted", equalTo(0)).body("rowsUpdated", equalTo(0)).body("rowsUnchanged", equalTo(24))
                .body("schoolsAffected", equalTo(0)).body("metricResultsChanged", equalTo(0))
                .body("ratingsChanged", equalTo(0));
        String csv = "schoolId,schoolYear,studentId,subject,testCode,gradeLevel,performanceLevel\n"
                + String.join("\n", rows.stream().map(r -> r.get("schoolId") + ",2026-27," + r.get("studentId")
                + "," + r.get("subject") + ",STATE,7," + r.get("performanceLevel")).toList());
        postCsv("assessments", TestTokens.districtAdmin(), csv).statusCode(201)
                .body("rowsUnchanged", equalTo(24)).body("metricResultsChanged", equalTo(0));
        postJson("school-metrics", TestTokens.districtAdmin(), values).statusCode(201)
                .body("rowsUnchanged", equalTo(3)).body("metricResultsChanged", equalTo(0))
                .body("ratingsChanged", equalTo(0));

        Fixtures.marker(s.id());
        assertThat(Fixtures.count(s.id(), Fixtures.METRIC_RECORDED, "ELA_PROFICIENCY")).isEqualTo(1);
        assertThat(Fixtures.count(s.id(), Fixtures.METRIC_RECORDED, "DAYS_CASH_ON_HAND")).isEqualTo(1);
        assertThat(Fixtures.count(s.id(), Fixtures.RATING_PUBLISHED, null)).isEqualTo(1);
    }

    @Test
    void anIdempotencyKeyReplaysTheFirstAnswerAndRefusesADifferentBody() {
        Fixtures.School s = Fixtures.school();
        String key = "upload-" + UUID.randomUUID();
        // row 2 is rejected for a reason the document cannot say (a school nobody registered): the request conforms
        var rows = List.of(assessment(s.id(), "I-1", "ELA", 3, null), assessment(UUID.randomUUID(), "I-2", "ELA", 3, null));
        Response first = given().auth().oauth2(TestTokens.districtAdmin()).header("Idempotency-Key", key)
                .contentType("application/json").body(rows).post("/api/performance/ingest/assessments");
        first.then().statusCode(201).body("rowsAccepted", equalTo(1)).body("errors", hasSize(1));
        String jobId = first.path("id");

        given().auth().oauth2(TestTokens.districtAdmin()).header("Idempotency-Key", key)
                .contentType("application/json").body(rows).post("/api/performance/ingest/assessments")
                .then().statusCode(201)
                .header("Idempotent-Replayed", "true")
                .header("Location", first.header("Location"))
                .body("id", equalTo(jobId))
                .body("rowsAccepted", equalTo(1))
                .body("errors[0].row", equalTo(2));
        // only one job ran
        given().auth().oauth2(TestTokens.districtAdmin()).queryParam("idempotencyKey", key)
                .get("/api/performance/ingest/jobs").then().body("total", equalTo(1));

        given().auth().oauth2(TestTokens.districtAdmin()).header("Idempotency-Key", key)
                .contentType("application/json").body(List.of(assessment(s.id(), "I-3", "ELA", 3, null)))
                .post("/api/performance/ingest/assessments").then().statusCode(422)
                .body("type", equalTo("urn:portfolio:problem:idempotency-key-reused"));
        // keys belong to their client: another client's same key is a new request
        String otherSis = TestTokens.token("sis-other-" + UUID.randomUUID(), java.util.Set.of("SIS"),
                List.of(s.id().toString()), Duration.ofMinutes(5));
        given().auth().oauth2(otherSis).header("Idempotency-Key", key)
                .contentType("application/json").body(rows).post("/api/performance/ingest/assessments")
                .then().statusCode(201).header("Idempotent-Replayed", org.hamcrest.Matchers.nullValue())
                .body("rowsUnchanged", equalTo(1));
        given().auth().oauth2(TestTokens.districtAdmin()).header("Idempotency-Key", "bad key with spaces")
                .contentType("application/json").body(rows).post("/api/performance/ingest/assessments")
                .then().statusCode(400).body("errors[0].field", equalTo("Idempotency-Key"));
    }

    @Test
    void anUploadOverTheLimitIs413ProblemJson() throws Exception {
        // the test profile limits uploads to 2 MB. The body is an array padded with blanks: a body of rows that are
        // all wrong would be stopped after its first 1,000 rows (422 upload-rows-rejected) before reaching the limit
        byte[] big = ("[" + " ".repeat(2_200_000) + "]").getBytes(StandardCharsets.UTF_8);
        assertThat(big.length).isGreaterThan(2 * 1024 * 1024);
        given().auth().oauth2(TestTokens.districtAdmin()).contentType("application/json").body(big)
                .post("/api/performance/ingest/assessments").then().statusCode(413)
                .contentType("application/problem+json")
                .body("type", equalTo("urn:portfolio:problem:payload-too-large"))
                .body("detail", containsString("2097152 bytes"));

        // without Content-Length (chunked) the limit stops the stream while it is read. HTTP/1.1 as chunked bodies are:
        // the JDK client's default (HTTP/2, upgraded on the connection) once got a GOAWAY instead of the 413 in a build
        HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
        HttpRequest chunked = HttpRequest.newBuilder(URI.create(baseUrl() + "/api/performance/ingest/assessments"))
                .header("Authorization", "Bearer " + TestTokens.districtAdmin())
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofInputStream(() -> new java.io.ByteArrayInputStream(big))).build();
        HttpResponse<String> r = client.send(chunked, HttpResponse.BodyHandlers.ofString());
        assertThat(r.statusCode()).isEqualTo(413);
        assertThat(r.headers().firstValue("Content-Type")).hasValueSatisfying(t -> assertThat(t).startsWith("application/problem+json"));
        assertThat(r.body()).contains("urn:portfolio:problem:payload-too-large");

        // ordinary JSON endpoints are limited to 1 MB
        // two strings, each shorter than the parser's 1,000,000-character limit for one string (JsonLimits): the body
        // as a whole is what is too large
        byte[] bigJson = ("{\"name\":\"" + "x".repeat(600_000) + "\",\"description\":\"" + "x".repeat(600_000) + "\"}")
                .getBytes(StandardCharsets.UTF_8);
        given().auth().oauth2(TestTokens.districtAdmin()).contentType("application/json").body(bigJson)
                .post("/api/performance/frameworks").then().statusCode(413)
                .contentType("application/problem+json");
        HttpRequest chunkedJson = HttpRequest.newBuilder(URI.create(baseUrl() + "/api/performance/frameworks"))
                .header("Authorization", "Bearer " + TestTokens.districtAdmin())
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofInputStream(() -> new java.io.ByteArrayInputStream(bigJson))).build();
        HttpResponse<String> r2 = client.send(chunkedJson, HttpResponse.BodyHandlers.ofString());
        assertThat(r2.statusCode()).as(r2.body()).isEqualTo(413);
        assertThat(r2.body()).contains("urn:portfolio:problem:payload-too-large");
    }

    /**
     * The CSV-only uploads (eleventh pass) are the same doors: over the limit, with a length or chunked, a 413
     * problem+json while the body is read. A header, then blank lines (skipped, so no row error stops it first).
     */
    @Test
    void aCsvOnlyUploadOverTheLimitIs413ProblemJson() throws Exception {
        HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
        for (String[] kind : new String[][] {{"school-metrics", "schoolId,schoolYear,metricCode,value,n"},
                {"assessments", "schoolId,schoolYear,studentId,subject,testCode,gradeLevel,performanceLevel"},
                {"attendance", "schoolId,schoolYear,studentId,gradeLevel,daysEnrolled,daysAbsent"}}) {
            byte[] big = (kind[1] + "\r\n" + "\r\n".repeat(1_100_000)).getBytes(StandardCharsets.UTF_8);
            assertThat(big.length).isGreaterThan(2 * 1024 * 1024);
            String path = "/api/performance/ingest/" + kind[0] + "/csv";
            given().auth().oauth2(TestTokens.districtAdmin()).contentType("text/csv").body(big).post(path)
                    .then().statusCode(413).contentType("application/problem+json")
                    .body("type", equalTo("urn:portfolio:problem:payload-too-large"));
            HttpRequest chunked = HttpRequest.newBuilder(URI.create(baseUrl() + path))
                    .header("Authorization", "Bearer " + TestTokens.districtAdmin())
                    .header("Content-Type", "text/csv")
                    .POST(HttpRequest.BodyPublishers.ofInputStream(() -> new java.io.ByteArrayInputStream(big))).build();
            HttpResponse<String> r = client.send(chunked, HttpResponse.BodyHandlers.ofString());
            assertThat(r.statusCode()).as(path + ": " + r.body()).isEqualTo(413);
            assertThat(r.body()).contains("urn:portfolio:problem:payload-too-large");
        }
    }

    @Test
    void aRunningUploadShowsItsProgressOnItsJob() throws Exception {
        Fixtures.School s = Fixtures.school();
        String key = "progress-" + UUID.randomUUID();
        PipedOutputStream sink = new PipedOutputStream();
        PipedInputStream source = new PipedInputStream(sink, 1 << 16);
        HttpRequest request = HttpRequest.newBuilder(URI.create(baseUrl() + "/api/performance/ingest/assessments"))
                .header("Authorization", "Bearer " + TestTokens.districtAdmin())
                .header("Content-Type", "text/csv")
                .header("Idempotency-Key", key)
                .POST(HttpRequest.BodyPublishers.ofInputStream(() -> source)).build();
        CompletableFuture<HttpResponse<String>> response = HttpClient.newHttpClient()
                .sendAsync(request, HttpResponse.BodyHandlers.ofString());
        StringBuilder first = new StringBuilder("schoolId,schoolYear,studentId,subject,testCode,performanceLevel\n");
        for (int i = 0; i < 5000; i++) {
            first.append(s.id()).append(",2026-27,P").append(i).append(",ELA,STATE,").append(1 + i % 5).append('\n');
        }
        sink.write(first.toString().getBytes(StandardCharsets.UTF_8));
        sink.flush();

        // while the client still holds the body open, the job is RUNNING and shows the rows read so far
        await().atMost(Duration.ofSeconds(20)).untilAsserted(() ->
                given().auth().oauth2(TestTokens.districtAdmin()).queryParam("idempotencyKey", key)
                        .get("/api/performance/ingest/jobs").then().statusCode(200)
                        .body("items[0].status", equalTo("RUNNING"))
                        .body("items[0].phase", equalTo("RECEIVING"))
                        .body("items[0].rowsReceived", org.hamcrest.Matchers.greaterThanOrEqualTo(1024)));
        // a retry with the same key while the first runs is refused
        given().auth().oauth2(TestTokens.districtAdmin()).header("Idempotency-Key", key).contentType("text/csv")
                .body("schoolId\n").post("/api/performance/ingest/assessments").then().statusCode(409)
                .body("type", equalTo("urn:portfolio:problem:idempotency-key-in-use"));

        sink.write((s.id() + ",2026-27,LAST,ELA,STATE,3\n").getBytes(StandardCharsets.UTF_8));
        sink.close();
        HttpResponse<String> done = response.get(60, java.util.concurrent.TimeUnit.SECONDS);
        assertThat(done.statusCode()).isEqualTo(201);
        assertThat(done.body()).contains("\"rowsAccepted\":5001").contains("\"status\":\"COMPLETED\"");
        String jobId = io.restassured.path.json.JsonPath.from(done.body()).getString("id");
        given().auth().oauth2(TestTokens.districtAdmin()).get("/api/performance/ingest/jobs/" + jobId).then()
                .statusCode(200).body("status", equalTo("COMPLETED")).body("phase", equalTo("DONE"))
                .body("durationMs", notNullValue());
    }

    /**
     * Outside check of the twenty-second pass (H4): each upload holds a database connection while its body arrives,
     * and one client's 64 at once took the pool (50): other callers' reads got 503 and the outbox relay no connection.
     * An instance takes at most {@code ingestion.max-concurrent} uploads (3 in tests); one more is a 503 with
     * Retry-After before its body is read, reads go on meanwhile, and once one ends the next is taken. (Three clients:
     * one may have only two under way.)
     */
    @Test
    void uploadsPastTheInstancesBoundAreRefusedWith503BeforeTheirBody() throws Exception {
        Fixtures.School s = Fixtures.school();
        String run = UUID.randomUUID().toString();
        List<HeldUpload> held = new java.util.ArrayList<>();
        for (int i = 0; i < 3; i++) {
            held.add(HeldUpload.start(admin("uploader-" + i + "-" + run), "held-" + i + "-" + run, s));
        }
        for (HeldUpload h : held) {
            h.awaitRunning();
        }
        given().auth().oauth2(admin("fourth-" + run)).contentType("text/csv")
                .body("schoolId,schoolYear,studentId,subject,testCode,performanceLevel\n" + s.id() + ",2026-27,X,ELA,STATE,3\n")
                .post("/api/performance/ingest/assessments").then().statusCode(503)
                .header("Retry-After", "5").body("type", equalTo("urn:portfolio:problem:service-unavailable"))
                .body("detail", containsString("uploads at once"));
        given().auth().oauth2(TestTokens.districtAdmin()).get("/api/performance/ingest/jobs").then().statusCode(200);

        for (HeldUpload h : held) {
            assertThat(h.finish()).isEqualTo(201);
        }
        given().auth().oauth2(admin("fourth-" + run)).contentType("text/csv")
                .body("schoolId,schoolYear,studentId,subject,testCode,performanceLevel\n" + s.id() + ",2026-27,X,ELA,STATE,3\n")
                .post("/api/performance/ingest/assessments").then().statusCode(201);
    }

    /**
     * Hostile read of the twenty-second pass (M8): the bound was the instance's alone, so one client's uploads could
     * take every place and leave other SIS systems none. A client has at most {@code max-concurrent-per-client} under
     * way (2 in tests): its third is a 503 naming it, while another client's upload is still taken.
     */
    @Test
    void oneClientHasAtMostItsShareOfTheUploadsUnderWay() throws Exception {
        Fixtures.School s = Fixtures.school();
        String run = UUID.randomUUID().toString();
        String greedy = "greedy-" + run;
        List<HeldUpload> held = new java.util.ArrayList<>();
        for (int i = 0; i < 2; i++) {
            held.add(HeldUpload.start(admin(greedy), "greedy-" + i + "-" + run, s));
        }
        for (HeldUpload h : held) {
            h.awaitRunning();
        }
        String oneRow = "schoolId,schoolYear,studentId,subject,testCode,performanceLevel\n" + s.id() + ",2026-27,Y,ELA,STATE,3\n";
        given().auth().oauth2(admin(greedy)).contentType("text/csv").body(oneRow)
                .post("/api/performance/ingest/assessments").then().statusCode(503)
                .header("Retry-After", "5").body("type", equalTo("urn:portfolio:problem:service-unavailable"))
                .body("detail", containsString(greedy)).body("detail", containsString("the most one client may"));
        given().auth().oauth2(admin("modest-" + run)).contentType("text/csv").body(oneRow)
                .post("/api/performance/ingest/assessments").then().statusCode(201);

        for (HeldUpload h : held) {
            assertThat(h.finish()).isEqualTo(201);
        }
        given().auth().oauth2(admin(greedy)).contentType("text/csv").body(oneRow)
                .post("/api/performance/ingest/assessments").then().statusCode(201);
    }

    private static String admin(String client) {
        return TestTokens.token(client, java.util.Set.of("DISTRICT_ADMIN"), List.of(), Duration.ofMinutes(30));
    }

    /** An upload whose body keeps coming until {@link #finish()}: it holds its place while the test runs. */
    private record HeldUpload(PipedOutputStream sink, CompletableFuture<HttpResponse<String>> answer, String key) {

        static HeldUpload start(String token, String key, Fixtures.School s) throws Exception {
            PipedOutputStream sink = new PipedOutputStream();
            PipedInputStream source = new PipedInputStream(sink, 1 << 16);
            HttpRequest request = HttpRequest.newBuilder(URI.create(baseUrl() + "/api/performance/ingest/assessments"))
                    .header("Authorization", "Bearer " + token).header("Content-Type", "text/csv")
                    .header("Idempotency-Key", key)
                    .POST(HttpRequest.BodyPublishers.ofInputStream(() -> source)).build();
            CompletableFuture<HttpResponse<String>> answer = HttpClient.newHttpClient().sendAsync(request, HttpResponse.BodyHandlers.ofString());
            StringBuilder first = new StringBuilder("schoolId,schoolYear,studentId,subject,testCode,performanceLevel\n");
            for (int r = 0; r < 2000; r++) {
                first.append(s.id()).append(",2026-27,").append(key).append('-').append(r).append(",ELA,STATE,3\n");
            }
            sink.write(first.toString().getBytes(StandardCharsets.UTF_8));
            sink.flush();
            return new HeldUpload(sink, answer, key);
        }

        void awaitRunning() {
            await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> given().auth().oauth2(TestTokens.districtAdmin())
                    .queryParam("idempotencyKey", key).get("/api/performance/ingest/jobs").then().statusCode(200)
                    .body("items[0].status", equalTo("RUNNING")));
        }

        int finish() throws Exception {
            sink.close();
            return answer.get(60, java.util.concurrent.TimeUnit.SECONDS).statusCode();
        }
    }

    static String baseUrl() {
        return "http://localhost:" + io.restassured.RestAssured.port;
    }

}
