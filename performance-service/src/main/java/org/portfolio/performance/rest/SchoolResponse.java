package org.portfolio.performance.rest;

import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.portfolio.performance.domain.School;
import org.portfolio.performance.domain.SchoolStatus;
import org.portfolio.performance.domain.SchoolType;
import org.portfolio.platform.web.vocabulary.Grade;

import java.util.List;
import java.util.UUID;

@Schema(description = "A school as performance-service knows it from the registry's events",
        requiredProperties = {"schoolId", "name", "grades", "status"})
public record SchoolResponse(UUID schoolId,
                             @Schema(description = "The code SIS rows may name the school by (absent when the registry gave none)")
                             String districtCode,
                             String name,
                             @Schema(description = "Absent only when the registry's events have not said it yet") SchoolType type,
                             @Schema(description = "Grades served, e.g. 6, 7, 8 (empty when the registry gave none)")
                             List<Grade> grades,
                             @Schema(description = "Attendance zone (absent when the registry gave none)") String zone,
                             SchoolStatus status) {

    static SchoolResponse of(School s) {
        return s == null ? null : new SchoolResponse(s.id, s.districtCode, s.name, SchoolType.of(s.type), s.gradeList().stream().map(Grade::fromLabel).toList(),
                s.zone, SchoolStatus.of(s.status));
    }
}
