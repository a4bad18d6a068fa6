package org.portfolio.gateway;

import org.junit.jupiter.api.Test;
import org.portfolio.testing.ArchitectureRules;

class ArchitectureTest {

    @Test
    void serviceKeepsItsBoundaries() {
        ArchitectureRules.check("gateway");
    }

    @Test
    void everyTimeComesFromTheInjectedClock() {
        ArchitectureRules.everyTimeComesFromTheInjectedClock("gateway");
    }
}
