package org.portfolio.performance;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.restassured.path.json.JsonPath;
import org.junit.jupiter.api.Test;
import org.portfolio.testing.TestTokens;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.LongFunction;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;

/**
 * Uploads of hostile shapes, 100–200 MB each, generated while they are sent (issue 13, point 2): long and many field
 * names, huge strings and numbers, deep nesting, rows that are all wrong. Each is answered with a small 4xx
 * problem+json (or, for a mix of good and bad rows, with its row errors capped), and the service stays healthy: a
 * normal upload succeeds afterwards. Uploads may be 300 MB in this profile (2 MB in the default test profile).
 */
@QuarkusTest
@TestProfile(HostileUploadTest.LargeUploads.class)
class HostileUploadTest {

    static final int STORED_ERRORS = 50;

    public static class LargeUploads implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("portfolio.performance.ingestion.max-body-size", "300M",
                    "portfolio.performance.ingestion.max-stored-errors", Integer.toString(STORED_ERRORS));
        }
    }

    /** A body made while it is read: head, then count units (unit(i) for the i-th), then tail. Nothing is held. */
    static final class Generated extends InputStream {
        private final byte[] head;
        private final byte[] tail;
        private final long count;
        private final LongFunction<String> unit;
        private long next;
        private byte[] current;
        private int pos;
        private int stage; // 0 head, 1 units, 2 tail, 3 done
        long sent;

        Generated(String head, long count, LongFunction<String> unit, String tail) {
            this.head = head.getBytes(StandardCharsets.UTF_8);
            this.tail = tail.getBytes(StandardCharsets.UTF_8);
            this.count = count;
            this.unit = unit;
            this.current = this.head;
        }

        @Override
        public int read() throws IOException {
            byte[] one = new byte[1];
            return read(one, 0, 1) < 0 ? -1 : one[0] & 0xff;
        }

        /** Fills as much of {@code b} as it can: many small units make one large read, as a real client sends. */
        @Override
        public int read(byte[] b, int off, int len) {
            int n = 0;
            while (n < len) {
                if (pos == current.length && !advance()) {
                    break;
                }
                int k = Math.min(len - n, current.length - pos);
                System.arraycopy(current, pos, b, off + n, k);
                pos += k;
                n += k;
            }
            sent += n;
            return n == 0 && len > 0 ? -1 : n;
        }

        private boolean advance() {
            if (stage == 3) {
                return false;
            }
            if (stage <= 1 && next < count) {
                current = unit.apply(next++).getBytes(StandardCharsets.UTF_8);
                stage = 1;
            } else if (stage <= 1) {
                current = tail;
                stage = 2;
            } else {
                stage = 3;
                return false;
            }
            pos = 0;
            return true;
        }
    }

    record Answer(int status, String contentType, String body, long millis, long bytesSent) {
    }

    static Answer upload(String kind, String contentType, Generated body) throws Exception {
        HttpRequest request = HttpRequest.newBuilder(URI.create(IngestionTest.baseUrl() + "/api/performance/ingest/" + kind))
                .header("Authorization", "Bearer " + TestTokens.districtAdmin())
                .header("Content-Type", contentType)
                .timeout(Duration.ofMinutes(3))
                .POST(HttpRequest.BodyPublishers.ofInputStream(() -> body)).build();
        long t = System.nanoTime();
        HttpResponse<String> r = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build().send(request, HttpResponse.BodyHandlers.ofString());
        Answer a = new Answer(r.statusCode(), r.headers().firstValue("Content-Type").orElse(""), r.body(),
                (System.nanoTime() - t) / 1_000_000, body.sent);
        System.out.printf("hostile upload %s (%s): %d in %d ms after %d MB sent, answer %d bytes%n", kind, contentType,
                a.status(), a.millis(), a.bytesSent() / 1_000_000, a.body().length());
        return a;
    }

    /**
     * Refused with this status and problem type (an outside audit of the tests, twenty-first pass: any 4xx passed, a
     * 401 of a token expired during an upload or a 404 of a renamed route too), small, fast, echoing none of these.
     */
    static void refused(Answer a, int status, String type, String... notEchoed) {
        assertThat(a.status()).as(a.body()).isEqualTo(status);
        assertThat(JsonPath.from(a.body()).getString("type")).as(a.body()).isEqualTo("urn:portfolio:problem:" + type);
        assertThat(a.contentType()).startsWith("application/problem+json");
        assertThat(a.body().length()).as("a small answer").isLessThan(8_000);
        // every body here is 100 MB or more: the service stops reading 2 s after its answer (StoppedUploads)
        assertThat(a.millis()).as("answered and closed within").isLessThan(60_000);
        JsonPath p = JsonPath.from(a.body());
        assertThat(p.getString("type")).startsWith("urn:portfolio:problem:");
        assertThat(p.getInt("status")).isEqualTo(a.status());
        for (String s : notEchoed) {
            assertThat(a.body()).doesNotContain(s);
        }
    }

    /** More of a name than an error may repeat (64 characters). */
    static final String LONG_ECHO = "x".repeat(70);

    static String name(long i, int length) {
        String n = "f" + i + "_";
        return n + "x".repeat(Math.max(0, length - n.length()));
    }

    @Test
    void hostileShapesAre4xxAndTheServiceStaysHealthy() throws Exception {
        Fixtures.School s = Fixtures.school();
        String good = "{\"schoolId\":\"" + s.id() + "\",\"schoolYear\":\"2026-27\",\"studentId\":\"H%d\",\"subject\":\"ELA\","
                + "\"testCode\":\"STATE\",\"performanceLevel\":3}";

        // the body: 2,000 objects, each with one unknown field name of 50,000 characters (100 MB)
        refused(upload("assessments", "application/json", new Generated("[", 2_000,
                i -> (i == 0 ? "" : ",") + "{\"" + name(i, 50_000) + "\":1}", "]")), 400, "malformed-body", LONG_ECHO);
        // names under the length bound, but a new one in every row: 500,000 rows (110 MB)
        refused(upload("assessments", "application/json", new Generated("[", 500_000,
                i -> (i == 0 ? "" : ",") + "{\"" + name(i, 200) + "\":1}", "]")), 422, "upload-rows-rejected", LONG_ECHO);
        // the same between good rows, so that the upload is never all wrong: 100 new names every other row
        refused(upload("assessments", "application/json", new Generated("[", 20_000,
                i -> (i == 0 ? "" : ",") + (i % 2 == 0 ? good.formatted(i) : "{" + String.join(",",
                        java.util.stream.LongStream.range(0, 100).mapToObj(k -> "\"" + name(i * 100 + k, 100) + "\":1").toList())
                        + "}"), "]")), 400, "malformed-body", LONG_ECHO);
        // one string of 150 MB
        refused(upload("assessments", "application/json", new Generated("[{\"studentId\":\"", 150_000,
                i -> "s".repeat(1000), "\"}]")), 400, "malformed-body", "ssssssssss");
        // one number of 100 MB
        refused(upload("assessments", "application/json", new Generated("[{\"performanceLevel\":", 100_000,
                i -> "9".repeat(1000), "}]")), 400, "malformed-body", "9999999999");
        // nesting 100 million levels deep
        refused(upload("assessments", "application/json", new Generated("[{\"schoolId\":", 100_000,
                i -> "[".repeat(1000), "")), 400, "malformed-body");
        // CSV: one field of 150 MB, a header of 50 million columns, 2 million rows that are all wrong
        refused(upload("assessments", "text/csv", new Generated("schoolId,studentId\n", 150_000,
                i -> "q".repeat(1000), "\n")), 400, "malformed-body", "qqqqqqqqqq");
        refused(upload("assessments", "text/csv", new Generated("", 50_000_000, i -> "c,", "\n")), 400, "malformed-body");
        refused(upload("assessments", "text/csv", new Generated("schoolId,schoolYear,studentId,subject,testCode,performanceLevel\n",
                2_000_000, i -> UUID.nameUUIDFromBytes(Long.toString(i).getBytes()) + ",2026-27,Z" + i + ",ELA,STATE,3\n", "")), 422, "upload-rows-rejected");

        // still healthy: a normal upload is accepted
        given().get("/q/health/ready").then().statusCode(200);
        Fixtures.postJson("assessments", TestTokens.districtAdmin(), List.of(
                Fixtures.assessment(s.id(), "OK-1", "ELA", 3, null))).statusCode(201).body("rowsAccepted", equalTo(1));
    }

    @Test
    void theRowErrorsOfAnUploadAreCappedAndCounted() throws Exception {
        Fixtures.School s = Fixtures.school();
        // 20,000 rows, every other one wrong (performance level 9): 10,000 row errors
        Answer a = upload("assessments", "text/csv", new Generated(
                "schoolId,schoolYear,studentId,subject,testCode,performanceLevel\n", 20_000,
                i -> s.id() + ",2026-27,E" + i + ",ELA,STATE," + (i % 2 == 0 ? 3 : 9) + "\n", ""));
        assertThat(a.status()).as(a.body()).isEqualTo(201);
        JsonPath p = JsonPath.from(a.body());
        assertThat(p.getInt("rowsAccepted")).isEqualTo(10_000);
        assertThat(p.getInt("rowsRejected")).isEqualTo(10_000);
        assertThat(p.getInt("errorsStored")).isEqualTo(STORED_ERRORS);
        assertThat(p.getLong("errorsTotal")).isEqualTo(10_000);
        assertThat(p.getList("errors")).hasSizeLessThanOrEqualTo(STORED_ERRORS);
        assertThat(a.body().length()).isLessThan(20_000);
        String id = p.getString("id");
        given().auth().oauth2(TestTokens.districtAdmin()).get("/api/performance/ingest/jobs/" + id).then()
                .statusCode(200).body("errorsStored", equalTo(STORED_ERRORS)).body("errorsTotal", equalTo(10_000));
        given().auth().oauth2(TestTokens.districtAdmin()).queryParam("size", 1000)
                .get("/api/performance/ingest/jobs/" + id + "/errors").then()
                .statusCode(200).body("total", equalTo(STORED_ERRORS));
    }

    @Test
    void theConnectionOfAStoppedUploadIsClosedInsteadOfReadOn() throws Exception {
        try (java.net.Socket socket = new java.net.Socket("localhost", io.restassured.RestAssured.port)) {
            socket.setSoTimeout(15_000);
            java.io.OutputStream out = socket.getOutputStream();
            out.write(("POST /api/performance/ingest/assessments HTTP/1.1\r\nHost: localhost\r\nAuthorization: Bearer "
                    + TestTokens.districtAdmin() + "\r\nContent-Type: application/json\r\nTransfer-Encoding: chunked\r\n\r\n")
                    .getBytes(StandardCharsets.US_ASCII));
            chunk(out, "[{\"" + "n".repeat(300) + "\":1}"); // a name over the bound: the upload stops at once
            // a client that goes on sending, and never ends its body
            Thread sender = new Thread(() -> {
                String rows = ",{\"a\":1}".repeat(1000);
                try {
                    while (!Thread.currentThread().isInterrupted()) {
                        chunk(out, rows);
                    }
                } catch (IOException closed) {
                    // the service closed the connection
                }
            });
            sender.setDaemon(true);
            sender.start();
            InputStream in = socket.getInputStream();
            String answer = new String(in.readNBytes(12), StandardCharsets.US_ASCII);
            assertThat(answer).isEqualTo("HTTP/1.1 400");
            boolean closed;
            try {
                while (in.read(new byte[8192]) >= 0) {
                    // the rest of the answer
                }
                closed = true;
            } catch (java.net.SocketTimeoutException e) {
                closed = false;
            } catch (IOException reset) {
                closed = true;
            }
            sender.interrupt();
            assertThat(closed).as("the service closed the connection within 15 s of its answer").isTrue();
        }
        given().get("/q/health/ready").then().statusCode(200);
    }

    private static void chunk(java.io.OutputStream out, String s) throws IOException {
        byte[] b = s.getBytes(StandardCharsets.UTF_8);
        out.write((Integer.toHexString(b.length) + "\r\n").getBytes(StandardCharsets.US_ASCII));
        out.write(b);
        out.write("\r\n".getBytes(StandardCharsets.US_ASCII));
        out.flush();
    }
}
