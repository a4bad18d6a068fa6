package org.portfolio.gateway.rest;

import com.fasterxml.jackson.annotation.JsonInclude;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.portfolio.gateway.domain.ApiClient;

import java.time.Instant;
import java.util.Set;

@Schema(description = "An API client. clientSecret is present only in the answer that creates or rotates it.")
@JsonInclude(JsonInclude.Include.NON_NULL)
public record ClientResponse(String clientId, String name, Set<String> roles, Set<String> schools, boolean enabled,
                             Instant createdAt, Instant rotatedAt,
                             @Schema(description = "Shown once: store it now") String clientSecret) {

    static ClientResponse of(ApiClient c, String secret) {
        return new ClientResponse(c.clientId, c.name, c.roleSet(), c.schoolSet(), c.enabled, c.createdAt, c.rotatedAt, secret);
    }
}
