package org.portfolio.enrollment.rest;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.Size;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/**
 * What a search for applicants names, in a body: a child's reference and last name kept out of the URL, which proxies,
 * load balancers and browsers' histories keep (log audit, sixteenth pass).
 */
@Schema(description = "Applicants by external reference (exact), else by last name (case-insensitive); neither: "
        + "every applicant, by name")
public record ApplicantSearchRequest(
        @Schema(description = "Student number or the enrollment office's reference", examples = "STU-0012345")
        @Size(max = 60) String externalRef,
        @Size(max = 100) String lastName,
        @Schema(description = "Page number, from 0", defaultValue = "0") @Min(0) @Max(100000) Integer page,
        @Schema(description = "Page size", defaultValue = "50") @Min(1) @Max(500) Integer size) {

    int pageOrFirst() {
        return page == null ? 0 : page;
    }

    int sizeOrDefault() {
        return size == null ? 50 : size;
    }
}
