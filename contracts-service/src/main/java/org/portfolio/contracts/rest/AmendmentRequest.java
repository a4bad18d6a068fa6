package org.portfolio.contracts.rest;

import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

import java.util.List;

@Schema(description = "An amendment: what changes (parts left out stay as they are) and why")
public record AmendmentRequest(
        @Schema(examples = "Vacancy target relaxed after the district-wide hiring freeze") @NotBlank @Size(max = 2000) String reason,
        @Valid TermDto term,
        @Schema(description = "The whole new list (send provisionId to keep one)") @Size(max = 20) List<@jakarta.validation.constraints.NotNull @Valid ProvisionDto> provisions,
        @Schema(description = "The whole new list (send benchmarkId to keep one)") @Size(max = 100) List<@jakarta.validation.constraints.NotNull @Valid BenchmarkDto> benchmarks,
        @Schema(description = "The whole new accountability clock (left out: kept). Steps already under way keep their "
                + "dates; the new terms apply to steps that begin later and to missing data found later")
        @Valid AccountabilityDto accountability) {
}
