package org.portfolio.platform.events.consumer;

import java.sql.SQLException;
import java.util.Set;

/**
 * Recognises "the database is unreachable" by SQL state, wherever the {@link SQLException} sits in the cause chain
 * (Hibernate and Agroal wrap the driver's): class 08 (connection exceptions: refused, lost, failed), the server
 * shutting down or restarting (57P01 admin shutdown, 57P02 crash shutdown, 57P03 cannot connect now) and 53300 (too
 * many connections). While it lasts a consumer waits; the event is not at fault and is not dead-lettered.
 */
final class DatabaseOutage {

    private static final Set<String> STATES = Set.of("57P01", "57P02", "57P03", "53300");

    private DatabaseOutage() {
    }

    static boolean isOutage(Throwable t) {
        for (Throwable c = t; c != null; c = c.getCause() == c ? null : c.getCause()) {
            if (c instanceof SQLException s) {
                int n = 0;
                for (SQLException e = s; e != null && n < 10; e = e.getNextException(), n++) {
                    if (isOutageState(e.getSQLState())) {
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
