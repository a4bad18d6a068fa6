package org.portfolio.enrollment.rest;

import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.portfolio.enrollment.domain.Applicant;
import org.portfolio.platform.web.vocabulary.Grade;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.UUID;

@Schema(description = "An applicant", requiredProperties = {"id", "externalRef", "firstName", "lastName", "birthDate", "grade",
        "siblingSchoolIds", "staffSchoolIds", "flags", "version", "createdAt", "updatedAt"})
public record ApplicantResponse(UUID id, String externalRef, String firstName, String lastName, LocalDate birthDate,
                                @Schema(ref = Grade.SCHEMA) String grade,
                                @Schema(description = "Absent when not given") String homeZone,
                                @Schema(description = "Absent when the child attends no school of the district") UUID currentSchoolId,
                                List<UUID> siblingSchoolIds, List<UUID> staffSchoolIds, List<String> flags, long version,
                                Instant createdAt, Instant updatedAt) {

    static ApplicantResponse of(Applicant a) {
        return new ApplicantResponse(a.id, a.externalRef, a.firstName, a.lastName, a.birthDate, a.grade, a.homeZone,
                a.currentSchoolId, uuids(a.siblingSchoolIds), uuids(a.staffSchoolIds), Applicant.split(a.flags),
                a.version, a.createdAt, a.updatedAt);
    }

    private static List<UUID> uuids(String csv) {
        return Applicant.split(csv).stream().map(UUID::fromString).toList();
    }
}
