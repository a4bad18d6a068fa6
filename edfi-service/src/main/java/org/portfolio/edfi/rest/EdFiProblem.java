package org.portfolio.edfi.rest;

import com.fasterxml.jackson.annotation.JsonInclude;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

import java.util.List;
import java.util.Map;

/**
 * An error as the Ed-Fi ODS/API 7 answers it (problem details with an Ed-Fi {@code type}, {@code correlationId} and
 * {@code validationErrors} keyed by JSON path), with the suite's {@code instance} and {@code requestId}: it is also a
 * valid Problem of the suite (docs/errors.md).
 */
@JsonInclude(JsonInclude.Include.NON_EMPTY)
@Schema(name = "EdFiProblem", description = "An Ed-Fi error (ODS/API 7 shape), also a problem+json of the suite")
public record EdFiProblem(
        @Schema(examples = "urn:ed-fi:api:bad-request:data-validation-failed") String type,
        @Schema(examples = "Data Validation Failed") String title,
        int status,
        String detail,
        String instance,
        @Schema(description = "Correlation id of the request, also in the service logs") String requestId,
        @Schema(description = "The same id, under Ed-Fi's name") String correlationId,
        @Schema(description = "Messages per JSON path of the body ($.schoolReference.schoolId)")
        Map<String, List<String>> validationErrors) {
}
