package org.portfolio.performance.domain;

/**
 * The rules in force for a school year: the framework published for that year rates it; suppression and
 * aggregation follow that framework, else the latest published framework of an earlier year ({@code basis}), else
 * the service's defaults.
 */
public record YearRules(String schoolYear, Framework framework, Framework basis, int defaultMinimumN,
                        int defaultProficientLevel) {

    public int minimumNFor(String metricCode) {
        return basis == null ? defaultMinimumN : basis.minimumNFor(metricCode);
    }

    public int proficientLevel() {
        return basis == null ? defaultProficientLevel : basis.proficientLevel;
    }

    /** Suppressed: the value rests on fewer students than the minimum n (a value without n is never suppressed). */
    public boolean suppressed(String metricCode, Integer n) {
        return n != null && n < minimumNFor(metricCode);
    }
}
