package org.portfolio.platform.web.security;

import io.quarkus.security.AuthenticationFailedException;

import java.util.Map;
import java.util.Optional;

/**
 * Why a verified token was refused after all ({@link ClientRevocationAugmentor}). Quarkus's
 * {@link AuthenticationFailedException} is final, so the reason travels as one of its attributes and
 * {@code ProblemMappers} turns it into the answer: 401 with the reason, or 503 while the client status is unknown.
 */
public record TokenRefusal(Kind kind, String reason) {

    public enum Kind { REVOKED, STATUS_UNKNOWN }

    static final String ATTRIBUTE = "portfolio.token-refusal";

    public static AuthenticationFailedException revoked(String reason) {
        return exception(new TokenRefusal(Kind.REVOKED, reason));
    }

    public static AuthenticationFailedException statusUnknown() {
        return exception(new TokenRefusal(Kind.STATUS_UNKNOWN,
                "this service has not yet read the API clients' status since it started"));
    }

    /** The refusal an exception carries, if it is one. */
    public static Optional<TokenRefusal> of(AuthenticationFailedException e) {
        Object a = e.getAttributes() == null ? null : e.getAttributes().get(ATTRIBUTE);
        return a instanceof TokenRefusal r ? Optional.of(r) : Optional.empty();
    }

    private static AuthenticationFailedException exception(TokenRefusal r) {
        return new AuthenticationFailedException(r.reason(), Map.of(ATTRIBUTE, r));
    }
}
