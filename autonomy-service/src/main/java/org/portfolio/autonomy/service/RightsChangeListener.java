package org.portfolio.autonomy.service;

import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;
import org.postgresql.PGConnection;
import org.postgresql.PGNotification;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.util.Optional;

/**
 * Listens on the PostgreSQL channel that {@link RightsChangeNotifier} notifies, on its own connection, and
 * invalidates this replica's {@link RightsCache}. While the connection is down the cache is switched off (every
 * check reads the database) and cleared when it comes back, so no replica ever answers from a stale snapshot
 * because it missed a notification.
 */
@ApplicationScoped
public class RightsChangeListener {

    private static final Logger LOG = Logger.getLogger(RightsChangeListener.class);

    @Inject
    RightsCache cache;

    @Inject
    RightsChangeNotifier notifier;

    @Inject
    AutonomyConfig config;

    @ConfigProperty(name = "quarkus.datasource.jdbc.url")
    String url;

    @ConfigProperty(name = "quarkus.datasource.username")
    Optional<String> username;

    @ConfigProperty(name = "quarkus.datasource.password")
    Optional<String> password;

    private volatile boolean running;
    private volatile Connection connection;
    private Thread thread;

    void onStart(@Observes StartupEvent ev) {
        if (!config.rightsCache().enabled()) {
            LOG.info("Decision-rights cache disabled: every check reads the database");
            return;
        }
        running = true;
        thread = new Thread(this::run, "rights-change-listener");
        thread.setDaemon(true);
        thread.start();
    }

    void onStop(@Observes ShutdownEvent ev) {
        running = false;
        closeQuietly();
        if (thread != null) {
            thread.interrupt();
        }
    }

    private void run() {
        long backoff = 200;
        while (running) {
            try (Connection c = DriverManager.getConnection(url, username.orElse(null), password.orElse(null))) {
                connection = c;
                try (Statement s = c.createStatement()) {
                    s.execute("LISTEN " + config.rightsCache().channel());
                }
                PGConnection pg = c.unwrap(PGConnection.class);
                cache.listening(true);
                LOG.infof("Decision-rights cache on: listening for changes on channel %s", config.rightsCache().channel());
                backoff = 200;
                while (running) {
                    PGNotification[] ns = pg.getNotifications(1000);
                    if (ns != null) {
                        for (PGNotification n : ns) {
                            notifier.invalidateLocally(n.getParameter());
                        }
                    }
                    if (ns == null || ns.length == 0) {
                        // a cheap round trip: a dead connection fails here instead of hanging in silence
                        try (Statement s = c.createStatement()) {
                            s.execute("select 1");
                        }
                    }
                }
            } catch (Exception e) {
                cache.listening(false);
                if (running) {
                    LOG.warnf("Decision-rights cache off (change listener lost its connection: %s); retrying in %d ms",
                            e.toString(), backoff);
                    sleep(backoff);
                    backoff = Math.min(backoff * 2, 5_000);
                }
            } finally {
                connection = null;
            }
        }
        cache.listening(false);
    }

    private void closeQuietly() {
        Connection c = connection;
        if (c != null) {
            try {
                c.close();
            } catch (Exception ignored) {
                // stopping
            }
        }
    }

    private static void sleep(long ms) {
        try {
            Thread.sleep(ms);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
