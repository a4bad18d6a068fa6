package org.portfolio.edfi.domain;

import java.time.Instant;

/**
 * A derived record that did not reach performance-service (kind ATTENDANCE or ASSESSMENT, its queue key as JSON):
 * {@link #REJECTED} by performance-service ({@code status} its answer), or {@link #DERIVATION_FAILED} — deriving it failed
 * {@code max-attempts} times (a stored document it rests on cannot be read, a bug) and it was parked out of the queue
 * ({@code status} 0: never sent).
 */
public record DerivationProblem(String kind, String recordKey, Long edfiSchoolId, String clientId, int status, String field,
                                String message, Instant occurredAt, String reason) {

    public static final String REJECTED = "REJECTED";
    public static final String DERIVATION_FAILED = "DERIVATION_FAILED";
}
