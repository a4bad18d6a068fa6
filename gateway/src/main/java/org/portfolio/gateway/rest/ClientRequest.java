package org.portfolio.gateway.rest;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

import java.util.Set;
import java.util.UUID;

@Schema(description = "An API client to register")
public record ClientRequest(
        @Schema(examples = "Eastside SIS nightly sync") @NotBlank @Size(max = 200) String name,
        @Schema(description = "Roles of the client", examples = "[\"SIS\"]")
        @NotEmpty Set<@NotNull @Pattern(regexp = "DISTRICT_ADMIN|OVERSIGHT|SCHOOL_LEADER|SIS|ENROLLMENT_OFFICER",
                message = "must be one of DISTRICT_ADMIN, OVERSIGHT, SCHOOL_LEADER, SIS, ENROLLMENT_OFFICER") String> roles,
        @Schema(description = "School ids a SCHOOL_LEADER or SIS client acts for")
        @Size(max = 500) Set<@NotNull UUID> schools) {
}
