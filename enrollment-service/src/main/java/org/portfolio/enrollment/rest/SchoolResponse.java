package org.portfolio.enrollment.rest;

import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.portfolio.enrollment.domain.ParticipatingSchool;

import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.UUID;

@Schema(description = "A school as enrollment knows it")
public record SchoolResponse(UUID schoolId, String districtCode, String name, String type, List<String> grades,
                             String zone, String status, boolean underRevocation,
                             @Schema(description = "Takes part in enrollment rounds: OPEN and not under REVOCATION")
                             boolean takesPart, Instant updatedAt) {

    static SchoolResponse of(ParticipatingSchool s) {
        return new SchoolResponse(s.schoolId, s.districtCode, s.name, s.type,
                s.grades.isBlank() ? List.of() : Arrays.asList(s.grades.split(",")), s.zone, s.status,
                s.underRevocation, s.takesPart(), s.updatedAt);
    }
}
