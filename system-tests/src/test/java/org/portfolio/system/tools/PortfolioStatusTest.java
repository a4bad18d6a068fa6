package org.portfolio.system.tools;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code ./portfolio status} with the infra process alive and its PostgreSQL or broker not answering (an outside check
 * of database outages, twenty-first pass: it said "running" of a PostgreSQL that had died under the infra process).
 * A process that listens stands for PostgreSQL, a port nobody listens on for the broker; no service runs.
 */
class PortfolioStatusTest {

    @Test
    void statusSaysWhetherPostgresAndTheBrokerAnswer(@TempDir Path home) throws Exception {
        Files.createDirectories(home.resolve("run"));
        Files.writeString(home.resolve("run/infra.pid"), Long.toString(ProcessHandle.current().pid()));
        int nobody;
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            nobody = s.getLocalPort();
        }
        try (ServerSocket postgres = new ServerSocket(0, 50, InetAddress.getLoopbackAddress())) {
            ProcessBuilder pb = new ProcessBuilder("./portfolio", "status").directory(Path.of("..").toFile())
                    .redirectErrorStream(true);
            pb.environment().put("PORTFOLIO_HOME", home.toString());
            pb.environment().put("PORTFOLIO_PG_PORT", Integer.toString(postgres.getLocalPort()));
            pb.environment().put("PORTFOLIO_KAFKA_PORT", Integer.toString(nobody));
            Process p = pb.start();
            assertThat(p.waitFor(30, TimeUnit.SECONDS)).as("status finished").isTrue();
            String out = new String(p.getInputStream().readAllBytes());
            assertThat(out).contains("postgres :" + postgres.getLocalPort() + " up  kafka :" + nobody + " NOT ANSWERING")
                    .contains("contracts-service    stopped");
        }
    }
}
