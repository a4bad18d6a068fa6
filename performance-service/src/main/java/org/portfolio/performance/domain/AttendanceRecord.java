package org.portfolio.performance.domain;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.UUID;

/** One student's stored attendance for a school year (personal data, as {@link AssessmentRecord}). */
public record AttendanceRecord(String studentId, String gradeLevel, BigDecimal daysEnrolled, BigDecimal daysAbsent,
                               UUID jobId, Instant updatedAt, Boolean inFallCount, Boolean exitedBeforeTesting) {
}
