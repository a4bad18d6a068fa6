package org.portfolio.gateway.rest;

import com.fasterxml.jackson.annotation.JsonProperty;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** The form fields of a token request (documentation only: the endpoint parses the form itself, see TokenResource). */
@Schema(name = "TokenRequest", description = "Client credentials grant (RFC 6749 §4.4). Authenticate with HTTP Basic "
        + "(client id and secret), or send client_id and client_secret in the form instead.")
public record TokenRequestForm(
        @Schema(required = true, enumeration = "client_credentials") @JsonProperty("grant_type") String grantType,
        @Schema(description = "Optional narrowing: space-separated roles and school:<id> entries of the client", maxLength = 4096)
        @JsonProperty("scope") String scope,
        @Schema(description = "Only without HTTP Basic", maxLength = 64) @JsonProperty("client_id") String clientId,
        @Schema(description = "Only without HTTP Basic", maxLength = 4096) @JsonProperty("client_secret") String clientSecret) {
}
