package org.portfolio.testing;

import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * Helpers of the race tests (a write held open in one thread while another arrives): run a piece of work in a CDI
 * request context of its own, see from PostgreSQL that a session waits for a lock, wait on a latch.
 */
public final class Races {

    private Races() {
    }

    /** Runs the work in a request context of its own (a thread of the test's pool has none). */
    public static void inRequest(Runnable work) {
        var ctx = io.quarkus.arc.Arc.container().requestContext();
        ctx.activate();
        try {
            work.run();
        } finally {
            ctx.terminate();
        }
    }

    /** Sessions of this database now waiting for a lock (pg_stat_activity). */
    public static int sessionsWaitingForALock(DataSource dataSource) throws SQLException {
        try (Connection c = dataSource.getConnection();
             PreparedStatement ps = c.prepareStatement("select count(*) from pg_stat_activity "
                     + "where datname = current_database() and wait_event_type = 'Lock'");
             ResultSet rs = ps.executeQuery()) {
            return rs.next() ? rs.getInt(1) : 0;
        }
    }

    /** Waits up to 30 s for the latch (a held transaction waiting for the test's signal to end). */
    public static void await(CountDownLatch latch) {
        try {
            latch.await(30, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
