package org.portfolio.contracts.rest;

import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.portfolio.contracts.domain.ContractVersion;

import java.time.Instant;
import java.time.MonthDay;
import java.util.List;
import java.util.UUID;

@Schema(description = "One version of a contract's content, with who made it and why", requiredProperties = {"contractId",
        "version", "current", "term", "provisions", "benchmarks", "createdBy", "createdAt", "accountability"})
public record ContractVersionResponse(UUID contractId, @Schema(examples = "2") int version,
                                      @Schema(description = "Whether it is the version in force") boolean current,
                                      TermDto term, List<ProvisionDto> provisions, List<BenchmarkDto> benchmarks,
                                      @Schema(description = "The amendment's reason (absent for version 1)") String reason,
                                      String createdBy, Instant createdAt,
                                      @Schema(description = "The version's accountability clock (every part stated but a grace period it does not set)")
                                      AccountabilityDto accountability) {

    static ContractVersionResponse of(ContractVersion v, int currentVersion, MonthDay lastDay) {
        return new ContractVersionResponse(v.contract.id, v.number, v.number == currentVersion,
                ContractResponse.term(v.termStartYear, v.termEndYear, lastDay),
                v.provisions.stream().map(ProvisionDto::of).toList(), v.benchmarks.stream().map(BenchmarkDto::of).toList(),
                v.reason, v.createdBy, v.createdAt, AccountabilityDto.of(v.accountabilityTerms()));
    }
}
