package org.portfolio.edfi.repository;

import io.agroal.api.AgroalDataSource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import java.sql.ResultSet;
import java.sql.Statement;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * {@link Sql#transaction} on a connection that dies inside it (the database restarts, the backend is killed): neither
 * commit nor rollback can end the transaction, and the pool's slot must come back. Agroal 3.0.1's {@code abort} on its
 * wrapper did not give it back (review of 2026-12-04, H1): after as many such failures as the pool has connections,
 * every later write waited for the acquisition timeout.
 */
@QuarkusTest
class SqlTransactionTest {

    @Inject
    Sql sql;

    @Inject
    AgroalDataSource dataSource;

    @Test
    void aTransactionWhoseConnectionDiesGivesItsSlotBackToThePool() {
        int slots = dataSource.getConfiguration().connectionPoolConfiguration().maxSize();
        for (int i = 0; i < slots + 2; i++) {
            assertThatThrownBy(() -> sql.transaction(() -> sql.work(c -> {
                try (Statement st = c.createStatement()) {
                    st.execute("select pg_terminate_backend(pg_backend_pid())");
                }
                return null;
            }))).as("a transaction whose backend was terminated fails").isNotNull();
        }
        long t0 = System.nanoTime();
        Integer one = sql.transaction(() -> sql.work(c -> {
            try (Statement st = c.createStatement(); ResultSet rs = st.executeQuery("select 1")) {
                rs.next();
                return rs.getInt(1);
            }
        }));
        assertThat(one).isEqualTo(1);
        assertThat((System.nanoTime() - t0) / 1_000_000).as("ms to get a connection afterwards").isLessThan(3_000);
    }
}
