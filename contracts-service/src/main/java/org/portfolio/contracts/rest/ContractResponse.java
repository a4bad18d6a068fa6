package org.portfolio.contracts.rest;

import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.portfolio.contracts.domain.Contract;
import org.portfolio.contracts.domain.ContractStatus;
import org.portfolio.contracts.domain.ContractVersion;
import org.portfolio.contracts.domain.InterventionLevel;
import org.portfolio.contracts.domain.SchoolYear;

import java.time.Instant;
import java.time.LocalDate;
import java.time.MonthDay;
import java.util.List;
import java.util.UUID;

@Schema(description = "A performance contract with the content of its current version", requiredProperties = {"id", "schoolId", "schoolName", "oversightBodyId", "status", "version", "revision", "term", "provisions", "benchmarks", "interventionLevel", "createdAt", "createdBy", "accountability"})
public record ContractResponse(
        UUID id, UUID schoolId, String schoolName, UUID oversightBodyId,
        @Schema(examples = "ACTIVE") ContractStatus status,
        @Schema(description = "Content version: 1, then one more per amendment", examples = "1") int version,
        @Schema(description = "Revision of the record (its ETag); changes on every change, e.g. an escalation", examples = "3") long revision,
        TermDto term, List<ProvisionDto> provisions, List<BenchmarkDto> benchmarks,
        @Schema(examples = "NONE") InterventionLevel interventionLevel,
        @Schema(description = "Since when the contract is at this level (absent at NONE)") LocalDate interventionSince,
        @Schema(description = "The contract this one renews (absent unless it is a renewal)") UUID renewsContractId,
        @Schema(description = "The contract that renewed this one (absent unless it ended as RENEWED)") UUID renewedByContractId,
        @Schema(description = "Absent while a DRAFT") Instant activatedAt,
        @Schema(description = "Client id of who activated it (absent while a DRAFT)") String activatedBy,
        @Schema(description = "How it ended (ended contracts only; absent otherwise)") End ended,
        @Schema(description = "A decided end still to come (non-renewal at term end, termination on a date); absent when none") End scheduledEnd,
        Instant createdAt, String createdBy, Instant updatedAt,
        @Schema(description = "The accountability clock of the current version (every part stated but a grace period it does not set)") AccountabilityDto accountability,
        @Schema(description = "When the current intervention step is due, as the contract's clock set it when the step "
                + "began (absent at NONE, or when the contract sets no due date for the level)") LocalDate interventionDueDate,
        @Schema(description = "When the current intervention step is reviewed (absent likewise)") LocalDate interventionReviewDate) {

    @Schema(name = "ContractEnd", description = "An end of a contract", requiredProperties = {"as", "reason", "by", "effectiveDate"})
    public record End(@Schema(examples = "NON_RENEWED") ContractStatus as, String reason, String by,
                      @Schema(examples = "2031-06-30") LocalDate effectiveDate) {
    }

    static TermDto term(String startYear, String endYear, MonthDay lastDay) {
        return new TermDto(startYear, endYear, SchoolYear.parse(startYear).firstDay(lastDay),
                SchoolYear.parse(endYear).lastDay(lastDay));
    }

    static ContractResponse of(Contract c, ContractVersion v, MonthDay lastDay) {
        return new ContractResponse(c.id, c.schoolId(), c.school.name, c.oversightBody.id, c.status, c.currentVersion,
                c.version, term(v.termStartYear, v.termEndYear, lastDay),
                v.provisions.stream().map(ProvisionDto::of).toList(), v.benchmarks.stream().map(BenchmarkDto::of).toList(),
                c.interventionLevel, c.interventionSince, c.renewsContractId, c.renewedByContractId, c.activatedAt,
                c.activatedBy,
                c.status.isEnded() ? new End(c.status, c.endReason, c.endedBy, c.endEffectiveDate) : null,
                c.scheduledEndAs == null ? null
                        : new End(c.scheduledEndAs, c.scheduledEndReason, c.scheduledEndBy, c.scheduledEndDate),
                c.createdAt, c.createdBy, c.updatedAt, AccountabilityDto.of(v.accountabilityTerms()), c.interventionDueDate,
                c.interventionReviewDate);
    }
}
