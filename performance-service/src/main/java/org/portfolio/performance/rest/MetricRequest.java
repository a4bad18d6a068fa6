package org.portfolio.performance.rest;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

import java.util.List;
import org.portfolio.performance.domain.MetricCategory;
import org.portfolio.performance.domain.MetricComputation;
import org.portfolio.performance.domain.MetricDirection;
import org.portfolio.performance.domain.MetricUnit;

@Schema(description = "A metric to define")
public record MetricRequest(
        @Schema(examples = "SCIENCE_PROFICIENCY") @NotBlank
        @Pattern(regexp = "[A-Z][A-Z0-9_]{1,59}", message = "UPPER_SNAKE_CASE, at most 60 characters") String code,
        @Schema(examples = "Science proficiency") @NotBlank @Size(max = 200) String name,
        @NotNull MetricCategory category,
        @NotNull MetricDirection direction,
        @NotNull MetricUnit unit,
        @Size(max = 1000) String description,
        @Schema(description = "How the value comes about; SCHOOL_LEVEL (posted by an SIS) when absent")
        MetricComputation computation,
        @Schema(description = "Assessment subjects a student-level computation reads", examples = "[\"SCIENCE\"]")
        @Size(max = 10) List<@NotBlank @Pattern(regexp = "[A-Z][A-Z0-9_]{0,19}", message = "must be a subject code such as ELA") String> subjects) {
}
