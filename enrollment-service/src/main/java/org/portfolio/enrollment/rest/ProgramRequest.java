package org.portfolio.enrollment.rest;

import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.portfolio.enrollment.domain.PriorityGroup;
import org.portfolio.enrollment.domain.SetAside;
import org.portfolio.enrollment.service.ProgramService;
import org.portfolio.platform.web.vocabulary.Grade;

import java.util.List;
import java.util.UUID;

@Schema(description = "A program to create or update")
public record ProgramRequest(
        @NotNull UUID schoolId,
        @Schema(ref = Grade.SCHEMA, required = true) @NotNull @Pattern(regexp = "PK|K|[1-9]|1[0-2]", message = "must be PK, K, 1 … 12") String grade,
        @Schema(description = "Track name, unique per school and grade", examples = "General") @NotBlank @Size(max = 200) String name,
        @Schema(examples = "120") @NotNull @Min(0) @Max(10_000) Integer seats,
        @Schema(description = "Priority groups, best first; GENERAL (everyone else) comes last if not listed",
                examples = "[\"CONTINUING\", \"SIBLING\", \"ZONE\", \"GENERAL\"]")
        @NotEmpty @Size(max = 5) List<@NotNull PriorityGroup> priorityOrder,
        @Schema(description = "Shares of seats where a group is considered first") @Size(max = 8) List<@Valid @NotNull SetAsideDto> setAsides,
        @Schema(description = "Zones whose residents may apply; empty = everyone", examples = "[\"EAST\"]")
        @Size(max = 20) List<@NotBlank @Size(max = 60) String> eligibleZones) {

    @Schema(description = "A set-aside: a share of the seats where members of a group are considered first")
    public record SetAsideDto(
            @Schema(description = "A flag applicants carry (FRL, ELL, IEP…) or a priority group (ZONE…)", examples = "FRL")
            @NotBlank @Pattern(regexp = "[A-Za-z0-9_]{1,40}", message = "letters, digits and _ only") String group,
            @Schema(examples = "25") @NotNull @Min(1) @Max(100) Integer sharePercent) {
    }

    ProgramService.ProgramData data() {
        return new ProgramService.ProgramData(schoolId, grade, name, seats, priorityOrder,
                setAsides == null ? List.of() : setAsides.stream().map(s -> new SetAside(s.group(), s.sharePercent())).toList(),
                eligibleZones == null ? List.of() : eligibleZones);
    }
}
