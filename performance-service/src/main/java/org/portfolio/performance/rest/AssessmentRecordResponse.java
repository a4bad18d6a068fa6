package org.portfolio.performance.rest;

import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.portfolio.performance.domain.AssessmentRecord;

import java.time.Instant;
import java.util.UUID;

@Schema(description = "One student's result on one test (personal data)")
public record AssessmentRecordResponse(String studentId, String subject, String testCode, String gradeLevel,
                                       int performanceLevel, Integer scaleScore, Integer growthPercentile,
                                       @Schema(description = "The upload that wrote it last") UUID jobId,
                                       Instant updatedAt) {

    static AssessmentRecordResponse of(AssessmentRecord r) {
        return new AssessmentRecordResponse(r.studentId(), r.subject(), r.testCode(), r.gradeLevel(),
                r.performanceLevel(), r.scaleScore(), r.growthPercentile(), r.jobId(), r.updatedAt());
    }
}
