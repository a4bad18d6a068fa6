package org.portfolio.performance;

import com.sun.management.OperatingSystemMXBean;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import org.assertj.core.api.SoftAssertions;
import org.junit.jupiter.api.Test;
import org.portfolio.testing.TestTokens;

import java.lang.management.ManagementFactory;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.not;

/**
 * Hostile input that costs nothing to send: decimals whose exponent makes arithmetic explode, and a CSV without
 * its header row whose first line is a student's record (issue 13, points 1 and the code review).
 */
@QuarkusTest
class HostileInputTest {

    private static final Duration ANSWER_WITHIN = Duration.ofSeconds(30);

    /** The CPU time of this whole process (the service runs in it): what one request cost, roughly. */
    static long cpuNanos() {
        return ((OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean()).getProcessCpuTime();
    }

    record Answer(int status, String body, long cpuMillis, long wallMillis) {
        JsonPath json() {
            return JsonPath.from(body);
        }
    }

    static Answer post(String path, String contentType, String body) throws Exception {
        HttpRequest request = HttpRequest.newBuilder(URI.create(IngestionTest.baseUrl() + path))
                .header("Authorization", "Bearer " + TestTokens.districtAdmin())
                .header("Content-Type", contentType)
                .timeout(ANSWER_WITHIN)
                .POST(HttpRequest.BodyPublishers.ofString(body)).build();
        long cpu = cpuNanos();
        long wall = System.nanoTime();
        try {
            HttpResponse<String> r = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build().send(request, HttpResponse.BodyHandlers.ofString());
            return new Answer(r.statusCode(), r.body(), (cpuNanos() - cpu) / 1_000_000, (System.nanoTime() - wall) / 1_000_000);
        } catch (HttpTimeoutException e) {
            return new Answer(-1, "no answer within " + ANSWER_WITHIN, (cpuNanos() - cpu) / 1_000_000,
                    (System.nanoTime() - wall) / 1_000_000);
        }
    }

    /** One decimal case: the row is rejected with a clear message naming the field, and answered at once. */
    static void expectRowError(SoftAssertions soft, String name, Answer a, String field) {
        System.out.printf("hostile decimal %-45s → %s in %d ms wall, %d ms CPU%n", name,
                a.status() < 0 ? "no answer" : a.status(), a.wallMillis(), a.cpuMillis());
        soft.assertThat(a.status()).as(name + ": " + abbreviate(a.body())).isEqualTo(201);
        if (a.status() == 201) {
            soft.assertThat(a.json().getInt("rowsRejected")).as(name + " rejected").isEqualTo(1);
            soft.assertThat(a.json().getString("errors[0].field")).as(name + " field").isEqualTo(field);
            soft.assertThat(a.json().getString("errors[0].message")).as(name + " message")
                    .contains("at most 20 decimals");
        }
        soft.assertThat(a.wallMillis()).as(name + " answered at once").isLessThan(10_000);
    }

    static String abbreviate(String s) {
        return s.length() <= 300 ? s : s.substring(0, 300) + "…";
    }

    @Test
    void decimalsWithHugeExponentsAreRowErrorsAnsweredAtOnceInCsvAndJson() throws Exception {
        Fixtures.School s = Fixtures.school();
        String metrics = "/api/performance/ingest/school-metrics";
        String attendance = "/api/performance/ingest/attendance";
        String metricHeader = "schoolId,schoolYear,metricCode,value\n";
        String attendanceHeader = "schoolId,schoolYear,studentId,daysEnrolled,daysAbsent\n";
        SoftAssertions soft = new SoftAssertions();

        expectRowError(soft, "CSV GRADUATION_RATE 1e-20000000", post(metrics, "text/csv",
                metricHeader + s.id() + ",2026-27,GRADUATION_RATE,1e-20000000\n"), "value");
        expectRowError(soft, "CSV attendance daysAbsent 0e-150000000", post(attendance, "text/csv",
                attendanceHeader + s.id() + ",2026-27,H-1,170,0e-150000000\n"), "daysAbsent");
        expectRowError(soft, "JSON GRADUATION_RATE number 1e-20000000", post(metrics, "application/json",
                "[{\"schoolId\":\"" + s.id() + "\",\"schoolYear\":\"2026-27\",\"metricCode\":\"GRADUATION_RATE\","
                        + "\"value\":1e-20000000}]"), "value");
        expectRowError(soft, "JSON daysEnrolled string \"170e-30000000\"", post(attendance, "application/json",
                "[{\"schoolId\":\"" + s.id() + "\",\"schoolYear\":\"2026-27\",\"studentId\":\"H-2\","
                        + "\"daysEnrolled\":\"170e-30000000\",\"daysAbsent\":1}]"), "daysEnrolled");
        expectRowError(soft, "CSV DAYS_CASH_ON_HAND 1e+99999999", post(metrics, "text/csv",
                metricHeader + s.id() + ",2026-27,DAYS_CASH_ON_HAND,1e+99999999\n"), "value");
        // the worst of the family last: on the code of issue 13 it never answers (and keeps a core busy)
        expectRowError(soft, "CSV GRADUATION_RATE 0.1e-99999999", post(metrics, "text/csv",
                metricHeader + s.id() + ",2026-27,GRADUATION_RATE,0.1e-99999999\n"), "value");
        soft.assertAll();

        // ordinary decimals are still fine: four decimals for a value, half days for attendance
        Fixtures.postCsv("school-metrics", TestTokens.districtAdmin(),
                metricHeader + s.id() + ",2026-27,ENROLLMENT_VS_PROJECTION,0.97250\n").statusCode(201)
                .body("rowsAccepted", equalTo(1));
        Fixtures.postCsv("attendance", TestTokens.districtAdmin(),
                attendanceHeader + s.id() + ",2026-27,H-3,170.0,12.5\n").statusCode(201)
                .body("rowsAccepted", equalTo(1));
    }

    @Test
    void wholeNumbersWrittenAsHugeDecimalsAreRowErrors() throws Exception {
        Fixtures.School s = Fixtures.school();
        Answer a = post("/api/performance/ingest/assessments", "text/csv",
                "schoolId,schoolYear,studentId,subject,testCode,performanceLevel,scaleScore\n"
                        + s.id() + ",2026-27,W-1,ELA,STATE,3e0,1e-99999999\n"
                        + s.id() + ",2026-27,W-2,ELA,STATE,0.3e1,\n");
        assertThat(a.status()).as(a.body()).isEqualTo(201);
        assertThat(a.json().getInt("rowsAccepted")).isEqualTo(1);
        assertThat(a.json().getString("errors[0].field")).isEqualTo("scaleScore");
    }

    @Test
    @SuppressWarnings("unchecked")
    void jsonRequestBodiesBoundTheirDecimalsToo() {
        Map<String, Object> f = FrameworkTest.defaultFor("2102-03");
        List<Object> metrics = new ArrayList<>((List<Object>) f.get("metrics"));
        Map<String, Object> first = new java.util.HashMap<>((Map<String, Object>) metrics.get(0));
        List<Object> cuts = new ArrayList<>((List<Object>) first.get("cutPoints"));
        Map<String, Object> cut = new java.util.HashMap<>((Map<String, Object>) cuts.get(0));
        cut.put("threshold", new java.math.BigDecimal("1e-20000000"));
        cuts.set(0, cut);
        first.put("cutPoints", cuts);
        metrics.set(0, first);
        f.put("metrics", metrics);
        long cpu = cpuNanos();
        FrameworkTest.create(f).then().statusCode(400)
                .contentType("application/problem+json")
                .body("type", equalTo("urn:portfolio:problem:validation"))
                .body("errors[0].field", equalTo("metrics[0].cutPoints[0].threshold"))
                .body("errors[0].message", containsString("at most 20 decimals"));
        System.out.printf("hostile decimal in a framework body → %d ms CPU%n", (cpuNanos() - cpu) / 1_000_000);

        // a number too long to be one: refused by the parser, without repeating it
        String digits = "7".repeat(500);
        given().auth().oauth2(TestTokens.districtAdmin()).contentType("application/json")
                .body("{\"code\":\"X\",\"name\":\"x\",\"weight\":" + digits + "}")
                .post("/api/performance/metrics").then().statusCode(400)
                .contentType("application/problem+json")
                .body("type", equalTo("urn:portfolio:problem:malformed-body"))
                .body(not(containsString(digits.substring(0, 50))));
    }

    @Test
    void aCsvWithoutItsHeaderRowDoesNotRepeatItsFirstRecord() {
        Fixtures.School s = Fixtures.school();
        String student = "RVPRIVATE-" + UUID.randomUUID().toString().substring(0, 8);
        String csv = s.id() + ",2026-27," + student + ",ELA,STATE,7,3\n"
                + s.id() + ",2026-27," + student + "X,ELA,STATE,7,4\n";
        Fixtures.postCsv("assessments", TestTokens.districtAdmin(), csv).statusCode(400)
                .contentType("application/problem+json")
                .body("type", equalTo("urn:portfolio:problem:malformed-body"))
                .body("detail", containsString("header"))
                .body(not(containsString("RVPRIVATE")))
                .body(not(containsString(s.id().toString())));
        given().auth().oauth2(TestTokens.districtAdmin()).queryParam("status", "FAILED").queryParam("size", 500)
                .get("/api/performance/ingest/jobs").then().statusCode(200)
                .body("items.failure", hasItem(containsString("header")))
                .body(not(containsString("RVPRIVATE")));
    }

    @Test
    void aValueThatRoundsBeyondTheColumnIsARowErrorAndTheUploadKeepsTheOtherRows() throws Exception {
        // review of 2026-12-05: 9999999999.99995 passed the bound, rounded to 1e10 at 4 decimals, and the COPY's
        // failure ended the whole upload in a 500
        Fixtures.School s = Fixtures.school();
        Answer a = post("/api/performance/ingest/school-metrics", "text/csv", "schoolId,schoolYear,metricCode,value\n"
                + s.id() + ",2026-27,DAYS_CASH_ON_HAND,9999999999.99995\n"
                + s.id() + ",2026-27,TEACHER_VACANCIES,2\n");
        org.assertj.core.api.Assertions.assertThat(a.status()).as(abbreviate(a.body())).isEqualTo(201);
        org.assertj.core.api.Assertions.assertThat(a.json().getInt("rowsAccepted")).isEqualTo(1);
        org.assertj.core.api.Assertions.assertThat(a.json().getInt("rowsRejected")).isEqualTo(1);
        org.assertj.core.api.Assertions.assertThat(a.json().getString("errors[0].message")).isEqualTo("is too large");
    }

    /** Hostile review of the fourteenth pass: a NUL in an unknown field's name could not be stored with its row error. */
    @Test
    void aControlCharacterInAnUnknownFieldsNameIsEchoedReplacedAndTheUploadIsAnswered() throws Exception {
        Fixtures.School s = Fixtures.school();
        Answer json = post("/api/performance/ingest/school-metrics", "application/json", "[{\"schoolId\":\"" + s.id()
                + "\",\"schoolYear\":\"2026-27\",\"metricCode\":\"TEACHER_VACANCIES\",\"value\":2,\"x\\u0000y\":1}]");
        org.assertj.core.api.Assertions.assertThat(json.status()).as(abbreviate(json.body())).isBetween(200, 499);
        org.assertj.core.api.Assertions.assertThat(json.body()).doesNotContain("\\u0000");
        Answer csv = post("/api/performance/ingest/school-metrics", "text/csv", "schoolId,schoolYear,metricCode,value,x\u0000y\n"
                + s.id() + ",2026-27,TEACHER_VACANCIES,2,1\n");
        org.assertj.core.api.Assertions.assertThat(csv.status()).as(abbreviate(csv.body())).isBetween(200, 499);
        org.assertj.core.api.Assertions.assertThat(csv.body()).doesNotContain("\u0000");
    }
}
