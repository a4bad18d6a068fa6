package org.portfolio.gateway;

import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;
import org.portfolio.gateway.routing.FrontDoor;
import org.portfolio.testing.LogCapture;
import org.portfolio.testing.TestTokens;
import org.portfolio.testing.contract.NotContractChecked;

import java.io.IOException;
import java.io.OutputStream;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.logging.Level;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The gateway ends its request to a service early whenever the exchange cannot go on: the client went away, its body was
 * too large or stopped arriving, the service answered before the body was whole. None of that is for an operator, yet
 * each logged "Stream reset: 0" at ERROR, from Vert.x and without a request id (sixteenth pass: 129 in one build, 122 of
 * them the system tests' bad-input sweep): the request to the service had no exception handler. A service that breaks
 * off the exchange is still answered 502, with the gateway's own WARN naming the request. Every logger is watched, not
 * the gateway's own: the ERRORs came from Vert.x.
 */
@QuarkusTest
@NotContractChecked("StubService paths, which are in no OpenAPI document")
class UpstreamResetsTest {

    private static final int MIB = 1 << 20;

    @TestHTTPResource("/")
    URI gateway;

    @Inject
    FrontDoor frontDoor;

    @Test
    void aChunkedBodyOverTheLimitIs413AndNoError() throws Exception {
        String subject = "too-large-" + UUID.randomUUID();
        try (LogCapture log = LogCapture.ofAllLoggers(); Socket s = open()) {
            OutputStream out = s.getOutputStream();
            out.write(head("/api/schools", subject, "Transfer-Encoding: chunked"));
            inBackground(() -> {
                byte[] chunk = ("10000\r\n" + " ".repeat(0x10000) + "\r\n").getBytes(StandardCharsets.US_ASCII);
                for (int i = 0; i < 11 * 16; i++) { // 11 MiB, over the route's 10
                    out.write(chunk);
                }
                out.write("0\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
            });
            assertThat(answer(s)).startsWith("HTTP/1.1 413").contains("urn:portfolio:problem:payload-too-large");
            settle(subject);
            assertNoError(log);
        }
    }

    @Test
    void aBodyThatStopsArrivingIs408AndNoError() throws Exception {
        String subject = "stalled-" + UUID.randomUUID();
        try (LogCapture log = LogCapture.ofAllLoggers(); Socket s = open()) {
            s.getOutputStream().write(head("/api/schools", subject, "Content-Length: 1000"));
            s.getOutputStream().write("{\"name\":\"slow".getBytes(StandardCharsets.US_ASCII));
            assertThat(answer(s)).startsWith("HTTP/1.1 408").contains("urn:portfolio:problem:request-timeout");
            settle(subject);
            assertNoError(log);
        }
    }

    @Test
    void aClientThatHangsUpMidBodyLeavesNoError() throws Exception {
        String subject = "hang-up-" + UUID.randomUUID();
        try (LogCapture log = LogCapture.ofAllLoggers()) {
            try (Socket s = open()) {
                s.getOutputStream().write(head("/api/schools", subject, "Content-Length: 100000"));
                s.getOutputStream().write(new byte[4096]);
                s.getOutputStream().flush();
                awaitInFlight(subject, 1); // the request to the service is under way
            }
            settle(subject);
            assertNoError(log);
        }
    }

    @Test
    void aServiceThatAnswersBeforeTheBodyIsWholeLeavesNoError() throws Exception {
        String subject = "early-" + UUID.randomUUID();
        try (LogCapture log = LogCapture.ofAllLoggers(); Socket s = open()) {
            s.getOutputStream().write(head("/api/performance/early", subject, "Content-Length: 1000000"));
            s.getOutputStream().write(new byte[1024]); // and never the rest
            s.getOutputStream().flush();
            assertThat(answer(s)).startsWith("HTTP/1.1 413").contains("{\"early\":true}");
            settle(subject);
            assertNoError(log);
        }
    }

    /** The handler that quiets the resets must not swallow a real failure: the client still gets its 502. */
    @Test
    void aServiceThatBreaksOffMidBodyIsStill502AndAWarningNotAnError() throws Exception {
        String subject = "cut-" + UUID.randomUUID();
        try (LogCapture log = LogCapture.ofAllLoggers(); Socket s = open()) {
            s.getOutputStream().write(head("/api/autonomy/cut", subject, "Content-Length: 100000"));
            s.getOutputStream().write(new byte[8192]); // the service reads a KiB of it and closes the connection
            s.getOutputStream().flush();
            assertThat(answer(s)).startsWith("HTTP/1.1 502").contains("application/problem+json")
                    .contains("urn:portfolio:problem:bad-gateway").contains("autonomy-service broke off the exchange");
            settle(subject);
            assertNoError(log);
            assertThat(LogCapture.describe(log.atLeast(Level.WARNING))).as("the gateway's own warning, with the request")
                    .anySatisfy(line -> assertThat(line).contains("WARN").contains("/api/autonomy/cut → autonomy-service: 502"));
        }
    }

    private Socket open() throws IOException {
        Socket s = new Socket(gateway.getHost(), gateway.getPort());
        s.setSoTimeout(15_000);
        return s;
    }

    private static byte[] head(String path, String subject, String framing) {
        String token = TestTokens.token(subject, Set.of("DISTRICT_ADMIN"), List.of(), Duration.ofMinutes(5));
        return ("POST " + path + " HTTP/1.1\r\nHost: localhost\r\nAuthorization: Bearer " + token
                + "\r\nContent-Type: application/json\r\n" + framing + "\r\n\r\n").getBytes(StandardCharsets.US_ASCII);
    }

    /**
     * The answer's head and its body (of the length it states): the connection is closed after such an answer, but not
     * necessarily before the rest of the client's body was drained, so the close is not waited for.
     */
    private static String answer(Socket s) throws IOException {
        var in = s.getInputStream();
        StringBuilder head = new StringBuilder();
        while (!head.toString().endsWith("\r\n\r\n")) {
            int c = in.read();
            if (c < 0) {
                return head.toString();
            }
            head.append((char) c);
        }
        var length = java.util.regex.Pattern.compile("(?im)^content-length:\\s*(\\d+)").matcher(head);
        byte[] body = length.find() ? in.readNBytes(Integer.parseInt(length.group(1))) : new byte[0];
        return head + new String(body, StandardCharsets.UTF_8);
    }

    private interface Writing {
        void run() throws IOException;
    }

    private static void inBackground(Writing writing) {
        Thread t = new Thread(() -> {
            try {
                writing.run();
            } catch (IOException closed) {
                // the gateway stopped reading and closed the connection: expected
            }
        });
        t.setDaemon(true);
        t.start();
    }

    private void awaitInFlight(String subject, int count) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
        while (frontDoor.rateLimiter().inFlight("c:" + subject) != count && System.nanoTime() < deadline) {
            Thread.sleep(10);
        }
        assertThat(frontDoor.rateLimiter().inFlight("c:" + subject)).as("requests in flight of " + subject).isEqualTo(count);
    }

    /** The exchange is over (its place given back, the request to the service ended), and a moment for late records. */
    private void settle(String subject) throws InterruptedException {
        awaitInFlight(subject, 0);
        Thread.sleep(300);
    }

    private static void assertNoError(LogCapture log) {
        assertThat(LogCapture.describe(log.atLeast(Level.SEVERE))).as("records at ERROR while a client's request was cut short")
                .isEmpty();
    }
}
