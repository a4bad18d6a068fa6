package org.portfolio.edfi.repository;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;
import org.portfolio.edfi.service.EdFiConfig;

import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

/**
 * Review finding M3 (2026-12-05): a GET list with a deep offset, or a filter no index narrows, sorted every matching
 * row with no bound on its time. A list's transaction now limits its statements ({@code list-statement-timeout}, 30 s;
 * a cancelled statement, SQL state 57014, is answered 503 like any database that cannot serve the request now). Here
 * the mechanism on the real database: past the limit the statement is cancelled; the limit ends with its transaction.
 */
@QuarkusTest
class ListStatementTimeoutTest {

    @Inject
    ResourceStore store;

    @Inject
    Sql sql;

    @Inject
    EdFiConfig config;

    @Test
    void aLimitedTransactionsStatementsAreCancelledPastTheLimitAndTheNextTransactionIsNotLimited() {
        assertThat(config.listStatementTimeout()).isEqualTo(Duration.ofSeconds(30));
        Throwable cancelled;
        QuarkusTransaction.begin();
        try {
            store.limitStatements(Duration.ofMillis(200));
            cancelled = catchThrowable(() -> sleep(2.0));
        } finally {
            QuarkusTransaction.rollback();
        }
        assertThat(sqlState(cancelled)).isEqualTo("57014");
        long t0 = System.nanoTime();
        QuarkusTransaction.requiringNew().run(() -> sleep(0.5));
        assertThat(Duration.ofNanos(System.nanoTime() - t0)).isGreaterThanOrEqualTo(Duration.ofMillis(450));
    }

    private void sleep(double seconds) {
        sql.work(c -> {
            try (Statement st = c.createStatement()) {
                st.execute("select pg_sleep(" + seconds + ")");
            }
            return null;
        });
    }

    private static String sqlState(Throwable t) {
        for (Throwable c = t; c != null; c = c.getCause()) {
            if (c instanceof SQLException s) {
                return s.getSQLState();
            }
        }
        return null;
    }
}
