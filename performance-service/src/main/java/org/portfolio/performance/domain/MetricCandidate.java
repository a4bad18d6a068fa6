package org.portfolio.performance.domain;

import java.math.BigDecimal;

/**
 * A freshly computed or posted value for a school metric, to be compared with the current one.
 *
 * @param smallestPart for a metric over several subjects, the students of its smallest subject (those tested in it):
 *                     below the minimum n the metric is suppressed too, or its value beside a published metric of the
 *                     other subjects gives that group's figure away by subtraction (hostile review of the twenty-fifth
 *                     pass, P1: ELA and math at n 21 beside ELA at n 20 told one math student's result); 0 when a
 *                     part is below the minimum n of its subject's own metric, or when a value kept without its
 *                     records was suppressed (twenty-seventh pass, Q2 and Q4); null for a metric of one subject, or
 *                     not computed from student records
 */
public record MetricCandidate(SchoolYearKey key, String metricCode, BigDecimal value, Integer n, MetricSource source,
                              Integer smallestPart) {

    public MetricCandidate(SchoolYearKey key, String metricCode, BigDecimal value, Integer n, MetricSource source) {
        this(key, metricCode, value, n, source, null);
    }
}
