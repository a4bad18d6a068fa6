package org.portfolio.autonomy;

import org.junit.jupiter.api.Test;
import org.portfolio.testing.ArchitectureRules;

class ArchitectureTest {

    @Test
    void serviceKeepsItsBoundaries() {
        ArchitectureRules.check("autonomy");
    }

    /** Issue 15 (review finding 6): every time comes from the injected Clock (platform-testing's ArchitectureRules). */
    @Test
    void everyTimeComesFromTheInjectedClock() {
        ArchitectureRules.everyTimeComesFromTheInjectedClock("autonomy");
    }
}
