package org.portfolio.edfi.domain;

import java.time.Instant;

/** A derived record performance-service rejected (kind ATTENDANCE or ASSESSMENT, its queue key as JSON). */
public record DerivationProblem(String kind, String recordKey, Long edfiSchoolId, String clientId, int status, String field,
                                String message, Instant occurredAt) {
}
