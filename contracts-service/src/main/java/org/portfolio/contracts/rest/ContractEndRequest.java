package org.portfolio.contracts.rest;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

import java.time.LocalDate;

@Schema(description = "A decision to end a contract: why, and from when (that date is the contract's last day: it ends the night after; a date already past ends it at once, and so does a termination without a date)")
public record ContractEndRequest(
        @Schema(examples = "Persistent failure to meet academic benchmarks") @NotBlank @Size(max = 2000) String reason,
        @Schema(description = "Non-renewal default: the term's last day; termination default: today", examples = "2027-06-30")
        LocalDate effectiveDate) {
}
