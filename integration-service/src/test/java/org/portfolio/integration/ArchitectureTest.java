package org.portfolio.integration;

import org.junit.jupiter.api.Test;
import org.portfolio.testing.ArchitectureRules;

class ArchitectureTest {

    @Test
    void serviceKeepsItsBoundaries() {
        ArchitectureRules.check("integration");
    }

    /** Deliveries, backoff, the retention purge and every recorded time follow the injected clock (seventh pass). */
    @Test
    void everyTimeComesFromTheInjectedClock() {
        ArchitectureRules.everyTimeComesFromTheInjectedClock("integration");
    }
}
