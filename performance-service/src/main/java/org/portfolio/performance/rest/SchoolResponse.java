package org.portfolio.performance.rest;

import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.portfolio.performance.domain.School;

import java.util.List;
import java.util.UUID;

@Schema(description = "A school as performance-service knows it from the registry's events")
public record SchoolResponse(UUID schoolId, String districtCode, String name, String type, List<String> grades,
                             String zone, String status) {

    static SchoolResponse of(School s) {
        return s == null ? null : new SchoolResponse(s.id, s.districtCode, s.name, s.type, s.gradeList(), s.zone, s.status);
    }
}
