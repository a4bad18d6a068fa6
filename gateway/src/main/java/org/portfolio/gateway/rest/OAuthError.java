package org.portfolio.gateway.rest;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/**
 * RFC 6749 §5.2 error response. The token endpoint is the one place that answers errors as plain
 * {@code application/json} instead of problem+json, because OAuth2 client libraries expect exactly this shape.
 */
@Schema(name = "OAuthError", description = "Token endpoint error (RFC 6749 §5.2)")
@JsonInclude(JsonInclude.Include.NON_NULL)
public record OAuthError(
        @Schema(required = true, enumeration = {"invalid_request", "invalid_client", "unauthorized_client",
                "unsupported_grant_type", "invalid_scope"}, examples = "invalid_client")
        @JsonProperty("error") String error,
        @Schema(description = "What went wrong, for the developer", examples = "unknown client or wrong secret")
        @JsonProperty("error_description") String errorDescription) {
}
