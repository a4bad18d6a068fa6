package org.portfolio.contracts.rest;

import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.portfolio.contracts.domain.SchoolYear;
import org.portfolio.contracts.domain.TermSpec;

import java.time.LocalDate;

@Schema(description = "A contract term: first and last school year, both included")
public record TermDto(
        @Schema(examples = "2026-27") @NotNull @Pattern(regexp = SchoolYear.PATTERN, message = "must be a school year such as 2026-27") String startYear,
        @Schema(examples = "2030-31") @NotNull @Pattern(regexp = SchoolYear.PATTERN, message = "must be a school year such as 2026-27") String endYear,
        @Schema(description = "First day of the term (answers only)", readOnly = true, examples = "2026-07-01") LocalDate startDate,
        @Schema(description = "Last day of the term (answers only)", readOnly = true, examples = "2031-06-30") LocalDate endDate) {

    TermSpec toSpec() {
        return new TermSpec(startYear, endYear);
    }
}
