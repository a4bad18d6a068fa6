package org.portfolio.infra;

import java.time.Duration;
import java.util.function.BooleanSupplier;

/**
 * Starts PostgreSQL again when its postmaster dies under the infra process ({@code ./portfolio up}, durable data
 * only): killed by the out-of-memory killer or by hand, it used to stay down until {@code ./portfolio down} and
 * {@code up}, and only {@code ./portfolio status} said so (outside check of the twenty-first pass, L5). Every
 * {@code interval} it looks whether the postmaster named in the data directory's {@code postmaster.pid} runs; if not,
 * it starts the server on the same data directory (PostgreSQL's crash recovery replays the WAL: what was committed is
 * there), and tries again at the next look if that fails (a backend of the dead server still holding its shared
 * memory refuses a new start for a moment). The services' connection pools find the new server by themselves.
 */
final class PostgresWatch implements Runnable {

    private final EmbeddedPostgresServer postgres;
    private final Duration interval;
    private final BooleanSupplier stopping;
    private final Object startLock;

    /**
     * @param stopping  true once the infra process shuts down: the watch ends, and starts nothing any more
     * @param startLock held while the server is started again; shutdown takes it before it stops the server, so the
     *                  watch never starts a server the shutdown has just stopped
     */
    PostgresWatch(EmbeddedPostgresServer postgres, Duration interval, BooleanSupplier stopping, Object startLock) {
        this.postgres = postgres;
        this.interval = interval;
        this.stopping = stopping;
        this.startLock = startLock;
    }

    @Override
    public void run() {
        while (!stopping.getAsBoolean()) {
            try {
                Thread.sleep(interval.toMillis());
            } catch (InterruptedException e) {
                return;
            }
            if (postgres.postmasterAlive()) {
                continue;
            }
            synchronized (startLock) {
                if (stopping.getAsBoolean()) {
                    return;
                }
                System.err.println("PostgreSQL's postmaster is gone: starting it again on its data directory");
                try {
                    postgres.restart();
                    System.err.println("PostgreSQL started again on port " + postgres.port());
                } catch (Exception e) {
                    System.err.println("starting PostgreSQL again failed (will try again): " + e);
                }
            }
        }
    }
}
