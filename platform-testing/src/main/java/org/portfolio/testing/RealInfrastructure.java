package org.portfolio.testing;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.stream.Stream;

/**
 * Real PostgreSQL and real Kafka for {@code @QuarkusTest}s, without Docker: one child JVM per test JVM
 * ({@code org.portfolio.infra.InfraMain}) on free ports and a fresh temporary directory, so nothing already
 * running on the machine is used or disturbed. The child stops when the test JVM exits, even by SIGKILL
 * (it watches its stdin). Also generates the RS256 key pair the services verify test tokens with.
 *
 * <p>Register it once per service module: {@code @QuarkusTestResource(RealInfrastructure.class)} on any test
 * class. State is kept in system properties so that it survives Quarkus restarting the application (and its
 * class loader) between test profiles.
 */
public class RealInfrastructure implements QuarkusTestResourceLifecycleManager {

    static final String P_PG_PORT = "portfolio.test.pg.port";
    static final String P_KAFKA_PORT = "portfolio.test.kafka.port";
    static final String P_CONTROL_PORT = "portfolio.test.infra.control-port";
    static final String P_PUBLIC_KEY = "portfolio.test.jwt.public-key";
    static final String P_PRIVATE_KEY = "portfolio.test.jwt.private-key";
    public static final String DATABASE = "portfolio";

    @Override
    public Map<String, String> start() {
        ensureStarted();
        return Map.of(
                "quarkus.datasource.jdbc.url", jdbcUrl(),
                "quarkus.datasource.username", "postgres",
                "quarkus.datasource.password", "postgres",
                "kafka.bootstrap.servers", bootstrapServers(),
                "mp.jwt.verify.publickey.location", Path.of(System.getProperty(P_PUBLIC_KEY)).toUri().toString(),
                "mp.jwt.verify.issuer", TestTokens.ISSUER,
                // tests call the service as soon as it has started: on a loaded machine give the client directory
                // (platform-events) more than its default 10 s to catch up, or the first requests would get 503
                "portfolio.events.client-directory.startup-wait", "60s");
    }

    @Override
    public void stop() {
        // the infrastructure lives as long as the test JVM: Quarkus may restart the app for another profile
    }

    public static String jdbcUrl() {
        return "jdbc:postgresql://127.0.0.1:" + System.getProperty(P_PG_PORT) + "/" + DATABASE;
    }

    public static String bootstrapServers() {
        return "127.0.0.1:" + System.getProperty(P_KAFKA_PORT);
    }

    static synchronized void ensureStarted() {
        if (System.getProperty(P_KAFKA_PORT) != null) {
            return;
        }
        // the child picks free ports and binds them a moment later; with modules' tests starting at once (the
        // build runs three modules at a time, .mvn/maven.config) another process may take one in between: start afresh
        for (int attempt = 1; ; attempt++) {
            try {
                startOnce();
                return;
            } catch (IllegalStateException e) {
                if (attempt == 3 || !e.getMessage().startsWith(EXITED)) {
                    throw e;
                }
                System.err.println("test infrastructure did not start (" + e.getMessage() + "); trying again");
            }
        }
    }

    private static final String EXITED = "test infrastructure exited with ";

    private static void startOnce() {
        try {
            Path dir = Files.createTempDirectory("portfolio-test-infra-");
            Path ready = dir.resolve("ready.properties");
            Path log = Path.of("target").toFile().isDirectory()
                    ? Path.of("target", "test-infra.log") : dir.resolve("infra.log");
            List<String> cmd = new ArrayList<>(List.of(
                    Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                    "-Xmx384m", "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1",
                    "-cp", System.getProperty("java.class.path"),
                    "org.portfolio.infra.InfraMain",
                    "--data-dir", dir.toString(),
                    "--databases", DATABASE,
                    "--control-port", "0",
                    "--exit-with-parent",
                    "--ready-file", ready.toString()));
            Process process = new ProcessBuilder(cmd)
                    .redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()))
                    .start();
            Instant deadline = Instant.now().plus(Duration.ofSeconds(180));
            while (!Files.exists(ready)) {
                if (!process.isAlive()) {
                    throw new IllegalStateException(EXITED + process.exitValue()
                            + "; see " + log.toAbsolutePath());
                }
                if (Instant.now().isAfter(deadline)) {
                    process.destroyForcibly();
                    throw new IllegalStateException("test infrastructure not ready in 180 s; see " + log.toAbsolutePath());
                }
                Thread.sleep(50);
            }
            Properties p = new Properties();
            try (var in = Files.newInputStream(ready)) {
                p.load(in);
            }
            writeKeys(dir);
            System.setProperty(P_PG_PORT, p.getProperty("pg.port"));
            System.setProperty(P_CONTROL_PORT, p.getProperty("control.port"));
            System.setProperty(P_KAFKA_PORT, p.getProperty("kafka.port"));
            Runtime.getRuntime().addShutdownHook(new Thread(() -> stopAndClean(process, dir), "test-infra-stop"));
        } catch (IOException e) {
            throw new IllegalStateException("could not start the test infrastructure", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static void writeKeys(Path dir) throws IOException {
        try {
            KeyPairGenerator g = KeyPairGenerator.getInstance("RSA");
            g.initialize(2048);
            KeyPair kp = g.generateKeyPair();
            Path pub = dir.resolve("jwt-public.pem");
            Path priv = dir.resolve("jwt-private.pem");
            Files.writeString(pub, pem("PUBLIC KEY", kp.getPublic().getEncoded()), StandardCharsets.US_ASCII);
            Files.writeString(priv, pem("PRIVATE KEY", kp.getPrivate().getEncoded()), StandardCharsets.US_ASCII);
            System.setProperty(P_PUBLIC_KEY, pub.toString());
            System.setProperty(P_PRIVATE_KEY, priv.toString());
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    static String pem(String type, byte[] der) {
        return "-----BEGIN " + type + "-----\n"
                + Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII)).encodeToString(der)
                + "\n-----END " + type + "-----\n";
    }

    private static void stopAndClean(Process process, Path dir) {
        try {
            InfraControl.send("shutdown");
        } catch (Exception ignored) {
            // already gone
        }
        try {
            process.waitFor(15, java.util.concurrent.TimeUnit.SECONDS);
        } catch (InterruptedException ignored) {
            Thread.currentThread().interrupt();
        }
        process.destroyForcibly();
        try (Stream<Path> files = Files.walk(dir)) {
            files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException ignored) {
            // best effort
        }
    }
}
