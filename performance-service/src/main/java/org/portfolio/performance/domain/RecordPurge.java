package org.portfolio.performance.domain;

import java.time.Instant;
import java.util.UUID;

/**
 * The audit of a purge: the retention job's deletion of one record kind through a school year, or the erasure of
 * one student's records on request (the student only as a keyed hash). Counts, never the records; an erasure also
 * counts the correction notes it erased ({@code correctionNotes}: corrections with an item of the student).
 */
public record RecordPurge(UUID id, PurgeKind kind, CorrectionKind recordKind, String throughYear, String studentHash,
                          UUID schoolId, String reason, String clientId, Instant purgedAt, long assessments,
                          long attendance, long correctionItems, long correctionNotes) {

    public enum PurgeKind { RETENTION, ERASURE }
}
