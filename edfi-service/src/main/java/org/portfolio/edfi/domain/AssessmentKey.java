package org.portfolio.edfi.domain;

import java.util.Comparator;

/**
 * One student's result on one Ed-Fi assessment in one school year at one Ed-Fi school: what becomes one assessment
 * record of performance-service (several studentAssessments of the same key, e.g. a retest, give one record: the best).
 * The school is the one the studentAssessment was written for (its owner, authorised at the write: its reported school,
 * else the student's enrollment of that year when it was written): a write authorised for one school queues, derives,
 * sends and retracts that school's records only (review of issue 17, finding 1).
 */
public record AssessmentKey(String namespace, String assessmentIdentifier, String studentUniqueId, int schoolYear, long schoolId)
        implements Comparable<AssessmentKey> {

    private static final Comparator<AssessmentKey> ORDER = Comparator.comparing(AssessmentKey::namespace)
            .thenComparing(AssessmentKey::assessmentIdentifier).thenComparing(AssessmentKey::studentUniqueId)
            .thenComparingInt(AssessmentKey::schoolYear).thenComparingLong(AssessmentKey::schoolId);

    @Override
    public int compareTo(AssessmentKey o) {
        return ORDER.compare(this, o);
    }
}
