package org.portfolio.performance.rest;

import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.portfolio.performance.domain.MetricCategory;
import org.portfolio.performance.domain.MetricComputation;
import org.portfolio.performance.domain.MetricDefinition;
import org.portfolio.performance.domain.MetricDirection;
import org.portfolio.performance.domain.MetricUnit;

import java.util.List;

@Schema(description = "A metric definition",
        requiredProperties = {"code", "name", "category", "direction", "unit", "computation", "subjects"})
public record MetricResponse(@Schema(examples = "ELA_PROFICIENCY") String code, String name, MetricCategory category,
                             MetricDirection direction, MetricUnit unit,
                             @Schema(description = "What the metric measures (absent when none was given)") String description,
                             @Schema(description = "How the value comes about") MetricComputation computation,
                             @Schema(description = "Assessment subjects of a student-level computation (empty for the others)")
                             List<String> subjects) {

    static MetricResponse of(MetricDefinition m) {
        return new MetricResponse(m.code, m.name, m.category, m.direction, m.unit, m.description, m.computation,
                m.subjectList());
    }
}
