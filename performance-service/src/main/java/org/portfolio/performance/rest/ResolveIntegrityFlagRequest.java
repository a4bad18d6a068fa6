package org.portfolio.performance.rest;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

@Schema(description = "The resolution of an integrity flag")
public record ResolveIntegrityFlagRequest(
        @Schema(description = "Why the flag is resolved (what oversight found); required, no student names",
                examples = "Spring make-up sessions documented; participation reached 96% after the window")
        @NotBlank @Size(max = 2000) String note) {
}
