package org.portfolio.performance.domain;

import java.util.Set;

/**
 * The rules in force for a school year: the framework published for that year rates it; suppression and
 * aggregation follow that framework, else the latest published framework of an earlier year ({@code basis}), else
 * the service's defaults. A metric about students ({@code aboutStudents}: ACADEMIC, or computed from student records)
 * is never suppressed below the deployment's floor ({@code floor}, portfolio.performance.minimum-n-floor), whatever a
 * framework published before the floor was set, or raised, says (R6 of the twenty-sixth pass).
 */
public record YearRules(String schoolYear, Framework framework, Framework basis, int defaultMinimumN,
                        int defaultProficientLevel, int floor, Set<String> aboutStudents) {

    public int minimumNFor(String metricCode) {
        int n = basis == null ? defaultMinimumN : basis.minimumNFor(metricCode);
        return aboutStudents.contains(metricCode) ? Math.max(n, floor) : n;
    }

    /** The minimum n of the framework (or the default) for counts of students, held to the floor. */
    public int studentMinimumN() {
        return Math.max(basis == null ? defaultMinimumN : basis.minimumN, floor);
    }

    public int proficientLevel() {
        return basis == null ? defaultProficientLevel : basis.proficientLevel;
    }

    /** Suppressed: the value rests on fewer students than the minimum n (a value without n is never suppressed). */
    public boolean suppressed(String metricCode, Integer n) {
        return n != null && n < minimumNFor(metricCode);
    }
}
