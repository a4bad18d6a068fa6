package org.portfolio.contracts.rest;

import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

import java.util.List;
import java.util.UUID;

@Schema(description = "A new contract draft")
public record ContractDraftRequest(
        @Schema(description = "The school the contract is with") @NotNull UUID schoolId,
        @Schema(description = "The oversight body; default: the school's") UUID oversightBodyId,
        @NotNull @Valid TermDto term,
        @Size(max = 20) List<@NotNull @Valid ProvisionDto> provisions,
        @Size(max = 100) List<@NotNull @Valid BenchmarkDto> benchmarks,
        @Schema(description = "Set to draft the renewal of this ACTIVE contract; activating the draft ends it as RENEWED")
        UUID renewsContractId,
        @Schema(description = "The accountability clock (due and review dates of intervention steps, missing data); "
                + "default: none") @Valid AccountabilityDto accountability) {
}
