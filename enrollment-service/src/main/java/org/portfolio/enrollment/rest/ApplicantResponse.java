package org.portfolio.enrollment.rest;

import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.portfolio.enrollment.domain.Applicant;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.UUID;

@Schema(description = "An applicant")
public record ApplicantResponse(UUID id, String externalRef, String firstName, String lastName, LocalDate birthDate,
                                String grade, String homeZone, UUID currentSchoolId, List<String> siblingSchoolIds,
                                List<String> staffSchoolIds, List<String> flags, long version, Instant createdAt,
                                Instant updatedAt) {

    static ApplicantResponse of(Applicant a) {
        return new ApplicantResponse(a.id, a.externalRef, a.firstName, a.lastName, a.birthDate, a.grade, a.homeZone,
                a.currentSchoolId, Applicant.split(a.siblingSchoolIds), Applicant.split(a.staffSchoolIds), Applicant.split(a.flags),
                a.version, a.createdAt, a.updatedAt);
    }
}
