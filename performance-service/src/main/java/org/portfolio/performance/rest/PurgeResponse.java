package org.portfolio.performance.rest;

import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.portfolio.performance.domain.CorrectionKind;
import org.portfolio.performance.domain.RecordPurge;

import java.time.Instant;
import java.util.UUID;

@Schema(description = "The audit of a purge: the retention job's deletion of a record kind through a school year, or "
        + "the erasure of one student's records on request. Counts only; an erasure names the student by a keyed hash.",
        requiredProperties = {"purgeId", "kind", "purgedBy", "purgedAt", "assessments", "attendance", "correctionItems",
                "correctionNotes"})
public record PurgeResponse(UUID purgeId, RecordPurge.PurgeKind kind,
                            @Schema(description = "RETENTION: the record kind purged") CorrectionKind recordKind,
                            @Schema(description = "RETENTION: every school year up to this one was purged", examples = "2020-21")
                            String throughYear,
                            @Schema(description = "ERASURE: HMAC-SHA-256 of the student id (hex)") String studentHash,
                            @Schema(description = "ERASURE: only this school's records") UUID schoolId,
                            @Schema(description = "ERASURE: the reason given") String reason,
                            @Schema(description = "The API client, or \"system\" for the retention job") String purgedBy,
                            Instant purgedAt,
                            @Schema(description = "Assessment results deleted") long assessments,
                            @Schema(description = "Attendance records deleted") long attendance,
                            @Schema(description = "Correction audit items deleted (retention) or blanked (erasure)") long correctionItems,
                            @Schema(description = "Correction notes erased (free text that may name a student): of the "
                                    + "corrections with an item of the student (erasure), of the corrections left without "
                                    + "items (retention)") long correctionNotes) {

    static PurgeResponse of(RecordPurge p) {
        return new PurgeResponse(p.id(), p.kind(), p.recordKind(), p.throughYear(), p.studentHash(), p.schoolId(),
                p.reason(), p.clientId(), p.purgedAt(), p.assessments(), p.attendance(), p.correctionItems(),
                p.correctionNotes());
    }
}
