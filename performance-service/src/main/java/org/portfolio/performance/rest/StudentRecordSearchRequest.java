package org.portfolio.performance.rest;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.portfolio.performance.domain.SchoolYear;

import java.util.UUID;

/**
 * What a read of student records names, in a body: a child's student id kept out of the URL, which proxies, load
 * balancers and browsers' histories keep (hostile review of the twenty-fourth pass, N3; as the applicants' search).
 */
@Schema(description = "Student records of one school and school year, by student (and, for assessments, subject)")
public record StudentRecordSearchRequest(
        @Schema(required = true, description = "The school") @NotNull UUID schoolId,
        @Schema(required = true, description = StudentRecordResource.YEAR, examples = "2026-27", pattern = SchoolYear.PATTERN)
        @NotNull String schoolYear,
        @Schema(description = "Only this SIS student id", examples = "RV301-C2031-014") @Size(max = 64) String studentId,
        @Schema(description = "Only this subject, e.g. ELA (assessments only)", examples = "ELA") @Size(max = 20) String subject,
        @Schema(description = "Page number, from 0", defaultValue = "0") @Min(0) @Max(100000) Integer page,
        @Schema(description = "Page size", defaultValue = "100") @Min(1) @Max(1000) Integer size) {

    int pageOrFirst() {
        return page == null ? 0 : page;
    }

    int sizeOrDefault() {
        return size == null ? 100 : size;
    }
}
