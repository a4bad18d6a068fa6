package org.portfolio.edfi;

import org.junit.jupiter.api.Test;
import org.portfolio.testing.ArchitectureRules;

class ArchitectureTest {

    @Test
    void serviceKeepsItsBoundaries() {
        ArchitectureRules.check("edfi");
    }

    @Test
    void everyTimeComesFromTheInjectedClock() {
        ArchitectureRules.everyTimeComesFromTheInjectedClock("edfi");
    }
}
