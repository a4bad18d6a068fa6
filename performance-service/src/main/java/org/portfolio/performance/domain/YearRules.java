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

    /**
     * Suppressed: the value rests on fewer students than the minimum n, or on an unknown number where the metric has
     * one (a graduation rate posted without n was published however small its cohort: review of 2026-12-05, seventh
     * pass). A metric whose minimum n is 0 (days cash on hand, teacher vacancies) needs no n.
     */
    public boolean suppressed(String metricCode, Integer n) {
        int minimum = minimumNFor(metricCode);
        return minimum > 0 && (n == null || n < minimum);
    }
}
