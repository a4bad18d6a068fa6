package org.portfolio.platform.web;

import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.Test;
import org.portfolio.platform.web.problem.ProblemMappers;
import org.portfolio.testing.LogCapture;

import java.io.OutputStream;
import java.net.Socket;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.logging.Level;
import java.util.logging.LogRecord;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A client that hangs up before its body is whole (a timeout on its side, a proxy giving up, or the body deadline's own
 * close) did nothing wrong the server must act on. It was logged as an ERROR "Unexpected error" with a 60-line stack
 * trace and answered 500 (sixteenth pass: seven such ERRORs in a green build's log; a caller opening and dropping
 * connections could fill the error log for free). Now one INFO line without a trace, and a 400 nobody reads. Every
 * logger is watched, not ProblemMappers' alone: the answer RESTEasy then tried to write was itself an ERROR of Quarkus's
 * when something in front of RESTEasy had already answered (the gateway's 408 for a body that did not arrive in time).
 */
@QuarkusTest
class ClientHangUpTest {

    @TestHTTPResource("/")
    URL root;

    @Test
    void aBodyCutShortByTheClientIsOneInfoLineNotAnErrorWithATrace() throws Exception {
        String requestId = "hang-up-" + System.nanoTime();
        try (LogCapture log = LogCapture.ofAllLoggers()) {
            try (Socket socket = new Socket(root.getHost(), root.getPort())) {
                OutputStream out = socket.getOutputStream();
                // more than RESTEasy's input buffer, so the rest is read blocking on a worker; then the client goes
                out.write(head(requestId, ""));
                out.write("x".repeat(50_000).getBytes(StandardCharsets.US_ASCII));
                out.flush();
                Thread.sleep(300);
            }
            List<LogRecord> about = awaitTheRead(log, requestId);
            assertThat(about).allSatisfy(r -> {
                assertThat(r.getLevel().intValue()).as(r.getMessage()).isLessThan(Level.WARNING.intValue());
                assertThat(r.getThrown()).as("a stack trace for what the client did").isNull();
            });
            assertNoError(log);
        }
    }

    /**
     * Sixteenth pass: the gateway answers 408 in front of RESTEasy when a body does not arrive in time, and closes the
     * connection; RESTEasy's worker, its read ended by the close, then wrote its own answer over the one already sent,
     * and Quarkus logged "Response has already been written" at ERROR with a 22-line trace (twice in a green build, any
     * caller could repeat it). Nothing is written after the end now, and nothing logged above INFO.
     */
    @Test
    void aBodyCutOffByAnAnswerInFrontOfRestEasyLeavesNothingToWriteAndNoError() throws Exception {
        String requestId = "cut-off-" + System.nanoTime();
        try (LogCapture log = LogCapture.ofAllLoggers();
             Socket socket = new Socket(root.getHost(), root.getPort())) {
            socket.setSoTimeout(15_000);
            OutputStream out = socket.getOutputStream();
            out.write(head(requestId, BodyDeadlineRoute.HEADER + ": 500\r\n"));
            out.write("x".repeat(50_000).getBytes(StandardCharsets.US_ASCII)); // and never the rest
            out.flush();
            String answer = new String(socket.getInputStream().readAllBytes(), StandardCharsets.US_ASCII);
            assertThat(answer).as("the one answer, and the connection closed after it").startsWith("HTTP/1.1 408")
                    .endsWith("{\"status\":408}");
            awaitTheRead(log, requestId);
            assertNoError(log);
        }
    }

    private static byte[] head(String requestId, String extra) {
        return ("POST /widgets HTTP/1.1\r\nHost: localhost\r\nContent-Type: application/json\r\n"
                + "X-Request-Id: " + requestId + "\r\n" + extra + "Content-Length: 200000\r\n\r\n{\"name\":\"")
                .getBytes(StandardCharsets.US_ASCII);
    }

    /** ProblemMappers' line for the request, once the worker's read ended; and a moment for anything logged after it. */
    private static List<LogRecord> awaitTheRead(LogCapture log, String requestId) throws InterruptedException {
        assertThat(log.await(m -> m.contains(requestId), Duration.ofSeconds(10))).as("what the server logged of the cut request")
                .isTrue();
        Thread.sleep(300);
        return log.records().stream().filter(r -> LogCapture.formatted(r).contains(requestId)).toList();
    }

    private static void assertNoError(LogCapture log) {
        assertThat(LogCapture.describe(log.atLeast(Level.SEVERE))).as("records at ERROR for what a client did").isEmpty();
        assertThat(log.records()).filteredOn(r -> r.getLoggerName().equals(ProblemMappers.class.getName())
                && r.getLevel().intValue() >= Level.WARNING.intValue()).isEmpty();
    }
}
