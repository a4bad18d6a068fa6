package org.portfolio.platform.web.problem;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** One invalid field of a request: a JSON path such as {@code benchmarks[2].target}, and what is wrong. */
@Schema(description = "One invalid field of the request", requiredProperties = {"field", "message"})
public record FieldError(
        @Schema(description = "Path of the field in the request (JSON path, query or header name)", examples = "term.endYear")
        String field,
        @Schema(description = "What is wrong with it", examples = "must not be blank")
        String message) {
}
