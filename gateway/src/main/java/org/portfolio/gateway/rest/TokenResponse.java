package org.portfolio.gateway.rest;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** RFC 6749 §5.1 access token response. */
@Schema(name = "TokenResponse", description = "An access token (RFC 6749 §5.1)")
@JsonInclude(JsonInclude.Include.NON_NULL)
public record TokenResponse(
        @Schema(description = "RS256 JWT to send as Authorization: Bearer", required = true)
        @JsonProperty("access_token") String accessToken,
        @Schema(description = "Always Bearer", required = true, examples = "Bearer")
        @JsonProperty("token_type") String tokenType,
        @Schema(description = "Lifetime in seconds", required = true, examples = "1800")
        @JsonProperty("expires_in") long expiresIn,
        @Schema(description = "What the token carries: its roles and, for school-scoped clients, school:<id> entries",
                examples = "SIS school:6f1c0a52-3d1e-4c7e-9a51-2b0d8f6f0d11")
        @JsonProperty("scope") String scope) {
}
