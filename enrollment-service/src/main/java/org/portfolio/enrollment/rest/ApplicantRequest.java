package org.portfolio.enrollment.rest;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Past;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.portfolio.enrollment.service.ApplicantService;
import org.portfolio.platform.web.vocabulary.Grade;

import java.time.LocalDate;
import java.util.List;
import java.util.UUID;

@Schema(description = "An applicant (personal data: stays in enrollment-service)")
public record ApplicantRequest(
        @Schema(description = "Student number or the enrollment office's reference", examples = "STU-0012345")
        @NotBlank @Size(max = 60) String externalRef,
        @NotBlank @Size(max = 100) String firstName,
        @NotBlank @Size(max = 100) String lastName,
        @NotNull @Past LocalDate birthDate,
        @Schema(description = "The grade applied for", ref = Grade.SCHEMA, required = true)
        @NotNull @Pattern(regexp = "PK|K|[1-9]|1[0-2]", message = "must be PK, K, 1 … 12") String grade,
        @Schema(examples = "EAST") @Size(max = 60) String homeZone,
        @Schema(description = "The school the child attends now (CONTINUING priority there)") UUID currentSchoolId,
        @Schema(description = "Schools a sibling attends (SIBLING priority)") @Size(max = 10) List<@NotNull UUID> siblingSchoolIds,
        @Schema(description = "Schools where a parent works (STAFF priority)") @Size(max = 5) List<@NotNull UUID> staffSchoolIds,
        @Schema(description = "Set-aside flags", examples = "[\"FRL\"]")
        @Size(max = 10) List<@NotNull @Pattern(regexp = "[A-Za-z0-9_]{1,40}", message = "letters, digits and _ only") String> flags) {

    ApplicantService.ApplicantData data() {
        return new ApplicantService.ApplicantData(externalRef, firstName, lastName, birthDate, grade, homeZone, currentSchoolId,
                siblingSchoolIds, staffSchoolIds, flags);
    }
}
