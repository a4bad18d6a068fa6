package org.portfolio.platform.web.security;

import io.quarkus.security.identity.AuthenticationRequestContext;
import io.quarkus.security.identity.SecurityIdentity;
import io.quarkus.security.identity.SecurityIdentityAugmentor;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Instance;
import jakarta.inject.Inject;
import jakarta.json.JsonNumber;
import org.eclipse.microprofile.jwt.JsonWebToken;

import java.util.Optional;

/**
 * Runs after SmallRye JWT has verified a bearer token (signature, issuer, audience, expiry) and refuses it when the
 * gateway has since disabled its client or revoked its token generation (a new secret, other roles or schools):
 * 401 with the reason. While the {@link ClientStatus} is not ready (just after start) a token is refused with 503
 * rather than accepted unchecked. Anonymous requests and services without a {@link ClientStatus} bean pass as before.
 */
@ApplicationScoped
public class ClientRevocationAugmentor implements SecurityIdentityAugmentor {

    /** Private claim of the gateway's tokens: the client's token generation when the token was issued. */
    public static final String GENERATION_CLAIM = "gen";

    @Inject
    Instance<ClientStatus> status;

    private volatile Optional<ClientStatus> resolved;

    @Override
    public Uni<SecurityIdentity> augment(SecurityIdentity identity, AuthenticationRequestContext context) {
        Optional<ClientStatus> known = clientStatus();
        if (known.isEmpty() || identity.isAnonymous() || !(identity.getPrincipal() instanceof JsonWebToken jwt)
                || jwt.getSubject() == null) {
            return Uni.createFrom().item(identity);
        }
        ClientStatus clients = known.get();
        if (!clients.ready()) {
            return Uni.createFrom().failure(TokenRefusal.statusUnknown());
        }
        Optional<String> revoked = clients.revokedBecause(jwt.getSubject(), generation(jwt));
        if (revoked.isPresent()) {
            return Uni.createFrom().failure(TokenRefusal.revoked(revoked.get()));
        }
        return Uni.createFrom().item(identity);
    }

    private Optional<ClientStatus> clientStatus() {
        Optional<ClientStatus> r = resolved;
        if (r == null) {
            r = status.isResolvable() ? Optional.of(status.get()) : Optional.empty();
            resolved = r;
        }
        return r;
    }

    /** The {@code gen} claim; 0 when absent (tokens issued before generations existed, test tokens). */
    static int generation(JsonWebToken jwt) {
        Object gen = jwt.getClaim(GENERATION_CLAIM);
        if (gen instanceof JsonNumber n) {
            return n.intValue();
        }
        if (gen instanceof Number n) {
            return n.intValue();
        }
        return 0;
    }
}
