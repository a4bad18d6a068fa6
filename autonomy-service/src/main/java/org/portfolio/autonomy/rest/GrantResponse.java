package org.portfolio.autonomy.rest;

import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.portfolio.autonomy.domain.AutonomyDomain;
import org.portfolio.autonomy.domain.EarnedEligibility;
import org.portfolio.autonomy.domain.Grant;
import org.portfolio.autonomy.domain.GrantModel;
import org.portfolio.autonomy.domain.GrantSource;
import org.portfolio.autonomy.domain.GrantStatus;
import org.portfolio.autonomy.domain.OpenMiss;
import org.portfolio.autonomy.domain.RatingTier;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.UUID;

@Schema(description = "An autonomy grant: school, domain (or a subset of its decisions), model, status and why",
        requiredProperties = {"id", "schoolId", "domain", "model", "decisions", "wholeDomain", "source", "status", "statusSince", "version"})
public record GrantResponse(
        UUID id, UUID schoolId,
        @Schema(examples = "PEOPLE") AutonomyDomain domain,
        @Schema(examples = "FULL_WITH_EXPECTATIONS") GrantModel model,
        @Schema(description = "Decision codes covered; empty = the whole domain (also decisions added later)")
        List<String> decisions,
        @Schema(description = "True when the grant covers every decision of the domain") boolean wholeDomain,
        @Schema(examples = "Hire and place all teachers") String scope,
        @Schema(examples = "CONTRACT_PROVISION") GrantSource source,
        UUID contractId, UUID provisionId, UUID requestId,
        @Schema(description = "EARNED only: what the school's ratings must show") Eligibility eligibility,
        @Schema(examples = "2026-07-01") LocalDate effectiveFrom,
        @Schema(description = "Inclusive; absent = open-ended", examples = "2031-06-30") LocalDate effectiveTo,
        @Schema(examples = "ACTIVE") GrantStatus status,
        Instant statusSince,
        @Schema(description = "Set when the grant's contract was renewed and the successor has not taken it over yet")
        UUID awaitingSuccessorContractId,
        @Schema(description = "The cause of the latest status change") CauseResponse cause,
        @Schema(description = "REVOKED only (absent otherwise): the missed benchmarks that hold it revoked") List<OpenMissResponse> openMisses,
        @Schema(description = "REVOKED only (absent otherwise): whether it comes back by itself once those benchmarks are met "
                + "(false for an EARNED grant whose ratings fell below its criteria while it was revoked: the MET leaves it PENDING)")
        Boolean reinstatesWhenMet,
        @Schema(description = "Also the ETag; send it as If-Match with a change") long version) {

    @Schema(description = "EARNED eligibility: granted after consecutiveYears rated at least minimumTier; falls back to "
            + "PENDING after fallBackAfterYears rated below it")
    public record Eligibility(@Schema(examples = "MEETS") RatingTier minimumTier,
                              @Schema(examples = "2") Integer consecutiveYears,
                              @Schema(description = "Consecutive latest rated school years below minimumTier after which "
                                      + "the ACTIVE grant falls back to PENDING (the contract's, or by default "
                                      + "consecutiveYears)", examples = "2") Integer fallBackAfterYears) {
    }

    @Schema(description = "A missed benchmark that keeps a grant revoked",
            requiredProperties = {"benchmarkId", "reinstateOnMet", "missedAt"})
    public record OpenMissResponse(UUID benchmarkId, UUID evaluationId, boolean reinstateOnMet, Instant missedAt) {
    }

    static GrantResponse of(Grant g) {
        return of(g, List.of());
    }

    static GrantResponse of(Grant g, List<OpenMiss> misses) {
        return of(g, misses, g.autoReinstate);
    }

    /** @param reinstatesWhenMet whether a REVOKED grant comes back by itself once its benchmarks are met */
    static GrantResponse of(Grant g, List<OpenMiss> misses, boolean reinstatesWhenMet) {
        boolean revoked = g.status == GrantStatus.REVOKED;
        return new GrantResponse(g.id, g.schoolId, g.domain, g.model, g.decisions, g.decisions.isEmpty(), g.scope,
                g.source, g.contractId, g.provisionId, g.requestId,
                g.eligibilityMinimumTier == null && g.model != GrantModel.EARNED ? null
                        : new Eligibility(g.eligibilityMinimumTier, g.eligibilityConsecutiveYears,
                        g.eligibilityMinimumTier == null ? null : EarnedEligibility.fallBackAfterYears(
                                g.eligibilityFallBackAfterYears, g.eligibilityConsecutiveYears)),
                g.effectiveFrom, g.effectiveTo, g.status, g.statusSince, g.successorContractId,
                CauseResponse.of(g.cause),
                revoked ? misses.stream().map(m -> new OpenMissResponse(m.benchmarkId, m.evaluationId,
                        m.reinstateOnMet, m.missedAt)).toList() : null,
                revoked ? reinstatesWhenMet : null, g.version);
    }
}
