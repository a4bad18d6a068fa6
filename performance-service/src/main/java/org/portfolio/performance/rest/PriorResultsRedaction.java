package org.portfolio.performance.rest;

import org.portfolio.performance.domain.IntegrityEvidence;
import org.portfolio.performance.domain.IntegrityOutcome;
import org.portfolio.performance.domain.IntegrityRule;

/**
 * What a school leader sees of an ENROLLMENT_DROP check or flag. Its prior-result figures are drawn from the year
 * before at any school (the students who moved in), so a school that can post its own attendance rows and read its
 * own profile could learn, by adding a row for another school's student and comparing the counts, whether that student
 * had a result the year before and whether it was below proficient (hostile review of 2026-12-05, third pass). A school
 * leader therefore sees the outcome, the fall count and the leavers (its own data), the threshold, and a reason in
 * general words; DISTRICT_ADMIN and OVERSIGHT see every figure. docs/security.md T31.
 */
final class PriorResultsRedaction {

    private PriorResultsRedaction() {
    }

    static IntegrityEvidence evidence(IntegrityRule rule, IntegrityEvidence e) {
        if (rule != IntegrityRule.ENROLLMENT_DROP || e == null) {
            return e;
        }
        return IntegrityEvidence.drop(e.fallCount(), e.leavers(), null, null, null, null, null, null, null,
                e.thresholdPoints(), e.proficientLevel());
    }

    /** {@code outcome}: the check's; a flag's is FLAGGED (it was raised by one). */
    static String reason(IntegrityRule rule, IntegrityOutcome outcome, IntegrityEvidence e, String reason) {
        if (rule != IntegrityRule.ENROLLMENT_DROP || reason == null) {
            return reason;
        }
        if (outcome == IntegrityOutcome.NOT_COMPUTABLE && (e == null || e.leaversWithPriorResult() == null)) {
            return reason; // the school's own attendance rows lacked what the rule needs: no prior result was looked at
        }
        String where = " (the figures come from other schools' records too and are shown to oversight only)";
        return switch (outcome) {
            case FLAGGED -> "students who left before testing had results below proficient the year before more often than "
                    + "those who stayed, by the framework's threshold or more" + where;
            case CLEAR -> "students who left before testing did not have low results the year before more often than those "
                    + "who stayed, by the framework's threshold" + where;
            case NOT_COMPUTABLE -> "not computable: too few students have a result from the year before" + where;
        };
    }
}
