package org.portfolio.platform.events.consumer;

import java.sql.SQLException;
import java.util.Set;

/**
 * Recognises "the database is unreachable" by SQL state, wherever the {@link SQLException} sits in the cause chain
 * (Hibernate and Agroal wrap the driver's): class 08 (connection exceptions: refused, lost, failed), the server
 * shutting down or restarting (57P01 admin shutdown, 57P02 crash shutdown, 57P03 cannot connect now) and 53300 (too
 * many connections), and 25P03 (the session ended by the server: its transaction sat idle past
 * {@code idle_in_transaction_session_timeout}). Such a failure is not counted as an attempt of the event, up to
 * {@code max-transient-retries} in a row while the database answers ({@link DatabaseProbe}); while it does not, the
 * consumer waits however long it takes. Broader than the HTTP side's platform-web {@code DatabaseUnavailable} (which
 * answers 503): a consumer that retries a while loses nothing, while an HTTP caller told to retry a bug (08003, a
 * connection used after it was closed) would retry forever.
 */
final class DatabaseOutage {

    private static final Set<String> STATES = Set.of("57P01", "57P02", "57P03", "53300", "25P03");
    /** Lock contention: a deadlock PostgreSQL broke (40P01), a serialization failure (40001), a lock not available (55P03). */
    private static final Set<String> CONTENTION = Set.of("40P01", "40001", "55P03");

    private DatabaseOutage() {
    }

    static boolean isOutage(Throwable t) {
        return anyState(t, DatabaseOutage::isOutageState);
    }

    /**
     * The transaction lost to another one (a deadlock PostgreSQL broke, a serialization failure, a lock it could not
     * get): the event is not at fault; trying again later succeeds.
     */
    static boolean isContention(Throwable t) {
        return anyState(t, s -> s != null && CONTENTION.contains(s));
    }

    private static boolean anyState(Throwable t, java.util.function.Predicate<String> state) {
        for (Throwable c = t; c != null; c = c.getCause() == c ? null : c.getCause()) {
            if (c instanceof SQLException s) {
                int n = 0;
                for (SQLException e = s; e != null && n < 10; e = e.getNextException(), n++) {
                    if (state.test(e.getSQLState())) {
                        return true;
                    }
                }
            }
        }
        return false;
    }

    static boolean isOutageState(String state) {
        return state != null && (state.startsWith("08") || STATES.contains(state));
    }
}
