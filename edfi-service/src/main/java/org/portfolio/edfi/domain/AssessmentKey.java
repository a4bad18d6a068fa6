package org.portfolio.edfi.domain;

import java.util.Comparator;

/**
 * One student's result on one Ed-Fi assessment in one school year: what becomes one assessment record of
 * performance-service (several studentAssessments of the same key, e.g. a retest, give one record: the best).
 */
public record AssessmentKey(String namespace, String assessmentIdentifier, String studentUniqueId, int schoolYear)
        implements Comparable<AssessmentKey> {

    private static final Comparator<AssessmentKey> ORDER = Comparator.comparing(AssessmentKey::namespace)
            .thenComparing(AssessmentKey::assessmentIdentifier).thenComparing(AssessmentKey::studentUniqueId)
            .thenComparingInt(AssessmentKey::schoolYear);

    @Override
    public int compareTo(AssessmentKey o) {
        return ORDER.compare(this, o);
    }
}
