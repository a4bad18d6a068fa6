package org.portfolio.contracts.rest;

import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

import java.util.List;

@Schema(description = "The whole content of a DRAFT contract, replacing what it had")
public record ContractEditRequest(
        @NotNull @Valid TermDto term,
        @Size(max = 20) List<@NotNull @Valid ProvisionDto> provisions,
        @Size(max = 100) List<@NotNull @Valid BenchmarkDto> benchmarks,
        @Schema(description = "The accountability clock; default: none") @Valid AccountabilityDto accountability) {
}
