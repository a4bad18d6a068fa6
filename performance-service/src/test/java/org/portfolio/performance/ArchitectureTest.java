package org.portfolio.performance;

import org.junit.jupiter.api.Test;
import org.portfolio.testing.ArchitectureRules;

class ArchitectureTest {

    @Test
    void serviceKeepsItsBoundaries() {
        ArchitectureRules.check("performance");
    }
}
