package org.portfolio.enrollment.rest;

import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.portfolio.enrollment.domain.EnrollmentPeriod;
import org.portfolio.enrollment.domain.PeriodStatus;

import java.time.Instant;
import java.util.UUID;

@Schema(description = "An enrollment period (round)", requiredProperties = {"id", "name", "schoolYear", "round", "status",
        "maxChoices", "offerDeadline", "waitlistResponseHours", "version", "createdAt", "updatedAt"})
public record PeriodResponse(UUID id, String name, String schoolYear,
                             @Schema(description = "1 for a first round; n + 1 for the round started from round n") int round,
                             @Schema(description = "The round this one follows (absent for a first round)") UUID previousPeriodId,
                             PeriodStatus status, int maxChoices,
                             @Schema(description = "Absent when not given") Instant applicationsOpenAt,
                             @Schema(description = "Absent when not given") Instant applicationsCloseAt,
                             Instant offerDeadline, int waitlistResponseHours,
                             @Schema(description = "SHA-256 of the lottery seed, shown from the moment the window first closes")
                             String lotterySeedSha256,
                             @Schema(description = "The lottery seed, revealed when the results are published")
                             String lotterySeed,
                             @Schema(description = "When the seed was drawn (the first close)") Instant seedRecordedAt,
                             @Schema(description = "When the match ran (absent unless MATCHED or PUBLISHED)") Instant matchedAt,
                             @Schema(description = "When the results were published (absent unless PUBLISHED)") Instant publishedAt,
                             @Schema(description = "Applicants in the match (absent before it)") Integer applicants,
                             @Schema(description = "Applicants the match offered a seat (absent before it)") Integer matched,
                             long version, Instant createdAt, Instant updatedAt) {

    static PeriodResponse of(EnrollmentPeriod p) {
        return new PeriodResponse(p.id, p.name, p.schoolYear, p.round, p.previousPeriodId, p.status, p.maxChoices,
                p.applicationsOpenAt, p.applicationsCloseAt, p.offerDeadline, p.waitlistResponseHours, p.lotterySeedSha256,
                p.status == PeriodStatus.PUBLISHED ? p.lotterySeed : null, p.seedRecordedAt, p.matchedAt, p.publishedAt,
                p.applicantsTotal, p.applicantsMatched, p.version, p.createdAt, p.updatedAt);
    }
}
