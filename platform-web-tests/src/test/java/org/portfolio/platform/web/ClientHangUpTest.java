package org.portfolio.platform.web;

import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.Test;
import org.portfolio.platform.web.problem.ProblemMappers;

import java.io.OutputStream;
import java.net.Socket;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A client that hangs up before its body is whole (a timeout on its side, a proxy giving up, or the body deadline's own
 * close) did nothing wrong the server must act on. It was logged as an ERROR "Unexpected error" with a 60-line stack
 * trace and answered 500 (sixteenth pass: seven such ERRORs in a green build's log; a caller opening and dropping
 * connections could fill the error log for free). Now one INFO line without a trace, and a 400 nobody reads.
 */
@QuarkusTest
class ClientHangUpTest {

    @TestHTTPResource("/")
    URL root;

    @Test
    void aBodyCutShortByTheClientIsOneInfoLineNotAnErrorWithATrace() throws Exception {
        String requestId = "hang-up-" + System.nanoTime();
        List<LogRecord> records = new CopyOnWriteArrayList<>();
        Handler capture = new Handler() {
            @Override
            public void publish(LogRecord r) {
                records.add(r);
            }

            @Override
            public void flush() {
            }

            @Override
            public void close() {
            }
        };
        Logger log = Logger.getLogger(ProblemMappers.class.getName());
        log.addHandler(capture);
        try {
            try (Socket socket = new Socket(root.getHost(), root.getPort())) {
                OutputStream out = socket.getOutputStream();
                // more than RESTEasy's input buffer, so the rest is read blocking on a worker; then the client goes
                out.write(("POST /widgets HTTP/1.1\r\nHost: localhost\r\nContent-Type: application/json\r\n"
                        + "X-Request-Id: " + requestId + "\r\nContent-Length: 200000\r\n\r\n{\"name\":\"")
                        .getBytes(StandardCharsets.US_ASCII));
                out.write("x".repeat(50_000).getBytes(StandardCharsets.US_ASCII));
                out.flush();
                Thread.sleep(300);
            }
            long deadline = System.currentTimeMillis() + 10_000;
            while (mentioning(records, requestId).isEmpty() && System.currentTimeMillis() < deadline) {
                Thread.sleep(50);
            }
        } finally {
            log.removeHandler(capture);
        }
        List<LogRecord> about = mentioning(records, requestId);
        assertThat(about).as("what the server logged of the cut request").isNotEmpty();
        assertThat(about).allSatisfy(r -> {
            assertThat(r.getLevel().intValue()).as(r.getMessage()).isLessThan(Level.WARNING.intValue());
            assertThat(r.getThrown()).as("a stack trace for what the client did").isNull();
        });
    }

    private static List<LogRecord> mentioning(List<LogRecord> records, String requestId) {
        return records.stream().filter(r -> String.valueOf(formatted(r)).contains(requestId)).toList();
    }

    private static String formatted(LogRecord r) {
        Object[] params = r.getParameters();
        if (params == null || params.length == 0) {
            return r.getMessage();
        }
        try {
            return String.format(r.getMessage(), params);
        } catch (RuntimeException e) {
            return r.getMessage() + java.util.Arrays.toString(params);
        }
    }
}
