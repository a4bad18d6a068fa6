package org.portfolio.performance;

import org.junit.jupiter.api.Test;
import org.portfolio.testing.ArchitectureRules;

class ArchitectureTest {

    @Test
    void serviceKeepsItsBoundaries() {
        ArchitectureRules.check("performance");
    }

    /** Upload jobs, ratings, frameworks, retention and every recorded time follow the injected clock (seventh pass). */
    @Test
    void everyTimeComesFromTheInjectedClock() {
        ArchitectureRules.everyTimeComesFromTheInjectedClock("performance");
    }
}
