package org.portfolio.performance.domain;

/**
 * The outcome of one integrity rule for a school, year and scope (a subject for participation and exclusion, a
 * metric code for year-over-year changes, empty for the enrollment drop): FLAGGED, CLEAR or NOT_COMPUTABLE with the
 * reason (what data the school did not send). The evidence holds counts only.
 */
public record IntegrityCheck(SchoolYearKey key, IntegrityRule rule, String scope, IntegrityOutcome outcome,
                             String reason, IntegrityEvidence evidence) {

    public static IntegrityCheck notComputable(SchoolYearKey key, IntegrityRule rule, String scope, String reason,
                                               IntegrityEvidence evidence) {
        return new IntegrityCheck(key, rule, scope, IntegrityOutcome.NOT_COMPUTABLE, reason, evidence);
    }
}
