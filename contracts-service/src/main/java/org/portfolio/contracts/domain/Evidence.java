package org.portfolio.contracts.domain;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * What an oversight body has in front of it when it decides on a school: the latest published ratings, the
 * latest family demand and the standing of the school's contract. Captured with every status decision.
 */
@Schema(name = "Evidence", description = "What oversight has in front of it when deciding on a school",
        requiredProperties = {"capturedAt", "ratings", "demand"})
public record Evidence(Instant capturedAt,
                       @Schema(description = "The newest of ratings (absent when none was published)") Rating latestRating,
                       @Schema(description = "The latest three published ratings, newest first") List<Rating> ratings,
                       @Schema(description = "Every enrollment round of the latest school year reported") List<Demand> demand,
                       @Schema(description = "The ACTIVE contract's standing (absent when the school has none)")
                       ContractStanding contract) {

    /** A published rating (from SchoolRatingPublished). */
    @Schema(name = "EvidenceRating", description = "A published rating (performance-service publishes only rated schools)",
            requiredProperties = {"schoolYear", "publishedAt"})
    public record Rating(@Schema(examples = "2025-26") String schoolYear,
                         @Schema(examples = "MEETS") RatingTier tier, BigDecimal percent, BigDecimal totalPoints,
                         BigDecimal maxPoints, Integer frameworkVersion, UUID ratingId, Instant publishedAt) {
    }

    /** Demand in one enrollment round (from DemandReported). */
    @Schema(name = "EvidenceDemand", description = "applicantsPerSeat = applicants / seats (absent when there are no seats)",
            requiredProperties = {"periodId", "schoolYear", "round", "applicants", "firstChoices", "seats", "offers",
                    "reportedAt"})
    public record Demand(UUID periodId, String schoolYear, int round, int applicants, int firstChoices, int seats,
                         int offers, BigDecimal applicantsPerSeat, Instant reportedAt) {
    }

    /** The school's ACTIVE contract at that moment. */
    @Schema(name = "EvidenceContractStanding", requiredProperties = {"contractId", "version", "termStartYear", "termEndYear",
            "interventionLevel", "benchmarksMet", "benchmarksMissed", "benchmarksNotYetEvaluated",
            "benchmarksWithInsufficientData", "benchmarksWithMissingData"})
    public record ContractStanding(UUID contractId, int version, String termStartYear, String termEndYear,
                                   InterventionLevel interventionLevel, int benchmarksMet, int benchmarksMissed,
                                   int benchmarksNotYetEvaluated, int benchmarksWithInsufficientData,
                                   @Schema(description = "Benchmarks whose period ended without data past the grace "
                                           + "period (0 in evidence captured before 2026-12-06)")
                                   int benchmarksWithMissingData) {
    }
}
