package org.portfolio.enrollment.rest;

import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.portfolio.enrollment.domain.ParticipatingSchool;
import org.portfolio.platform.web.vocabulary.Grade;

import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.UUID;

@Schema(description = "A school as enrollment knows it (from the registry's events)", requiredProperties = {"schoolId",
        "districtCode", "name", "type", "grades", "status", "underRevocation", "takesPart", "updatedAt"})
public record SchoolResponse(UUID schoolId, String districtCode, String name,
                             @Schema(description = "The school's type, as the registry (contracts-service) records it",
                                     enumeration = {"DISTRICT", "CHARTER", "INNOVATION", "CONTRACT", "MAGNET"},
                                     extensions = @org.eclipse.microprofile.openapi.annotations.extensions.Extension(name = "x-shared-enum", value = "SchoolType")) String type,
                             @Schema(description = "Grades served (empty when the registry gave none)")
                             List<Grade> grades,
                             @Schema(description = "Attendance zone (absent when the registry gives none)") String zone,
                             @Schema(description = "The school's status, as the registry (contracts-service) records it",
                                     enumeration = {"PROPOSED", "OPEN", "CLOSING", "CLOSED"},
                                     extensions = @org.eclipse.microprofile.openapi.annotations.extensions.Extension(name = "x-shared-enum", value = "SchoolStatus")) String status,
                             @Schema(description = "Its contract's intervention level is REVOCATION") boolean underRevocation,
                             @Schema(description = "Takes part in enrollment rounds: OPEN and not under REVOCATION")
                             boolean takesPart, Instant updatedAt) {

    static SchoolResponse of(ParticipatingSchool s) {
        return new SchoolResponse(s.schoolId, s.districtCode, s.name, s.type,
                s.grades.isBlank() ? List.of() : Arrays.stream(s.grades.split(",")).map(Grade::fromLabel).toList(), s.zone, s.status,
                s.underRevocation, s.takesPart(), s.updatedAt);
    }
}
