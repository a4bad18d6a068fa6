package org.portfolio.system;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * The whole suite, started exactly as a user starts it: {@code ./portfolio up} (PostgreSQL, Kafka and the seven
 * services as separate processes), on free ports and in its own home directory under target/, so nothing
 * already running on the machine is used or disturbed.
 */
public final class PortfolioStack {

    public static final List<String> SERVICES =
            List.of("contracts-service", "autonomy-service", "performance-service", "enrollment-service", "integration-service",
                    "edfi-service", "gateway");

    private final Path root = Path.of("..").toAbsolutePath().normalize();
    private final Path home;
    private final Map<String, String> env = new LinkedHashMap<>();
    private final Map<String, Integer> ports = new LinkedHashMap<>();

    public PortfolioStack(String name) throws IOException {
        home = Path.of("target", name).toAbsolutePath();
        deleteRecursively(home);
        Files.createDirectories(home);
        env.put("PORTFOLIO_HOME", home.toString());
        port("PORTFOLIO_PG_PORT", "postgres");
        port("PORTFOLIO_KAFKA_PORT", "kafka");
        port("PORTFOLIO_KAFKA_CONTROLLER_PORT", "kafka-controller");
        port("PORTFOLIO_INFRA_CONTROL_PORT", "infra-control");
        port("PORTFOLIO_GATEWAY_PORT", "gateway");
        port("PORTFOLIO_CONTRACTS_PORT", "contracts-service");
        port("PORTFOLIO_AUTONOMY_PORT", "autonomy-service");
        port("PORTFOLIO_PERFORMANCE_PORT", "performance-service");
        port("PORTFOLIO_ENROLLMENT_PORT", "enrollment-service");
        port("PORTFOLIO_INTEGRATION_PORT", "integration-service");
        port("PORTFOLIO_EDFI_PORT", "edfi-service");
        port("PORTFOLIO_DEMO_RECEIVER_PORT", "demo-receiver");
        // Tests, not measurements: the stack's JVMs compile with C1 only (as the build's own JVMs do, .mvn/jvm.config and
        // surefire's argLine). Seven services starting at once on two cores spend most of their start in the C2
        // compiler; the benchmarks under benchmarks/ start their stacks with the default, full JIT.
        String javaOpts = System.getenv("PORTFOLIO_JAVA_OPTS");
        env.put("PORTFOLIO_JAVA_OPTS", javaOpts != null ? javaOpts : "-XX:TieredStopAtLevel=1");
        // … except the gateway, which signs every token the tests get: an RS256 signature takes 100–160 ms with C1 only
        // (no BigInteger intrinsics) against 2–3 ms with the full JIT (docs/testing.md, "Test tokens")
        if (javaOpts == null && System.getenv("PORTFOLIO_GATEWAY_JAVA_OPTS") == null) {
            env.put("PORTFOLIO_GATEWAY_JAVA_OPTS", "");
        }
        // The Ed-Fi sample (Grand Bend) is of 2021-22: five years after its end, from 2027-07-01, the retention purge
        // (first run 5 min after start) would delete it under EdFiGrandBendIT's reads, depending on the order the tests
        // ran in (time-bomb review, sixteenth pass). The build's stack lives minutes: its first purge waits a day.
        env.put("PORTFOLIO_PERFORMANCE_RETENTION_DELAY", "24h");
    }

    /** Runs {@code ./portfolio <args>} and returns its output; fails on a non-zero exit. */
    public String run(Duration timeout, String... args) throws IOException, InterruptedException {
        Path log = home.resolve("portfolio-" + args[0] + ".out");
        ProcessBuilder pb = new ProcessBuilder(concat("./portfolio", args)).directory(root.toFile())
                .redirectErrorStream(true).redirectOutput(log.toFile());
        pb.environment().putAll(env);
        Process p = pb.start();
        if (!p.waitFor(timeout.toSeconds(), TimeUnit.SECONDS)) {
            p.destroyForcibly();
            throw new AssertionError("./portfolio " + String.join(" ", args) + " did not finish in " + timeout
                    + ":\n" + Files.readString(log));
        }
        String out = Files.readString(log);
        if (p.exitValue() != 0) {
            throw new AssertionError("./portfolio " + String.join(" ", args) + " exited " + p.exitValue() + ":\n" + out);
        }
        return out;
    }

    public String up() throws IOException, InterruptedException {
        return run(Duration.ofMinutes(6), "up");
    }

    public String down() throws IOException, InterruptedException {
        return run(Duration.ofMinutes(2), "down");
    }

    public int port(String component) {
        return ports.get(component);
    }

    public String url(String service) {
        return "http://127.0.0.1:" + port(service);
    }

    public Path home() {
        return home;
    }

    /** An extra environment variable for `./portfolio` and the services it starts (e.g. a gateway setting). */
    public PortfolioStack env(String name, String value) {
        env.put(name, value);
        return this;
    }

    /** An API client's id and secret. */
    public record Client(String id, String secret) {
    }

    /** The bootstrap administrator `./portfolio up` generated (keys/bootstrap-admin.env). */
    public Client bootstrapClient() throws IOException {
        Map<String, String> values = new LinkedHashMap<>();
        for (String line : Files.readAllLines(home.resolve("keys/bootstrap-admin.env"))) {
            int eq = line.indexOf('=');
            if (eq > 0) {
                values.put(line.substring(0, eq), line.substring(eq + 1));
            }
        }
        return new Client(values.get("PORTFOLIO_GATEWAY_BOOTSTRAP_CLIENT_ID"), values.get("PORTFOLIO_GATEWAY_BOOTSTRAP_CLIENT_SECRET"));
    }

    /** edfi-service's own client, svc_edfi (ingest-only), with the secret `./portfolio up` generated (keys/edfi-client.env). */
    public Client edfiServiceClient() throws IOException {
        for (String line : Files.readAllLines(home.resolve("keys/edfi-client.env"))) {
            if (line.startsWith("EDFI_CLIENT_SECRET=")) {
                return new Client("svc_edfi", line.substring("EDFI_CLIENT_SECRET=".length()));
            }
        }
        throw new IllegalStateException("keys/edfi-client.env holds no EDFI_CLIENT_SECRET");
    }

    /** The installation's token signing key (to forge expired or tampered tokens in tests). */
    public Path privateKey() {
        return home.resolve("keys/jwt-private.pem");
    }

    /** A service's log file. */
    public Path log(String component) {
        return home.resolve("logs").resolve(component + ".log");
    }

    /** The pid ./portfolio recorded for a component (infra or a service), if it recorded one. */
    public Optional<Long> pid(String component) throws IOException {
        Path f = home.resolve("run").resolve(component + ".pid");
        return Files.exists(f) ? Optional.of(Long.parseLong(Files.readString(f).trim())) : Optional.empty();
    }

    /** The PostgreSQL postmaster's pid, read from its data directory. */
    public Optional<Long> postgresPid() throws IOException {
        Path f = home.resolve("data/postgres/postmaster.pid");
        return Files.exists(f) ? Optional.of(Long.parseLong(Files.readAllLines(f).get(0).trim())) : Optional.empty();
    }

    /**
     * A free port below the ephemeral range (Linux: 32768–60999). A port the system hands out for {@code bind(0)} is
     * also one it hands out for another process's outgoing connection in the seconds before the service binds it: the
     * build's parallel modules connect to their own PostgreSQL and Kafka all the time (a stack start failed once with a
     * service that "exited", 2026-12-05).
     */
    private void port(String variable, String component) throws IOException {
        java.util.concurrent.ThreadLocalRandom random = java.util.concurrent.ThreadLocalRandom.current();
        for (int attempt = 0; attempt < 200; attempt++) {
            int candidate = random.nextInt(20_000, 32_000);
            if (ports.containsValue(candidate)) {
                continue;
            }
            // the gateway listens on every interface (./portfolio's default): its port must be free on all of them
            try (ServerSocket s = component.equals("gateway") ? new ServerSocket(candidate)
                    : new ServerSocket(candidate, 1, InetAddress.getLoopbackAddress())) {
                env.put(variable, Integer.toString(s.getLocalPort()));
                ports.put(component, s.getLocalPort());
                return;
            } catch (IOException taken) {
                // another one
            }
        }
        throw new IOException("no free port for " + component + " in 20000–31999");
    }

    /** Copies the logs of a stack that did not start beside its home, before the next start deletes that home. */
    public Path keepLogs() throws IOException {
        Path kept = home.resolveSibling(home.getFileName() + "-failed-" + System.currentTimeMillis());
        Files.createDirectories(kept);
        // the services' logs, and ./portfolio's own output (which names the service that exited)
        for (Path dir : List.of(home.resolve("logs"), home)) {
            if (!Files.isDirectory(dir)) {
                continue;
            }
            try (var files = Files.list(dir)) {
                for (Path f : files.filter(Files::isRegularFile)
                        .filter(f -> dir != home || f.getFileName().toString().startsWith("portfolio-")).toList()) {
                    Files.copy(f, kept.resolve(f.getFileName()));
                }
            }
        }
        return kept;
    }

    private static String[] concat(String first, String[] rest) {
        String[] all = new String[rest.length + 1];
        all[0] = first;
        System.arraycopy(rest, 0, all, 1, rest.length);
        return all;
    }

    static void deleteRecursively(Path dir) throws IOException {
        if (!Files.exists(dir)) {
            return;
        }
        try (var files = Files.walk(dir)) {
            files.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        }
    }
}
