package org.portfolio.infra;

import java.time.Duration;
import java.util.function.BooleanSupplier;

/**
 * Starts PostgreSQL again when its postmaster dies under the infra process ({@code ./portfolio up}, durable data
 * only): killed by the out-of-memory killer or by hand, it used to stay down until {@code ./portfolio down} and
 * {@code up}, and only {@code ./portfolio status} said so (outside check of the twenty-first pass, L5). Every
 * {@code interval} it looks whether the postmaster named in the data directory's {@code postmaster.pid} runs; if not,
 * it starts the server on the same data directory (PostgreSQL's crash recovery replays the WAL: what was committed is
 * there), once no process of the dead server works in the data directory any more (a backend still at its statement
 * holds the old shared memory, and a new server refuses to start meanwhile). If that start fails, it says so and what
 * to do, and tries no more. The services' connection pools find the new server by themselves.
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
            System.err.println("PostgreSQL's postmaster is gone: waiting for its processes to end, then starting it again");
            try {
                // a backend still at its statement holds the old shared memory, and a start meanwhile fails (hostile
                // read of the twenty-second pass, M1: the start failed, and every one after it)
                postgres.awaitProcessesGone(java.time.Duration.ofSeconds(60), stopping);
            } catch (InterruptedException e) {
                return;
            }
            synchronized (startLock) {
                if (stopping.getAsBoolean()) {
                    return;
                }
                try {
                    postgres.restart();
                    System.err.println("PostgreSQL started again on port " + postgres.port());
                } catch (Exception e) {
                    // the embedded server keeps its lock on the data directory when a start fails: another try in this
                    // process cannot succeed, so say what to do instead of trying for ever
                    System.err.println("starting PostgreSQL again failed (" + e + "); it is not tried again: restart the "
                            + "stack (./portfolio down, then ./portfolio up)");
                    return;
                }
            }
        }
    }
}
