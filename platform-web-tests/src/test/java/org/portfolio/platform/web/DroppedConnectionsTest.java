package org.portfolio.platform.web;

import io.agroal.api.AgroalDataSource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import org.eclipse.microprofile.config.ConfigProvider;
import org.junit.jupiter.api.Test;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Pooled connections the database dropped while they sat idle (a restart, a failover, pg_terminate_backend): each was
 * handed to the next request, which failed with a 503 (an outside check of database outages, twenty-first pass: 18
 * of 112 requests after the database's connections were terminated). platform-web's defaults have the pool check a
 * connection idle for more than 2 s before handing it out.
 */
@QuarkusTest
class DroppedConnectionsTest {

    @Inject
    AgroalDataSource dataSource;

    @Test
    void connectionsDroppedWhileIdleAreReplacedNotHandedOut() throws Exception {
        List<Connection> held = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            Connection c = dataSource.getConnection();
            try (Statement st = c.createStatement()) {
                st.execute("select 1");
            }
            held.add(c);
        }
        for (Connection c : held) {
            c.close(); // back to the pool
        }
        Thread.sleep(2_500); // idle longer than the pool's validation interval
        var config = ConfigProvider.getConfig();
        try (Connection admin = DriverManager.getConnection(config.getValue("quarkus.datasource.jdbc.url", String.class),
                config.getValue("quarkus.datasource.username", String.class),
                config.getValue("quarkus.datasource.password", String.class));
             Statement st = admin.createStatement();
             ResultSet dropped = st.executeQuery("select count(pg_terminate_backend(pid)) from pg_stat_activity "
                     + "where datname = current_database() and pid <> pg_backend_pid() and backend_type = 'client backend'")) {
            dropped.next();
            assertThat(dropped.getInt(1)).as("the pool's connections, dropped").isGreaterThanOrEqualTo(3);
        }
        for (int i = 0; i < 3; i++) {
            try (Connection c = dataSource.getConnection(); Statement st = c.createStatement(); ResultSet rs = st.executeQuery("select 1")) {
                assertThat(rs.next()).isTrue();
            }
        }
    }
}
