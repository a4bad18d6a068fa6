package org.portfolio.enrollment.rest;

import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.portfolio.enrollment.domain.EnrollmentPeriod;
import org.portfolio.enrollment.domain.PeriodStatus;

import java.time.Instant;
import java.util.UUID;

@Schema(description = "An enrollment period (round)")
public record PeriodResponse(UUID id, String name, String schoolYear, int round, UUID previousPeriodId, PeriodStatus status,
                             int maxChoices, Instant applicationsOpenAt, Instant applicationsCloseAt, Instant offerDeadline,
                             int waitlistResponseHours,
                             @Schema(description = "SHA-256 of the lottery seed, shown from the moment the window closes")
                             String lotterySeedSha256,
                             @Schema(description = "The lottery seed, revealed when the results are published")
                             String lotterySeed,
                             Instant seedRecordedAt, Instant matchedAt, Instant publishedAt, Integer applicants,
                             Integer matched, long version, Instant createdAt, Instant updatedAt) {

    static PeriodResponse of(EnrollmentPeriod p) {
        return new PeriodResponse(p.id, p.name, p.schoolYear, p.round, p.previousPeriodId, p.status, p.maxChoices,
                p.applicationsOpenAt, p.applicationsCloseAt, p.offerDeadline, p.waitlistResponseHours, p.lotterySeedSha256,
                p.status == PeriodStatus.PUBLISHED ? p.lotterySeed : null, p.seedRecordedAt, p.matchedAt, p.publishedAt,
                p.applicantsTotal, p.applicantsMatched, p.version, p.createdAt, p.updatedAt);
    }
}
