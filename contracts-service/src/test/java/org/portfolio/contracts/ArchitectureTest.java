package org.portfolio.contracts;

import org.junit.jupiter.api.Test;
import org.portfolio.testing.ArchitectureRules;

class ArchitectureTest {

    @Test
    void serviceKeepsItsBoundaries() {
        ArchitectureRules.check("contracts");
    }

    /** The accountability clock, expiry and every recorded time follow the injected clock (sixth pass L8, seventh pass). */
    @Test
    void everyTimeComesFromTheInjectedClock() {
        ArchitectureRules.everyTimeComesFromTheInjectedClock("contracts");
    }
}
