package org.portfolio.performance.service;

import io.quarkus.runtime.configuration.MemorySize;
import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

import java.time.Duration;

/** Settings of performance-service ({@code portfolio.performance.*}). */
@ConfigMapping(prefix = "portfolio.performance")
public interface PerformanceConfig {

    Ingestion ingestion();

    Defaults defaults();

    Retention retention();

    /**
     * The lowest minimum n a framework may set (422 below it): the deployment's floor for publishing figures about
     * students, so that a framework typed with a minimum n of 1 cannot publish one student's result (hostile read of the
     * twenty-fifth pass, R3). Set by whoever runs the deployment; frameworks stored before keep theirs until revised.
     */
    @WithDefault("5")
    int minimumNFloor();

    /**
     * The district's time zone: the day a school year's retention ends (30 June) is the district's, not UTC's (hostile
     * review of the twenty-seventh pass, Q6: records were purged 4–10 hours early in a US district). The same setting
     * as contracts' and autonomy's {@code time-zone}.
     */
    @WithDefault("UTC")
    java.time.ZoneId timeZone();

    /** Largest body accepted by the endpoints that are not bulk uploads (413 above it). */
    @WithDefault("1M")
    MemorySize maxJsonBodySize();

    interface Ingestion {
        /** Largest upload (413 problem+json above it). Keep quarkus.http.limits.max-body-size above it. */
        @WithDefault("1G")
        MemorySize maxBodySize();

        /** Row errors kept per job (all are counted: errorsTotal). */
        @WithDefault("10000")
        int maxStoredErrors();

        /**
         * An upload whose first this many rows are all rejected is stopped there (422, nothing kept) instead of being
         * read to its end; 0 reads every upload to its end.
         */
        @WithDefault("1000")
        int abortAfterRejectedRows();

        /** Row errors repeated in the upload's answer (all stored ones are at the job's errors resource). */
        @WithDefault("100")
        int responseErrors();

        /** How often a running upload writes its progress to the job. */
        @WithDefault("1s")
        Duration progressInterval();

        /**
         * Uploads this instance takes at once; one more is answered 503 with Retry-After before its body is read. Each
         * holds a database connection for as long as its body arrives: 64 at once from one client took the pool's 50
         * and other callers' reads, and the outbox relay, got none (outside check of the twenty-second pass, H4).
         */
        @WithDefault("16")
        int maxConcurrent();

        /**
         * Uploads one client may have under way on this instance at once (of {@link #maxConcurrent()}); one more is
         * answered 503 with Retry-After before its body is read. Without it one client's uploads could take every
         * place and leave other SIS systems none (hostile read of the twenty-second pass, M8).
         */
        @WithDefault("8")
        int maxConcurrentPerClient();

        /** Transaction timeout of one upload (reading, merging, aggregating). */
        @WithDefault("30m")
        Duration transactionTimeout();

        /** How long an Idempotency-Key is remembered. */
        @WithDefault("24h")
        Duration idempotencyRetention();

        /** A RUNNING job without progress for this long was interrupted (its process died); it is marked FAILED. */
        @WithDefault("10m")
        Duration staleJobAfter();

        /** PostgreSQL work_mem for the set-based merge and aggregation of one upload. */
        @WithDefault("128MB")
        String workMem();
    }

    /**
     * How long student records are kept: per kind, in years after the end of their school year (30 June). The purge
     * job ({@code every}, skipped while another replica runs it) deletes older ones; metric values and ratings are
     * aggregates and are kept.
     */
    interface Retention {
        @WithDefault("5")
        int assessmentYears();

        @WithDefault("5")
        int attendanceYears();

        /**
         * The key of the HMAC-SHA-256 by which an erasure's audit names the student. The default serves tests and dev
         * mode only: a packaged service refuses to start with it ({@link ErasureKeyCheck}); ./portfolio and compose
         * generate one.
         */
        @WithDefault(ErasureKeyCheck.TEST_KEY)
        String hashKey();

        /** How often the purge job runs ("off" disables it). */
        @WithDefault("6h")
        String every();

        /** How long after start the purge job first runs. */
        @WithDefault("5m")
        String delay();
    }

    /** Used for a school year that has no published framework (nor an earlier one to fall back on). */
    interface Defaults {
        @WithDefault("10")
        int minimumN();

        @WithDefault("3")
        int proficientLevel();
    }
}
