package org.portfolio.platform.web;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.portfolio.platform.web.http.BodyBudget;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The bytes of bodies a service reads at once are bounded (platform-web's BodyBudget; 1 MB in this application). The
 * crowd check of the twenty-second pass (H2) sent sixteen 10 MB bodies together: contracts-service and
 * autonomy-service ran out of memory, and two were enough for enrollment-service. A body that does not fit beside the
 * ones being read is now a fast 503 with Retry-After, before a byte of it is read; small bodies never wait, and the
 * bytes come back when a read ends, however it ends.
 */
@QuarkusTest
class BodyBudgetTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    @TestHTTPResource("/")
    URL root;

    @Inject
    BodyBudget budget;

    private final List<Socket> held = new ArrayList<>();

    @AfterEach
    void hangUp() throws IOException {
        for (Socket s : held) {
            s.close();
        }
        awaitNothingReserved();
    }

    @Test
    void aLargeBodyThatDoesNotFitBesideTheBytesBeingReadIsAFast503WithRetryAfterUnread() throws Exception {
        assertThat(budget.budget()).isEqualTo(1024 * 1024);
        holdBody("Content-Length: 1000000\r\n", 700_000);
        long held = awaitReadAtLeast(690_000);

        long start = System.nanoTime();
        Answer refused = send("Content-Length: 700000\r\n", 700_000);
        long millis = (System.nanoTime() - start) / 1_000_000;

        assertThat(refused.status()).as(refused.head()).isEqualTo(503);
        assertThat(refused.head()).containsIgnoringCase("retry-after: 1").containsIgnoringCase("connection: close")
                .containsIgnoringCase("content-type: application/problem+json").contains("X-Request-Id: budget-test");
        JsonNode problem = JSON.readTree(refused.body());
        assertThat(problem.path("type").asText()).isEqualTo("urn:portfolio:problem:service-unavailable");
        assertThat(problem.path("status").asInt()).isEqualTo(503);
        assertThat(problem.path("requestId").asText()).isEqualTo("budget-test");
        assertThat(problem.path("detail").asText()).contains("Retry-After");
        assertThat(millis).as("answered before the body is read").isLessThan(5_000);
        assertThat(budget.reading()).as("the refused body counted nothing").isEqualTo(held);
    }

    /**
     * The refusal is the problem the document declares for the operation (the contract check of every rest-assured
     * exchange validates it): a valid widget padded to 700 KB with whitespace, sent with {@code Expect: 100-continue} so
     * that the client reads the answer instead of writing into a closed connection.
     */
    @Test
    void theRefusalIsTheDocumentedProblem() throws Exception {
        holdBody("Content-Length: 1000000\r\n", 700_000);
        awaitReadAtLeast(690_000);
        String widget = JSON.writeValueAsString(ProblemDetailsTest.validWidget());
        String padded = widget.substring(0, widget.length() - 1) + " ".repeat(700_000) + "}";

        io.restassured.RestAssured.given()
                .config(io.restassured.RestAssured.config().httpClient(io.restassured.config.HttpClientConfig.httpClientConfig()
                        .setParam("http.protocol.expect-continue", true)))
                .contentType("application/json").body(padded)
                .post("/widgets").then().statusCode(503).header("Retry-After", "1")
                .contentType("application/problem+json")
                .body("type", org.hamcrest.Matchers.equalTo("urn:portfolio:problem:service-unavailable"));
    }

    /** A body of unknown length whose bytes stop fitting while it is read: 503 then, the rest unread. */
    @Test
    void aBodyWhoseBytesStopFittingWhileItIsReadIsA503Then() throws Exception {
        holdBody("Content-Length: 1000000\r\n", 700_000);
        long held = awaitReadAtLeast(690_000);

        Answer refused = sendChunked(500_000);

        assertThat(refused.status()).as(refused.head()).isEqualTo(503);
        assertThat(refused.head()).containsIgnoringCase("retry-after: 1");
        assertThat(refused.body()).contains("urn:portfolio:problem:service-unavailable");
        awaitRead(held);
    }

    /**
     * The body that has read the most goes on up to a quarter past the budget: once the budget counted bytes as they
     * were read, sixteen 10 MB bodies read together at enrollment-service were all refused and none read. A request that
     * opened its body first and sends nothing does not hold that place (hostile read of the pass, F1: as "the oldest" it
     * did). Here the first body grows past what fits beside a second one's bytes and is still read whole; then the
     * second is read whole.
     */
    @Test
    void theBodyThatHasReadTheMostGoesOnAQuarterPastTheBudget() throws Exception {
        holdBody("Transfer-Encoding: chunked\r\n", 0); // opened first, sends nothing
        Socket[] both = firstAndSecond(0x40000);
        Socket first = both[0], second = both[1];

        OutputStream out = first.getOutputStream();
        out.write(("x".repeat(1_000_000 - 600_000 - 2) + "\"}").getBytes(StandardCharsets.US_ASCII));
        out.flush();
        first.setSoTimeout(20_000);
        assertThat(Answer.read(first.getInputStream()).status()).as("read whole, and refused by validation").isEqualTo(400);

        // the first's answer ended: the second goes on
        second.getOutputStream().write(("10002\r\n" + "x".repeat(0x10000) + "\"}\r\n0\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
        second.getOutputStream().flush();
        second.setSoTimeout(20_000);
        assertThat(Answer.read(second.getInputStream()).status()).as("read whole in its turn").isEqualTo(400);
    }

    /** Past a quarter over the budget even the body that has read the most is refused (hostile read of the pass, F2). */
    @Test
    void noBodyGoesOnMoreThanAQuarterPastTheBudget() throws Exception {
        Socket first = firstAndSecond(0x60000)[0];

        OutputStream out = first.getOutputStream();
        try {
            out.write(("x".repeat(1_000_000 - 600_000 - 2) + "\"}").getBytes(StandardCharsets.US_ASCII));
            out.flush();
        } catch (IOException refused) {
            // the connection closed under the write
        }
        first.setSoTimeout(20_000);
        assertThat(Answer.read(first.getInputStream()).status()).as("1.4 MB read at once is past 1.25 MB").isEqualTo(503);
    }

    /**
     * Hostile read of the twenty-third pass, F3: bodies sent quickly up to a few MB and then trickled at the gateway's
     * minimum rate held the budget for days. A body silent for the grace (5 s; or under 64 KiB/s on average) gives way to
     * one that does not fit: it is answered 503 and its connection closed, which frees what it parsed, and its bytes come
     * back then (hostile read of this pass, B1: they left the count at once while the parse stayed in memory); the body
     * that did not fit is refused this once and read when it tries again.
     */
    @Test
    void aSlowBodyGivesWayToOneThatDoesNotFit() throws Exception {
        org.portfolio.testing.LogCapture log = org.portfolio.testing.LogCapture.of(org.portfolio.platform.web.problem.ProblemMappers.class);
        Socket slow;
        Answer first;
        Answer gaveWay;
        Answer again;
        boolean saidWhy;
        try (log) {
            slow = holdBody("Content-Length: 1000000\r\n", 600_000); // more than the other: it cannot go on as the larger
            awaitReadAtLeast(590_000);
            Thread.sleep(5_500);

            first = send("Content-Length: 700000\r\n", 700_000);
            slow.setSoTimeout(20_000);
            gaveWay = Answer.read(slow.getInputStream());
            awaitNothingReserved();
            again = send("Content-Length: 700000\r\n", 700_000);
            saidWhy = log.await(m -> m.startsWith("A slow request body gave way"), java.time.Duration.ofSeconds(10));
        }
        // twenty-fifth pass: the failed read of the body that gave way was logged as "the client closed the connection"
        assertThat(saidWhy).as(String.join("\n", org.portfolio.testing.LogCapture.describe(log.records()))).isTrue();

        assertThat(first.status()).as("refused while the slow body still holds its bytes").isEqualTo(503);
        assertThat(gaveWay.status()).as(gaveWay.head()).isEqualTo(503);
        assertThat(gaveWay.head()).containsIgnoringCase("retry-after: 1").containsIgnoringCase("connection: close");
        assertThat(again.status()).as("read in its next try, and refused by validation").isEqualTo(400);
    }

    /**
     * Hostile read of this pass, B2: every slow body gave way to any body that did not fit, whether or not that made room
     * for it. A body for which the slow ones would not make room is refused without asking them.
     */
    @Test
    void slowBodiesDoNotGiveWayWhenThatWouldNotMakeRoom() throws Exception {
        Socket slow = holdBody("Content-Length: 1000000\r\n", 200_000);
        awaitReadAtLeast(190_000);
        Thread.sleep(5_500);
        holdBody("Content-Length: 1000000\r\n", 700_000);
        long held = awaitReadAtLeast(890_000);

        Answer refused = send("Content-Length: 400000\r\n", 400_000);

        assertThat(refused.status()).isEqualTo(503);
        assertThat(budget.reading()).as("the slow body still counted, not asked to give way").isEqualTo(held);
        slow.setSoTimeout(500);
        assertThat(slow.getInputStream().available()).isZero();
        try {
            assertThat(slow.getInputStream().read()).as("no answer to the slow body").isNegative();
        } catch (SocketTimeoutException stillOpen) {
            // no answer, its connection open
        }
    }

    /**
     * Hostile read of the twenty-third pass, F7: the exempt paths were matched as written, so a matrix parameter
     * ({@code /streamed;v=1/…}, the same resource to RESTEasy) made an exempt upload count against the budget.
     */
    @Test
    void anExemptPathIsExemptWithAMatrixParameterToo() throws Exception {
        holdBody("Content-Length: 1000000\r\n", 999_000);
        long held = awaitReadAtLeast(990_000);

        Answer exempt = send("Content-Length: 700000\r\n", 700_000, "/streamed;v=1/uploads");

        assertThat(exempt.status()).as(exempt.head()).isNotEqualTo(503);
        assertThat(budget.reading()).isEqualTo(held);
    }

    @Test
    void smallBodiesNeverWaitForTheBudget() throws Exception {
        holdBody("Content-Length: 1000000\r\n", 999_000);
        awaitReadAtLeast(990_000);

        Answer small = send("Content-Length: 20000\r\n", 20_000);

        assertThat(small.status()).as("a 20 KB body while the budget is taken: read, and refused by validation")
                .isEqualTo(400);
    }

    /**
     * Hostile read of the twenty-third pass, M2: a body of unknown length reserved the whole body limit up front, so a
     * 15-byte chunked body waited (503) while a 700 KB one was read. It counts its bytes as they come now.
     */
    @Test
    void aSmallChunkedBodyDoesNotWaitForALargeOne() throws Exception {
        holdBody("Content-Length: 1000000\r\n", 900_000);
        awaitReadAtLeast(890_000);

        Answer tiny = sendChunked(15);

        assertThat(tiny.status()).as("read, and refused by validation").isEqualTo(400);
    }

    /**
     * Hostile read of the twenty-third pass, M3: the stated length was reserved until the body ended, so a client
     * trickling a large body at the gateway's minimum rate held the budget for days. It holds what it has sent.
     */
    @Test
    void aBodyThatStatesMuchButHasSentLittleHoldsOnlyWhatItSent() throws Exception {
        holdBody("Content-Length: 1000000\r\n", 10);
        Thread.sleep(300);
        assertThat(budget.reading()).isLessThan(64 * 1024);

        Answer other = send("Content-Length: 700000\r\n", 700_000);

        assertThat(other.status()).as("read, and refused by validation").isEqualTo(400);
    }

    @Test
    void theBytesComeBackWhenTheClientHangsUpAndWhenTheAnswerEnds() throws Exception {
        Socket first = holdBody("Content-Length: 1000000\r\n", 700_000);
        awaitReadAtLeast(690_000);
        first.close();
        awaitNothingReserved();

        Answer read = send("Content-Length: 700000\r\n", 700_000);
        assertThat(read.status()).as("read once the hung-up body gave its bytes back").isEqualTo(400);
        awaitNothingReserved();

        Answer again = send("Content-Length: 700000\r\n", 700_000);
        assertThat(again.status()).as("read once the answered body gave its bytes back").isEqualTo(400);
    }

    @Test
    void aBodyLargerThanTheBudgetIsReadWhenItIsTheOnlyOne() throws Exception {
        Answer alone = send("Content-Length: 1500000\r\n", 1_500_000);

        assertThat(alone.status()).as("the budget never turns away a body that arrives alone").isEqualTo(400);
    }

    @Test
    void aBodyStatingMoreThanTheBodyLimitIsLeftToTheLimitsAnswerNotTheBudgets() throws Exception {
        holdBody("Content-Length: 1000000\r\n", 999_000);
        long held = awaitReadAtLeast(990_000);

        Answer over = send("Content-Length: 11000000\r\n", 11_000_000);

        assertThat(over.status()).as("over the 10 MB body limit while the budget is taken: the limit's answer").isEqualTo(413);
        assertThat(budget.reading()).isEqualTo(held);
    }

    /**
     * Hostile read of the twenty-third pass (M1): RESTEasy refuses a chunked body over the server's body limit (413)
     * after it replaced the response's end handler, so the handler that gave the reservation back never ran and it was
     * kept for good (here the whole budget). It comes back now within a second of the answer.
     */
    @Test
    void aChunkedBodyRefusedByRestEasyForItsSizeGivesItsBytesBack() throws Exception {
        try (org.portfolio.testing.LogCapture log = org.portfolio.testing.LogCapture.of(org.portfolio.platform.web.problem.ProblemMappers.class);
             Socket s = new Socket(root.getHost(), root.getPort())) {
            s.setSoTimeout(20_000);
            OutputStream out = s.getOutputStream();
            out.write(head("Transfer-Encoding: chunked\r\n"));
            byte[] spaces = " ".repeat(64 * 1024).getBytes(StandardCharsets.US_ASCII);
            String size = Integer.toHexString(spaces.length);
            try {
                out.write("1\r\n{\r\n".getBytes(StandardCharsets.US_ASCII));
                for (int i = 0; i < 11 * 16 + 2; i++) { // 11 MB of whitespace: over the 10 MB limit
                    out.write((size + "\r\n").getBytes(StandardCharsets.US_ASCII));
                    out.write(spaces);
                    out.write("\r\n".getBytes(StandardCharsets.US_ASCII));
                }
                out.write("1\r\n}\r\n0\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
                out.flush();
            } catch (IOException closed) {
                // refused while it was still being written
            }
            assertThat(Answer.read(s.getInputStream()).status()).isEqualTo(413);
            Thread.sleep(200);
            // the caller's doing: it was an ERROR with a 40-line trace each time (twenty-fourth pass)
            assertThat(log.atLeast(java.util.logging.Level.WARNING)).extracting(java.util.logging.LogRecord::getMessage).isEmpty();
        }
        awaitNothingReserved();
    }

    /**
     * Two bodies being read: the first has sent 600,000 of its 1,000,000 bytes, the second (chunked) {@code secondSent};
     * both wait for the rest.
     */
    private Socket[] firstAndSecond(int secondSent) throws Exception {
        Socket first = holdBody("Content-Length: 1000000\r\n", 600_000);
        awaitReadAtLeast(590_000);
        Socket second = holdBody("Transfer-Encoding: chunked\r\n", 0);
        second.getOutputStream().write((Integer.toHexString(secondSent) + "\r\n{\"name\":\"" + "x".repeat(secondSent - 9) + "\r\n")
                .getBytes(StandardCharsets.US_ASCII));
        second.getOutputStream().flush();
        awaitReadAtLeast(590_000 + secondSent - 16 * 1024);
        return new Socket[] {first, second};
    }

    /** Starts a POST whose body never ends while the test runs: its first {@code sent} bytes (none, or at least 9) arrive. */
    private Socket holdBody(String lengthHeader, int sent) throws IOException {
        Socket socket = new Socket(root.getHost(), root.getPort());
        held.add(socket);
        OutputStream out = socket.getOutputStream();
        out.write(head(lengthHeader));
        if (sent > 0) {
            out.write(("{\"name\":\"" + "x".repeat(sent - 9)).getBytes(StandardCharsets.US_ASCII));
        }
        out.flush();
        return socket;
    }

    /** A whole chunked request of {@code length} bytes (a widget named by the rest: 400 when read) and its answer. */
    private Answer sendChunked(int length) throws IOException {
        try (Socket socket = new Socket(root.getHost(), root.getPort())) {
            socket.setSoTimeout(20_000);
            OutputStream out = socket.getOutputStream();
            String body = "{\"name\":\"" + "x".repeat(length - 11) + "\"}";
            out.write(head("Transfer-Encoding: chunked\r\nConnection: close\r\n"));
            try {
                for (int at = 0; at < body.length(); at += 32 * 1024) {
                    String chunk = body.substring(at, Math.min(body.length(), at + 32 * 1024));
                    out.write((Integer.toHexString(chunk.length()) + "\r\n" + chunk + "\r\n").getBytes(StandardCharsets.US_ASCII));
                }
                out.write("0\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
                out.flush();
            } catch (IOException closedEarly) {
                // refused while it was still being written
            }
            return Answer.read(socket.getInputStream());
        }
    }

    /** A whole request (a widget whose name is far too long: 400 when read) and its answer. */
    private Answer send(String lengthHeader, int length) throws IOException {
        return send(lengthHeader, length, "/widgets");
    }

    private Answer send(String lengthHeader, int length, String path) throws IOException {
        try (Socket socket = new Socket(root.getHost(), root.getPort())) {
            socket.setSoTimeout(20_000);
            OutputStream out = socket.getOutputStream();
            String prefix = "{\"name\":\"";
            String body = prefix + "x".repeat(length - prefix.length() - 2) + "\"}";
            out.write(head(lengthHeader + "Connection: close\r\n", path));
            try {
                out.write(body.getBytes(StandardCharsets.US_ASCII));
                out.flush();
            } catch (IOException closedEarly) {
                // refused before the body: the server may close while it is still being written
            }
            return Answer.read(socket.getInputStream());
        }
    }

    private static byte[] head(String extra) {
        return head(extra, "/widgets");
    }

    private static byte[] head(String extra, String path) {
        return ("POST " + path + " HTTP/1.1\r\nHost: localhost\r\nContent-Type: application/json\r\n"
                + "X-Request-Id: budget-test\r\n" + extra + "\r\n").getBytes(StandardCharsets.US_ASCII);
    }

    /** Waits until the bytes counted reach {@code least}; what they are then. */
    private long awaitReadAtLeast(long least) throws InterruptedException {
        for (int i = 0; i < 100 && budget.reading() < least; i++) {
            Thread.sleep(50);
        }
        Thread.sleep(100);
        assertThat(budget.reading()).as("bytes counted of the held body").isGreaterThanOrEqualTo(least);
        return budget.reading();
    }

    private void awaitRead(long bytes) throws InterruptedException {
        for (int i = 0; i < 100 && budget.reading() != bytes; i++) {
            Thread.sleep(50);
        }
        assertThat(budget.reading()).as("bytes counted").isEqualTo(bytes);
    }

    private void awaitNothingReserved() {
        try {
            awaitRead(0);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    record Answer(int status, String head, String body) {
        static Answer read(InputStream in) throws IOException {
            ByteArrayOutputStream all = new ByteArrayOutputStream();
            byte[] buf = new byte[8192];
            try {
                // until the connection closes, or the body's stated length has arrived (a kept-alive connection)
                for (int n; !whole(all) && (n = in.read(buf)) > 0; ) {
                    all.write(buf, 0, n);
                }
            } catch (SocketTimeoutException | java.net.SocketException end) {
                // what arrived is the answer
            }
            String text = all.toString(StandardCharsets.UTF_8);
            int split = text.indexOf("\r\n\r\n");
            assertThat(split).as("an answer: " + text).isPositive();
            String head = text.substring(0, split);
            String body = text.substring(split + 4);
            return new Answer(Integer.parseInt(head.substring(9, 12)), head, body);
        }

        private static boolean whole(ByteArrayOutputStream all) {
            String text = all.toString(StandardCharsets.UTF_8);
            int split = text.indexOf("\r\n\r\n");
            java.util.regex.Matcher length = java.util.regex.Pattern.compile("(?i)\r\ncontent-length: *([0-9]+)")
                    .matcher(split < 0 ? "" : text.substring(0, split));
            return length.find() && all.size() - split - 4 >= Long.parseLong(length.group(1));
        }
    }
}
