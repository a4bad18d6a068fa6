package org.portfolio.contracts.rest;

import jakarta.validation.constraints.Email;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.portfolio.contracts.domain.OversightBodyKind;

@Schema(description = "An oversight body to create or update")
public record OversightBodyRequest(
        @Schema(examples = "Metro Public Schools Board of Education") @NotBlank @Size(max = 200) String name,
        @Schema(examples = "SCHOOL_BOARD") @NotNull OversightBodyKind kind,
        @Schema(examples = "authorizer@metro.example.org") @Email @Size(max = 254) String contactEmail) {
}
