package org.portfolio.infra;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * deploy/postgres-init.sql on a real PostgreSQL 17: each service's role owns its database, can build its schema
 * there (Flyway) and cannot connect to any other service's database. (The postgres image runs the file with psql;
 * here its two psql commands, {@code \getenv} and {@code :'var'}, are applied the same way and the SQL is run as is.)
 */
class PostgresInitScriptTest {

    static final List<String> SERVICES = List.of("contracts", "autonomy", "performance", "enrollment", "integration", "edfi", "gateway");

    @TempDir
    static Path dir;
    static EmbeddedPostgresServer pg;
    static int port;

    @BeforeAll
    static void start() throws Exception {
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            port = s.getLocalPort();
        }
        pg = new EmbeddedPostgresServer(port, dir.resolve("pg"), false);
        pg.start();
        Map<String, String> env = new HashMap<>();
        SERVICES.forEach(s -> env.put("PORTFOLIO_DB_PASSWORD_" + s.toUpperCase(), "pw-" + s + "-'quote"));
        try (Connection c = connect("postgres", "postgres"); Statement st = c.createStatement()) {
            for (String sql : statements(Files.readString(ComposeFileTest.ROOT.resolve("deploy/postgres-init.sql")), env)) {
                st.execute(sql);
            }
        }
    }

    /** The server's log never quotes data (a COPY error's CONTEXT line is the failing row: a student id). */
    @Test
    void theServerLogsErrorsTerselyAndWithoutTheirStatement() throws Exception {
        try (Connection c = connect("postgres", "postgres"); Statement st = c.createStatement()) {
            for (String[] setting : new String[][] {{"log_error_verbosity", "terse"}, {"log_min_error_statement", "panic"}}) {
                try (var rs = st.executeQuery("show " + setting[0])) {
                    rs.next();
                    org.assertj.core.api.Assertions.assertThat(rs.getString(1)).as(setting[0]).isEqualTo(setting[1]);
                }
            }
        }
    }

    @AfterAll
    static void stop() throws Exception {
        pg.close();
    }

    @Test
    void eachRoleBuildsItsSchemaInItsOwnDatabaseOnly() throws Exception {
        for (String svc : SERVICES) {
            try (Connection c = connect(svc, svc); Statement st = c.createStatement()) {
                st.execute("create table flyway_probe (id int primary key)");
                st.execute("insert into flyway_probe values (1)");
                st.execute("drop table flyway_probe");
            }
            for (String other : SERVICES) {
                if (!other.equals(svc)) {
                    assertThatThrownBy(() -> connect(svc, other).close()).as(svc + " → database " + other)
                            .isInstanceOf(SQLException.class).hasMessageContaining("permission denied for database \"" + other + "\"");
                }
            }
        }
    }

    @Test
    void theRolesAreOrdinaryAndHaveThePasswordsOfTheEnvironment() throws Exception {
        try (Connection c = connect("postgres", "postgres"); Statement st = c.createStatement()) {
            for (String svc : SERVICES) {
                var rs = st.executeQuery("select rolsuper, rolcreaterole, rolcreatedb, rolpassword is not null from pg_authid where rolname = '" + svc + "'");
                assertThat(rs.next()).as(svc).isTrue();
                assertThat(List.of(rs.getBoolean(1), rs.getBoolean(2), rs.getBoolean(3))).as(svc).containsOnly(false);
                assertThat(rs.getBoolean(4)).as(svc + " has a password").isTrue();
                var owner = st.executeQuery("select pg_get_userbyid(datdba) from pg_database where datname = '" + svc + "'");
                assertThat(owner.next()).isTrue();
                assertThat(owner.getString(1)).isEqualTo(svc);
            }
        }
    }

    private static Connection connect(String user, String database) throws SQLException {
        return DriverManager.getConnection("jdbc:postgresql://127.0.0.1:" + port + "/" + database, user, "unused");
    }

    /** The SQL statements of the script, its psql variables resolved from {@code env} as psql does. */
    static List<String> statements(String script, Map<String, String> env) {
        Map<String, String> vars = new HashMap<>();
        StringBuilder sql = new StringBuilder();
        for (String line : script.split("\n")) {
            String t = line.trim();
            if (t.startsWith("\\getenv ")) {
                String[] f = t.split("\\s+");
                vars.put(f[1], env.get(f[2]));
            } else if (!t.startsWith("\\") && !t.startsWith("--")) {
                sql.append(line).append('\n');
            }
        }
        Matcher m = Pattern.compile(":'([a-z_]+)'").matcher(sql);
        StringBuilder out = new StringBuilder();
        while (m.find()) {
            String v = vars.get(m.group(1));
            assertThat(v).as("psql variable " + m.group(1)).isNotNull();
            m.appendReplacement(out, Matcher.quoteReplacement("'" + v.replace("'", "''") + "'"));
        }
        m.appendTail(out);
        return List.of(out.toString().split(";\\s*\n")).stream().map(String::trim).filter(s -> !s.isEmpty()).toList();
    }
}
