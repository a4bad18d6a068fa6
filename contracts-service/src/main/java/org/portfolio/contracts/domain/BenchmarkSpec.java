package org.portfolio.contracts.domain;

import java.math.BigDecimal;
import java.util.EnumSet;
import java.util.Set;
import java.util.UUID;

/**
 * A benchmark as asked for. {@code benchmarkId} names an existing benchmark to keep (its identity, and so its
 * evaluation history, survives amendments); null adds a new one.
 */
public record BenchmarkSpec(UUID benchmarkId, String metricCode, BenchmarkComparator comparator, BigDecimal target,
                            String period, BenchmarkCategory category, Set<AutonomyDomain> guardsDomains,
                            InterventionLevel missTriggers, boolean reinstateOnMet, String description) {

    public BenchmarkSpec {
        guardsDomains = guardsDomains == null || guardsDomains.isEmpty()
                ? EnumSet.noneOf(AutonomyDomain.class) : EnumSet.copyOf(guardsDomains);
        target = target == null ? null : Numbers.normalize(target);
    }
}
