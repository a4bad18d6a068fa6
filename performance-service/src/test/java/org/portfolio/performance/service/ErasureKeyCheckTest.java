package org.portfolio.performance.service;

import io.quarkus.runtime.LaunchMode;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class ErasureKeyCheckTest {

    @Test
    void aPackagedServiceRefusesTheDefaultOrAShortKeyAndTestsKeepTheDefault() {
        assertThat(ErasureKeyCheck.problem("portfolio-erasure-audit", LaunchMode.NORMAL)).contains("must be a secret");
        assertThat(ErasureKeyCheck.problem("short", LaunchMode.NORMAL)).contains("at least 32");
        assertThat(ErasureKeyCheck.problem("k".repeat(43), LaunchMode.NORMAL)).isNull();
        assertThat(ErasureKeyCheck.problem("portfolio-erasure-audit", LaunchMode.TEST)).isNull();
        assertThat(ErasureKeyCheck.problem("portfolio-erasure-audit", LaunchMode.DEVELOPMENT)).isNull();
    }
}
