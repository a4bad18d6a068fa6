package org.portfolio.performance.rest;

import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.portfolio.performance.domain.AttendanceRecord;
import org.portfolio.platform.web.vocabulary.Grade;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.UUID;

@Schema(description = "One student's attendance for a school year (personal data)",
        requiredProperties = {"studentId", "daysEnrolled", "daysAbsent", "jobId", "updatedAt"})
public record AttendanceRecordResponse(String studentId,
                                       @Schema(description = "PK, K or 1 to 12 (absent when the SIS gave none)", ref = Grade.SCHEMA)
                                       String gradeLevel,
                                       BigDecimal daysEnrolled, BigDecimal daysAbsent,
                                       @Schema(description = "The upload that wrote it last") UUID jobId,
                                       Instant updatedAt,
                                       @Schema(description = "On the school's fall count (absent when the SIS did not say)")
                                       Boolean inFallCount,
                                       @Schema(description = "Left the school after the fall count and before the testing "
                                               + "window (absent when the SIS did not say)")
                                       Boolean exitedBeforeTesting) {

    static AttendanceRecordResponse of(AttendanceRecord r) {
        return new AttendanceRecordResponse(r.studentId(), r.gradeLevel(), r.daysEnrolled(), r.daysAbsent(), r.jobId(),
                r.updatedAt(), r.inFallCount(), r.exitedBeforeTesting());
    }
}
