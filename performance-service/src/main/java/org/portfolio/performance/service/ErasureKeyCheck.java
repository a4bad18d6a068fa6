package org.portfolio.performance.service;

import io.quarkus.runtime.LaunchMode;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;

/**
 * A packaged performance-service does not start with the erasure-audit key everyone can read in this repository: with
 * it, an erased student's id could be found again from the audit's HMAC by trying ids (review of 2026-12-05, seventh
 * pass; ./portfolio did not set one). Tests and dev mode keep the default.
 */
@ApplicationScoped
public class ErasureKeyCheck {

    static final String TEST_KEY = "portfolio-erasure-audit";
    static final int MIN_LENGTH = 32;

    @Inject
    PerformanceConfig config;

    void onStart(@Observes StartupEvent e) {
        String problem = problem(config.retention().hashKey(), LaunchMode.current());
        if (problem != null) {
            throw new IllegalStateException(problem);
        }
    }

    static String problem(String key, LaunchMode mode) {
        if (mode != LaunchMode.NORMAL) {
            return null;
        }
        if (TEST_KEY.equals(key) || key.length() < MIN_LENGTH) {
            return "portfolio.performance.retention.hash-key (PORTFOLIO_PERFORMANCE_RETENTION_HASH_KEY) must be a secret "
                    + "of at least " + MIN_LENGTH + " characters, not the default: ./portfolio and deploy/generate-env.sh "
                    + "generate one";
        }
        return null;
    }
}
