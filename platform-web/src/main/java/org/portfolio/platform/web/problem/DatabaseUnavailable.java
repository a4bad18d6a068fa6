package org.portfolio.platform.web.problem;

import java.sql.SQLException;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/**
 * "The database cannot serve this request now", recognised wherever the {@link SQLException} sits in the cause chain
 * (Hibernate, Agroal and the services' own JDBC wrap the driver's): the database unreachable or shutting down
 * (08000, 08001, 08004, 08006; 57P01–57P03; 53300 too many connections), the session ended by the server after its
 * transaction sat idle too long (25P03, {@code idle_in_transaction_session_timeout}), a statement cancelled or timed out (57014),
 * or no pooled connection free within the pool's acquisition timeout. Agroal reports the last with an
 * {@link SQLException} without an SQL state; its message is the only sign it gives, so that one is matched by text.
 * A request that meets any of these is answered 503 with Retry-After, not 500: the request is not at fault and a retry
 * later succeeds. Not here: 08003 (a connection used after it was closed) and 08P01 (a protocol violation), which are
 * bugs to see as 500s; lock contention (40001, 40P01, 55P03), which is 409. The event consumers keep their own,
 * broader list (platform-events {@code DatabaseOutage}): waiting longer than needed loses them nothing.
 */
public final class DatabaseUnavailable {

    private static final Set<String> OUTAGE = Set.of("08000", "08001", "08004", "08006", "57P01", "57P02", "57P03", "53300", "25P03");
    private static final String CANCELLED = "57014";
    /** Agroal's ConnectionPool: "Sorry, acquisition timeout!" and "Acquisition timeout while waiting for new connection". */
    private static final String POOL_TIMEOUT = "acquisition timeout";

    private DatabaseUnavailable() {
    }

    /** Unreachable, shutting down, or out of connections (server side). */
    public static boolean isOutageState(String state) {
        return state != null && OUTAGE.contains(state);
    }

    /** An outage, a cancelled statement, or an exhausted connection pool anywhere in the cause chain (at most 20 links). */
    public static boolean in(Throwable t) {
        return reason(t).isPresent();
    }

    /** What made the database unavailable, for the log (never a message, which may quote a row): empty when nothing did. */
    public static Optional<String> reason(Throwable t) {
        int links = 0;
        for (Throwable c = t; c != null && links < 20; c = c.getCause() == c ? null : c.getCause(), links++) {
            if (c instanceof SQLException s) {
                int n = 0;
                for (SQLException e = s; e != null && n < 10; e = e.getNextException(), n++) {
                    String state = e.getSQLState();
                    if (isOutageState(state)) {
                        return Optional.of("database unavailable, SQLState " + state);
                    }
                    if (CANCELLED.equals(state)) {
                        return Optional.of("statement cancelled or timed out, SQLState " + state);
                    }
                    if (state == null && e.getMessage() != null && e.getMessage().toLowerCase(Locale.ROOT).contains(POOL_TIMEOUT)) {
                        return Optional.of("no pooled connection free within the acquisition timeout");
                    }
                }
            }
        }
        return Optional.empty();
    }
}
