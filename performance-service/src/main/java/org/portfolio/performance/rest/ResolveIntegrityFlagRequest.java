package org.portfolio.performance.rest;

import jakarta.validation.constraints.Size;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.portfolio.performance.domain.IntegrityResolutionCode;

@Schema(description = "The resolution of an integrity flag: a resolution code (published) and an optional note (never "
        + "published: kept with the flag in this service). At least one of the two: an empty object is refused (400)",
        minProperties = 1)
public record ResolveIntegrityFlagRequest(
        @Schema(description = "How the flag is resolved, from a closed list: the only part of the resolution that is "
                + "published (IntegrityFlagResolved, the contracts scorecard). Absent: OTHER, for clients of the "
                + "deprecation period that send only a note")
        IntegrityResolutionCode resolutionCode,
        @Schema(description = "What oversight found, in words (at most 2000 characters; name no student). Never "
                + "published: read with the flag by those who may read it. Required when resolutionCode is absent "
                + "(the request of the deprecation period)",
                examples = "Spring make-up sessions documented; participation reached 96% after the window")
        @Size(max = 2000) String note) {
}
