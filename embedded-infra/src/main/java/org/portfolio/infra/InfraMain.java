package org.portfolio.infra;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintWriter;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;

/**
 * One process holding a real PostgreSQL and a real Kafka broker.
 *
 * <pre>
 * java -cp ... org.portfolio.infra.InfraMain --data-dir DIR [--keep-data]
 *      [--pg-port N] [--kafka-port N] [--controller-port N] [--databases a,b]
 *      [--control-port N] [--exit-with-parent] [--ready-file FILE]
 * </pre>
 * A port of 0 means "pick a free one". When everything is up it prints one line
 * {@code PORTFOLIO-INFRA-READY pg=<port> kafka=<port> control=<port>} and writes the same as
 * properties to the ready file. The control port takes line commands ({@code kafka-stop},
 * {@code kafka-start}, {@code ping}, {@code shutdown}) so tests can simulate a broker outage.
 * With {@code --exit-with-parent} it stops when its standard input closes, so a test JVM that
 * dies (even by SIGKILL) never leaves PostgreSQL or Kafka behind. With {@code --keep-data} a PostgreSQL that dies is
 * started again on its data directory ({@link PostgresWatch}).
 */
public final class InfraMain {

    public static final String READY_MARKER = "PORTFOLIO-INFRA-READY";

    private final EmbeddedPostgresServer postgres;
    private final EmbeddedKafkaBroker kafka;
    private final CountDownLatch stopped = new CountDownLatch(1);
    private volatile boolean shuttingDown;

    private InfraMain(EmbeddedPostgresServer postgres, EmbeddedKafkaBroker kafka) {
        this.postgres = postgres;
        this.kafka = kafka;
    }

    public static void main(String[] args) throws Exception {
        Map<String, String> opts = parse(args);
        Path dataDir = Path.of(required(opts, "data-dir")).toAbsolutePath();
        boolean keepData = opts.containsKey("keep-data");
        int pgPort = port(opts.getOrDefault("pg-port", "0"));
        int kafkaPort = port(opts.getOrDefault("kafka-port", "0"));
        int controllerPort = port(opts.getOrDefault("controller-port", "0"));
        List<String> databases = opts.containsKey("databases")
                ? Arrays.asList(opts.get("databases").split(",")) : List.of();

        InfraMain infra = new InfraMain(
                new EmbeddedPostgresServer(pgPort, dataDir.resolve("postgres"), keepData),
                new EmbeddedKafkaBroker(kafkaPort, controllerPort, dataDir.resolve("kafka")));
        Runtime.getRuntime().addShutdownHook(new Thread(infra::shutdown, "infra-shutdown"));

        long t0 = System.nanoTime();
        infra.postgres.start();
        infra.postgres.createDatabases(databases);
        long t1 = System.nanoTime();
        infra.kafka.start();
        long t2 = System.nanoTime();

        int controlPort = -1;
        if (opts.containsKey("control-port")) {
            ServerSocket control = new ServerSocket(port(opts.get("control-port")), 10, InetAddress.getLoopbackAddress());
            controlPort = control.getLocalPort();
            Thread t = new Thread(() -> infra.serveControl(control), "infra-control");
            t.setDaemon(true);
            t.start();
        }
        if (keepData) {
            // ./portfolio up: a PostgreSQL that died is started again (a test's fresh cluster is not)
            Thread t = new Thread(new PostgresWatch(infra.postgres, java.time.Duration.ofSeconds(2), () -> infra.shuttingDown, infra),
                    "infra-postgres-watch");
            t.setDaemon(true);
            t.start();
        }
        if (opts.containsKey("exit-with-parent")) {
            Thread t = new Thread(infra::exitWhenStdinCloses, "infra-parent-watch");
            t.setDaemon(true);
            t.start();
        }

        String ready = "pg=" + pgPort + " kafka=" + kafkaPort + " control=" + controlPort;
        if (opts.containsKey("ready-file")) {
            Path file = Path.of(opts.get("ready-file"));
            Path tmp = file.resolveSibling(file.getFileName() + ".tmp");
            Files.writeString(tmp, String.join("\n",
                    "pg.port=" + pgPort, "kafka.port=" + kafkaPort, "control.port=" + controlPort,
                    "pid=" + ProcessHandle.current().pid()) + "\n");
            Files.move(tmp, file, java.nio.file.StandardCopyOption.REPLACE_EXISTING,
                    java.nio.file.StandardCopyOption.ATOMIC_MOVE);
        }
        System.out.printf("%s %s (postgres %d ms, kafka %d ms)%n", READY_MARKER, ready,
                (t1 - t0) / 1_000_000, (t2 - t1) / 1_000_000);
        System.out.flush();
        infra.stopped.await();
    }

    private void serveControl(ServerSocket control) {
        while (!shuttingDown) {
            try (Socket s = control.accept();
                 BufferedReader in = new BufferedReader(new InputStreamReader(s.getInputStream(), StandardCharsets.UTF_8));
                 PrintWriter out = new PrintWriter(s.getOutputStream(), true, StandardCharsets.UTF_8)) {
                String cmd = in.readLine();
                try {
                    switch (cmd == null ? "" : cmd.trim()) {
                        case "ping" -> out.println("ok kafka=" + (kafka.isRunning() ? "up" : "down"));
                        case "kafka-stop" -> { kafka.stop(); out.println("ok"); }
                        case "kafka-start" -> { kafka.start(); out.println("ok"); }
                        case "shutdown" -> { out.println("ok"); s.close(); System.exit(0); }
                        default -> out.println("error: unknown command " + cmd);
                    }
                } catch (Exception e) {
                    out.println("error: " + e);
                }
            } catch (IOException e) {
                if (!shuttingDown) {
                    System.err.println("control connection failed: " + e);
                }
            }
        }
    }

    private void exitWhenStdinCloses() {
        try {
            while (System.in.read() != -1) {
                // ignore input; only EOF matters
            }
        } catch (IOException ignored) {
            // parent gone
        }
        System.exit(0);
    }

    private void shutdown() {
        synchronized (this) {
            // after a restart the watch may be doing; it starts nothing once this is set
            shuttingDown = true;
        }
        try {
            kafka.stop();
        } catch (Exception e) {
            System.err.println("kafka stop failed: " + e);
        }
        try {
            postgres.close();
        } catch (Exception e) {
            System.err.println("postgres stop failed: " + e);
        }
        stopped.countDown();
    }

    private static int port(String value) throws IOException {
        int p = Integer.parseInt(value);
        if (p != 0) {
            return p;
        }
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return s.getLocalPort();
        }
    }

    private static String required(Map<String, String> opts, String key) {
        String v = opts.get(key);
        if (v == null) {
            throw new IllegalArgumentException("--" + key + " is required");
        }
        return v;
    }

    private static Map<String, String> parse(String[] args) {
        Map<String, String> opts = new LinkedHashMap<>();
        for (int i = 0; i < args.length; i++) {
            String a = args[i];
            if (!a.startsWith("--")) {
                throw new IllegalArgumentException("unexpected argument " + a);
            }
            String key = a.substring(2);
            if (i + 1 < args.length && !args[i + 1].startsWith("--")) {
                opts.put(key, args[++i]);
            } else {
                opts.put(key, "true");
            }
        }
        return opts;
    }
}
