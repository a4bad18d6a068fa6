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
    void aDiscardedConnectionCommitsNothingEndsItsSessionAndFreesItsSlot() throws Exception {
        String marker = "discard-" + System.nanoTime();
        try (java.sql.Connection setup = dataSource.getConnection(); Statement st = setup.createStatement()) {
            st.execute("create table if not exists sql_discard_probe (marker text)");
        }
        int pid;
        try (java.sql.Connection c = dataSource.getConnection()) {
            c.setAutoCommit(false);
            try (Statement st = c.createStatement(); ResultSet rs = st.executeQuery("select pg_backend_pid()")) {
                rs.next();
                pid = rs.getInt(1);
            }
            try (java.sql.PreparedStatement ins = c.prepareStatement("insert into sql_discard_probe values (?)")) {
                ins.setString(1, marker);
                ins.executeUpdate();
            }
            Sql.discard(c); // a live connection with half a write: never committed by a reset to autocommit
        }
        try (java.sql.Connection check = dataSource.getConnection()) {
            try (java.sql.PreparedStatement q = check.prepareStatement("select count(*) from sql_discard_probe where marker = ?")) {
                q.setString(1, marker);
                try (ResultSet rs = q.executeQuery()) {
                    rs.next();
                    assertThat(rs.getLong(1)).as("rows of the discarded transaction").isZero();
                }
            }
            org.awaitility.Awaitility.await().atMost(java.time.Duration.ofSeconds(5)).untilAsserted(() -> {
                try (java.sql.PreparedStatement q = check.prepareStatement("select count(*) from pg_stat_activity where pid = ?")) {
                    q.setInt(1, pid);
                    try (ResultSet rs = q.executeQuery()) {
                        rs.next();
                        assertThat(rs.getLong(1)).as("the discarded session").isZero();
                    }
                }
            });
        }
    }

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
