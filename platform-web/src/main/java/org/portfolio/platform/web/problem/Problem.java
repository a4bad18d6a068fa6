package org.portfolio.platform.web.problem;

import com.fasterxml.jackson.annotation.JsonInclude;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

import java.util.List;

/**
 * RFC 9457 problem details, the body of every error answer ({@code application/problem+json}).
 * {@code type} is stable and documented in docs/errors.md; {@code requestId} ties the answer to the logs.
 */
@Schema(name = "Problem", description = "RFC 9457 problem details")
@JsonInclude(JsonInclude.Include.NON_EMPTY)
public record Problem(
        @Schema(description = "Stable problem type URI", examples = "urn:portfolio:problem:validation", required = true)
        String type,
        @Schema(description = "Short summary of the problem type", examples = "Invalid request", required = true)
        String title,
        @Schema(description = "HTTP status", examples = "400", required = true)
        int status,
        @Schema(description = "What went wrong in this occurrence")
        String detail,
        @Schema(description = "The request path")
        String instance,
        @Schema(description = "Correlation id of the request, also in the service logs")
        String requestId,
        @Schema(description = "Field errors (validation problems only)")
        List<FieldError> errors) {

    public static final String MEDIA_TYPE = "application/problem+json";
}
