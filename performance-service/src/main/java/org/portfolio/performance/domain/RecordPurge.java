package org.portfolio.performance.domain;

import java.time.Instant;
import java.util.UUID;

/**
 * The audit of a purge: the retention job's deletion of one record kind through a school year, or the erasure of
 * one student's records on request (the student only as a keyed hash). Counts, never the records.
 */
public record RecordPurge(UUID id, PurgeKind kind, CorrectionKind recordKind, String throughYear, String studentHash,
                          UUID schoolId, String reason, String clientId, Instant purgedAt, long assessments,
                          long attendance, long correctionItems) {

    public enum PurgeKind { RETENTION, ERASURE }
}
