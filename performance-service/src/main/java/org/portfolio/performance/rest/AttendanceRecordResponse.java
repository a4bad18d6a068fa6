package org.portfolio.performance.rest;

import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.portfolio.performance.domain.AttendanceRecord;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.UUID;

@Schema(description = "One student's attendance for a school year (personal data)")
public record AttendanceRecordResponse(String studentId, String gradeLevel, BigDecimal daysEnrolled,
                                       BigDecimal daysAbsent,
                                       @Schema(description = "The upload that wrote it last") UUID jobId,
                                       Instant updatedAt) {

    static AttendanceRecordResponse of(AttendanceRecord r) {
        return new AttendanceRecordResponse(r.studentId(), r.gradeLevel(), r.daysEnrolled(), r.daysAbsent(), r.jobId(),
                r.updatedAt());
    }
}
