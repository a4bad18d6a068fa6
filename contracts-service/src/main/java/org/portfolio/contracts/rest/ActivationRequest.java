package org.portfolio.contracts.rest;

import jakarta.validation.constraints.Size;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

@Schema(description = "Activation of a draft. The body is optional (an empty body with Content-Type: application/json)")
public record ActivationRequest(
        @Schema(examples = "Approved by the board on 2026-06-12") @Size(max = 2000) String reason) {
}
