package org.portfolio.contracts.rest;

import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

import java.util.List;

@Schema(description = "A renewal: the new contract's term and content, and why")
public record RenewalRequest(
        @Schema(examples = "Renewed for five years on strong results") @NotBlank @Size(max = 2000) String reason,
        @Schema(description = "Starts after the old term's first year, at latest the year after its last") @NotNull @Valid TermDto term,
        @Schema(description = "Default: the old contract's provisions") @Size(max = 20) List<@NotNull @Valid ProvisionDto> provisions,
        @Schema(description = "The new benchmarks (at least one)") @Size(max = 100) List<@NotNull @Valid BenchmarkDto> benchmarks,
        @Schema(description = "Default: the old contract's accountability clock") @Valid AccountabilityDto accountability) {
}
