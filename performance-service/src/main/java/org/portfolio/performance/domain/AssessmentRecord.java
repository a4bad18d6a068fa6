package org.portfolio.performance.domain;

import java.time.Instant;
import java.util.UUID;

/** One student's stored result on one test (personal data: read by the district admin and the owning SIS only). */
public record AssessmentRecord(String studentId, String subject, String testCode, String gradeLevel,
                               Integer performanceLevel, Integer scaleScore, Integer growthPercentile, UUID jobId,
                               Instant updatedAt, String participation) {
}
