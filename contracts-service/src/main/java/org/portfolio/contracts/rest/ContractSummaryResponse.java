package org.portfolio.contracts.rest;

import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.portfolio.contracts.domain.Contract;
import org.portfolio.contracts.domain.ContractStatus;
import org.portfolio.contracts.domain.InterventionLevel;
import org.portfolio.contracts.domain.SchoolType;

import java.time.Instant;
import java.time.MonthDay;
import java.util.UUID;

@Schema(description = "A contract in a list", requiredProperties = {"id", "schoolId", "schoolName", "schoolType", "oversightBodyId", "status", "version", "term", "interventionLevel"})
public record ContractSummaryResponse(UUID id, UUID schoolId, String schoolName,
                                      @Schema(examples = "CHARTER") SchoolType schoolType, UUID oversightBodyId,
                                      @Schema(examples = "ACTIVE") ContractStatus status,
                                      @Schema(examples = "2") int version, TermDto term,
                                      @Schema(examples = "PROBATION") InterventionLevel interventionLevel,
                                      ContractResponse.End scheduledEnd, UUID renewsContractId,
                                      UUID renewedByContractId, Instant activatedAt, Instant updatedAt) {

    static ContractSummaryResponse of(Contract c, MonthDay lastDay) {
        return new ContractSummaryResponse(c.id, c.schoolId(), c.school.name, c.school.type, c.oversightBody.id, c.status,
                c.currentVersion, ContractResponse.term(c.termStartYear, c.termEndYear, lastDay), c.interventionLevel,
                c.scheduledEndAs == null ? null
                        : new ContractResponse.End(c.scheduledEndAs, c.scheduledEndReason, c.scheduledEndBy, c.scheduledEndDate),
                c.renewsContractId, c.renewedByContractId, c.activatedAt, c.updatedAt);
    }
}
