package org.portfolio.performance.rest;

import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.portfolio.performance.domain.AssessmentRecord;
import org.portfolio.platform.web.vocabulary.Grade;

import java.time.Instant;
import java.util.UUID;

@Schema(description = "One student's result on one test (personal data)",
        requiredProperties = {"studentId", "subject", "testCode", "jobId", "updatedAt"})
public record AssessmentRecordResponse(String studentId, String subject, String testCode,
                                       @Schema(description = "PK, K or 1 to 12 (absent when the SIS gave none)", ref = Grade.SCHEMA)
                                       String gradeLevel,
                                       @Schema(description = "Absent when the student was not tested (participation "
                                               + "NOT_TESTED, EXEMPT or EXCLUDED)", minimum = "1", maximum = "5")
                                       Integer performanceLevel,
                                       @Schema(description = "Absent when the SIS gave none") Integer scaleScore,
                                       @Schema(description = "Student growth percentile 1–99 (absent when the SIS gave none)")
                                       Integer growthPercentile,
                                       @Schema(description = "The upload that wrote it last") UUID jobId,
                                       Instant updatedAt,
                                       @Schema(description = "Whether the student took the test, as the SIS stated it "
                                               + "(absent when it did not: counted as tested)",
                                               enumeration = {"TESTED", "NOT_TESTED", "EXEMPT", "EXCLUDED"})
                                       String participation) {

    static AssessmentRecordResponse of(AssessmentRecord r) {
        return new AssessmentRecordResponse(r.studentId(), r.subject(), r.testCode(), r.gradeLevel(),
                r.performanceLevel(), r.scaleScore(), r.growthPercentile(), r.jobId(), r.updatedAt(), r.participation());
    }
}
