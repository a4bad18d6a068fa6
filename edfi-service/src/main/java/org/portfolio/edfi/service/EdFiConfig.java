package org.portfolio.edfi.service;

import io.quarkus.runtime.configuration.MemorySize;
import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

import java.net.URI;
import java.time.Duration;

/** Settings of the Ed-Fi door ({@code portfolio.edfi.*}; docs/edfi.md). */
@ConfigMapping(prefix = "portfolio.edfi")
public interface EdFiConfig {

    /** performance-service's base address: derived records go to its ingestion API. */
    URI performanceUrl();

    /** Largest request body (an Ed-Fi document, a mapping). */
    @WithDefault("64K")
    MemorySize maxBodySize();

    /**
     * Most sessions a school may have in one school year: a new one past it is refused (400). An SIS sends a handful
     * (a year, semesters, quarters, summers); every derivation pass of the school's attendance resolves all of them
     * against each student, so they were a cost an SIS could grow without bound (ninth pass).
     */
    @WithDefault("40")
    int maxSessionsPerSchoolYear();

    /**
     * Stored documents read at once where a change looks for every result it touches (a mapping change, an assessment
     * changed or deleted): page after page, never all of a district's at once (twenty-second pass).
     */
    @WithDefault("500")
    @jakarta.validation.constraints.Min(1)
    int readPage();

    /** The deriver that drains the derivation queue (docs/edfi.md, decision 0009). */
    Deriver deriver();

    /** edfi-service's own API client: the deriver's uploads carry its token, never a caller's. */
    ServiceClient serviceClient();

    interface Deriver {
        /** Off only in tests that drive the queue themselves. */
        @WithDefault("true")
        boolean enabled();

        /** Queue rows claimed per pass (the rows of one record coalesce into one derivation). */
        @WithDefault("2000")
        int batchSize();

        /**
         * Records per upload (and per retraction) to performance-service, at most 100: it lists at most 100 row errors
         * per upload and stops one whose first 1,000 rows are all rejected; with at most 100 rows every rejection is listed.
         */
        @WithDefault("100")
        @io.smallrye.config.WithName("rows-per-upload")
        int rowsPerUpload();

        /** How long an idle deriver waits before looking at the queue again (a write of this instance wakes it at once). */
        @WithDefault("500ms")
        Duration pollInterval();

        /** The pause before a pass starts after a wake-up, so that a burst of writes coalesces into fewer uploads. */
        @WithDefault("200ms")
        Duration gatherDelay();

        /** First retry delay when performance-service cannot take the records (doubling each attempt, up to retryMax). */
        @WithDefault("1s")
        Duration retryMin();

        @WithDefault("5m")
        Duration retryMax();

        /**
         * Failures of a record's own derivation (an unexpected error, not performance-service being unavailable) after
         * which it is parked: its rows leave the queue, it is listed at GET /edfi/derivations/problems (DERIVATION_FAILED).
         */
        @WithDefault("5")
        @io.smallrye.config.WithName("max-attempts")
        int maxAttempts();
    }

    /** The client's id is not a setting: platform-web's IngestOnlyClients.EDFI_SERVICE_CLIENT (svc_edfi; review of edfi5, M3). */
    interface ServiceClient {
        /** The gateway's token endpoint (client credentials). */
        @WithDefault("http://localhost:8080/oauth/token")
        URI tokenUrl();

        /** Its secret; without one the deriver cannot send anything and the queue waits (logged). */
        java.util.Optional<String> secret();
    }

    /**
     * Longest a GET list's statements (the page, the Total-Count) may run: a deep {@code offset} or a filter no index
     * narrows sorts the matching rows, so one request could hold a core for minutes. Past it: 503 with Retry-After.
     */
    @WithDefault("30s")
    Duration listStatementTimeout();

    /** Largest page of a GET list (Ed-Fi's default limit is 25, its maximum 500). */
    @WithDefault("500")
    int maxLimit();
}
