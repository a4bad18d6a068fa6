package org.portfolio.infra;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicBoolean;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A PostgreSQL killed under the infra process (the out-of-memory killer's SIGKILL) is started again on its data
 * directory, with what was committed (outside check of the twenty-first pass, L5: it stayed down until
 * {@code ./portfolio down} and {@code up}), also when a backend was at a long statement at the time; and once the
 * infra process stops, the watch starts nothing.
 */
class PostgresWatchTest {

    @TempDir
    Path dir;

    @Test
    void aPostgresKilledUnderTheInfraProcessIsStartedAgainWithItsCommittedData() throws Exception {
        int port;
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            port = s.getLocalPort();
        }
        EmbeddedPostgresServer pg = new EmbeddedPostgresServer(port, dir.resolve("pg"), true);
        AtomicBoolean stopping = new AtomicBoolean();
        Object startLock = new Object();
        Thread watch = new Thread(new PostgresWatch(pg, Duration.ofMillis(200), stopping::get, startLock), "test-postgres-watch");
        try {
            pg.start();
            try (Connection c = connect(port); Statement st = c.createStatement()) {
                st.execute("create table kept (v text)");
                st.execute("insert into kept values ('committed before the kill')");
            }
            watch.start();
            // a backend at a long statement when its postmaster dies goes on with it, holding the old shared memory, and
            // a new server refuses to start until it ends (hostile read of the twenty-second pass, M1: that start failed,
            // and every one after it)
            Thread busy = new Thread(() -> {
                try (Connection c = connect(port); Statement st = c.createStatement()) {
                    st.executeQuery("select count(*) from generate_series(1, 40000000)");
                } catch (Exception ended) {
                    // its connection goes with the old server
                }
            }, "test-busy-backend");
            busy.start();
            Thread.sleep(500);
            long killed = postmaster();
            assertThat(ProcessHandle.of(killed).orElseThrow().destroyForcibly()).isTrue();

            long until = System.nanoTime() + Duration.ofSeconds(60).toNanos();
            String value = null;
            while (value == null && System.nanoTime() < until) {
                Thread.sleep(200);
                try (Connection c = connect(port); Statement st = c.createStatement(); ResultSet rs = st.executeQuery("select v from kept")) {
                    value = rs.next() ? rs.getString(1) : "";
                } catch (java.sql.SQLException notYet) {
                    // still down, or recovering
                }
            }
            assertThat(value).as("the kept row, read from the server started again").isEqualTo("committed before the kill");
            assertThat(postmaster()).isNotEqualTo(killed);
            assertThat(pg.postmasterAlive()).isTrue();
        } finally {
            synchronized (startLock) {
                stopping.set(true);
            }
            watch.interrupt();
            watch.join(10_000);
            pg.close();
        }
        assertThat(watch.isAlive()).isFalse();
        assertThat(pg.postmasterAlive()).as("nothing started again after the infra process stopped").isFalse();
    }

    private long postmaster() throws Exception {
        return Long.parseLong(Files.readAllLines(dir.resolve("pg/postmaster.pid")).get(0).trim());
    }

    private static Connection connect(int port) throws Exception {
        return DriverManager.getConnection("jdbc:postgresql://127.0.0.1:" + port + "/postgres?connectTimeout=2", "postgres", "postgres");
    }
}
