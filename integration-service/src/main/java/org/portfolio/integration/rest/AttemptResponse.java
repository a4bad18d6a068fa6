package org.portfolio.integration.rest;

import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.portfolio.integration.domain.AttemptRow;
import org.portfolio.integration.domain.ErrorClass;

import java.time.Instant;

/** One attempt of a delivery. */
@Schema(name = "DeliveryAttempt")
public record AttemptResponse(
        @Schema(required = true, examples = "1") int attempt,
        @Schema(required = true) Instant at,
        @Schema(description = "The endpoint's status code, when it answered") Integer statusCode,
        @Schema(description = "From the start of the attempt to its end", required = true) int latencyMs,
        @Schema(description = "Why it failed; absent when acknowledged (2xx)") ErrorClass errorClass,
        @Schema(description = "The first characters of the answer, printable ASCII only (never more)", maxLength = 120) String responseSnippet) {

    static AttemptResponse of(AttemptRow a) {
        return new AttemptResponse(a.attempt(), a.at(), a.statusCode(), a.latencyMs(),
                a.errorClass() == null ? null : ErrorClass.valueOf(a.errorClass()), a.snippet());
    }
}
