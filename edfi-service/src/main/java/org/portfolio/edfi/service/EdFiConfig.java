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
     * How long a write waits for its derived records to reach performance-service before answering 503: below the
     * gateway's response timeout (30 s), so the client gets the Ed-Fi answer rather than the gateway's 504.
     */
    @WithDefault("25s")
    Duration derivationTimeout();

    /** Largest page of a GET list (Ed-Fi's default limit is 25, its maximum 500). */
    @WithDefault("500")
    int maxLimit();
}
