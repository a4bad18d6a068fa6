package org.portfolio.contracts.rest;

import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.portfolio.platform.web.vocabulary.Grade;
import org.portfolio.contracts.domain.School;
import org.portfolio.contracts.domain.SchoolStatus;
import org.portfolio.contracts.domain.SchoolType;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

@Schema(description = "A school in the registry", requiredProperties = {"id", "districtCode", "name", "type", "grades", "oversightBodyId", "status", "version", "createdAt"})
public record SchoolResponse(UUID id, String districtCode, String ncesId, String name, SchoolType type,
                             @Schema(description = "Grades served, lowest first", examples = "[\"9\", \"10\"]") List<Grade> grades,
                             String address, String zone,
                             UUID oversightBodyId, SchoolStatus status, long version, Instant createdAt,
                             Instant updatedAt) {

    static SchoolResponse of(School s) {
        return new SchoolResponse(s.id, s.districtCode, s.ncesId, s.name, s.type,
                s.grades.stream().sorted().toList(), s.address, s.zone, s.oversightBody.id,
                s.status, s.version, s.createdAt, s.updatedAt);
    }
}
