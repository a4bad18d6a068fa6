package org.portfolio.performance.domain;

import java.time.Instant;
import java.util.Map;
import java.util.UUID;

/**
 * The audit of one correction item: the record's natural key and its values before and after (personal data; blanked
 * by an erasure of the student, {@code erasedAt}).
 */
public record CorrectionItem(int seq, UUID schoolId, String schoolYear, CorrectionAction action, String studentId,
                             String subject, String testCode, Map<String, Object> before, Map<String, Object> after,
                             CorrectionOutcome outcome, Instant erasedAt) {
}
