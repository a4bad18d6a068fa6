package org.portfolio.performance;

import io.agroal.api.AgroalDataSource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;
import org.portfolio.platform.web.problem.DatabaseUnavailable;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

/**
 * Every service's connections carry {@code idle_in_transaction_session_timeout} (platform-web's shared configuration,
 * 10 minutes): a transaction left open without a statement is ended by PostgreSQL, its locks and snapshot with it
 * (docs/security.md T28). What the driver then reports is "database unavailable" (a request meeting it is answered
 * 503, not 500), and the pool gives out working connections: the ended one is not handed out again.
 */
@QuarkusTest
class IdleTransactionTimeoutTest {

    @Inject
    AgroalDataSource ds;

    @Test
    void pooledConnectionsCarryTheTimeout() throws Exception {
        try (Connection c = ds.getConnection(); Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("show idle_in_transaction_session_timeout")) {
            rs.next();
            assertThat(rs.getString(1)).isEqualTo("10min");
        }
    }

    @Test
    void aTransactionLeftIdleIsEndedAnsweredAsUnavailableAndThePoolRecovers() throws Exception {
        int slots = ds.getConfiguration().connectionPoolConfiguration().maxSize();
        Connection c = ds.getConnection();
        try {
            c.setAutoCommit(false);
            try (Statement s = c.createStatement()) {
                // the same setting, shortened for this one transaction: what the server does once it has passed
                s.execute("set local idle_in_transaction_session_timeout = '200ms'");
                s.execute("select 1");
            }
            Thread.sleep(1_500);
            SQLException ended = catchThrowableOfType(SQLException.class, () -> {
                try (Statement s = c.createStatement()) {
                    s.execute("select 1");
                }
            });
            assertThat((Throwable) ended).as("the server ended the idle transaction's session").isNotNull();
            // a request that meets it is answered 503 with Retry-After (platform-web), not 500
            assertThat(DatabaseUnavailable.in(ended)).as("SQLState " + ended.getSQLState() + " is 'database unavailable'").isTrue();
        } finally {
            try {
                c.close();
            } catch (SQLException closing) {
                // giving back a connection whose session the server ended may itself fail: the pool discards it
            }
        }
        for (int i = 0; i < slots + 2; i++) {
            try (Connection next = ds.getConnection(); Statement s = next.createStatement(); ResultSet rs = s.executeQuery("select 1")) {
                assertThat(rs.next()).isTrue();
            }
        }
    }
}
