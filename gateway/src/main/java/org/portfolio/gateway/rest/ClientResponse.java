package org.portfolio.gateway.rest;

import com.fasterxml.jackson.annotation.JsonInclude;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.portfolio.gateway.domain.ApiClient;
import org.portfolio.gateway.domain.ClientScope;

import java.time.Instant;
import java.util.Set;

@Schema(description = "An API client. clientSecret is present only in the answer that creates it or rotates its secret.",
        requiredProperties = {"clientId", "name", "roles", "schools", "oversightBodies", "zones", "allSchools", "enabled",
                "version", "createdAt"})
@JsonInclude(JsonInclude.Include.NON_NULL)
public record ClientResponse(
        @Schema(description = "The client id (OAuth2 client_id)", examples = "cl_Xq3v9LmN0pRsT2uV") String clientId,
        @Schema(examples = "Eastside SIS nightly sync") String name,
        @Schema(description = "Roles its tokens carry", examples = "[\"SIS\"]") Set<String> roles,
        @Schema(description = "School ids it names (SCHOOL_LEADER, SIS)") Set<String> schools,
        @Schema(description = "Oversight bodies whose schools it acts for") Set<String> oversightBodies,
        @Schema(description = "Zones whose schools it acts for") Set<String> zones,
        @Schema(description = "It acts for every school of the district") boolean allSchools,
        @Schema(description = "A disabled client gets no tokens and its tokens are rejected") boolean enabled,
        @Schema(description = "Version, also the ETag", examples = "3") long version,
        Instant createdAt,
        @Schema(description = "Client id of the administrator who registered it") String createdBy,
        Instant updatedAt,
        String updatedBy,
        @Schema(description = "When the secret was last rotated") Instant rotatedAt,
        Instant disabledAt,
        @Schema(description = "When the client last obtained a token") Instant lastTokenAt,
        @Schema(description = "Shown once: store it now", examples = "Jm0b7Xo0m3fW3b1u1cV5p8Hq2Qx9sYt4dLkA6eRzNcU") String clientSecret) {

    static ClientResponse of(ApiClient c, String secret) {
        ClientScope scope = c.scope();
        return new ClientResponse(c.clientId, c.name, c.roleSet(), scope.schools(), scope.oversightBodies(), scope.zones(),
                scope.allSchools(), c.enabled, c.version, c.createdAt,
                c.createdBy, c.updatedAt, c.updatedBy, c.rotatedAt, c.disabledAt, c.lastTokenAt, secret);
    }
}
