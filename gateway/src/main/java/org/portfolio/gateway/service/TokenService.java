package org.portfolio.gateway.service;

import io.smallrye.jwt.algorithm.SignatureAlgorithm;
import io.smallrye.jwt.build.Jwt;
import io.smallrye.jwt.build.JwtClaimsBuilder;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.portfolio.gateway.config.GatewayConfig;
import org.portfolio.gateway.domain.ApiClient;
import org.portfolio.gateway.security.ScopeResolver;
import org.portfolio.gateway.domain.GrantedScope;
import org.portfolio.gateway.security.JwtKeys;
import org.portfolio.gateway.security.TokenVerifier;
import org.portfolio.platform.web.security.Roles;
import org.portfolio.platform.web.security.SchoolScopes;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/** OAuth2 client credentials: authenticates the client and issues its RS256 access token. */
@ApplicationScoped
public class TokenService {

    /** The gateway's one clock (platform-web's ClockProducer), never the system clock directly. */
    @Inject
    java.time.Clock clock;

    @Inject
    ClientRegistryService registry;

    @Inject
    JwtKeys keys;

    @Inject
    GatewayConfig config;

    @Inject
    ScopeResolver resolver;

    public record IssuedToken(String accessToken, long expiresIn, String scope) {
    }

    public Optional<ApiClient> authenticate(String clientId, String secret) {
        return registry.authenticate(clientId, secret);
    }

    public IssuedToken issue(ApiClient client, String requestedScope) throws GrantedScope.InvalidScope {
        GrantedScope scope = GrantedScope.of(client, () -> resolver.resolve(client), requestedScope);
        Instant now = clock.instant();
        long ttl = config.jwt().ttl().toSeconds();
        JwtClaimsBuilder claims = Jwt.issuer(config.jwt().issuer())
                .audience(config.jwt().audience())
                .subject(client.clientId)
                .upn(client.clientId)
                .groups(scope.roles());
        // the schools never ride in the token unless it was narrowed to a few: every service resolves the reference.
        // A narrowed token names the reference too: a service that has not heard of the client yet must not take an
        // authorizer's OVERSIGHT token for the district's own (platform-web Caller).
        claims = claims.claim(SchoolScopes.CLAIM, SchoolScopes.BY_CLIENT);
        if (!scope.byReference()) {
            claims = claims.claim(Roles.SCHOOLS_CLAIM, List.copyOf(scope.schools()));
        }
        String token = claims
                .claim(TokenVerifier.GENERATION_CLAIM, client.tokenGeneration)
                .claim("jti", UUID.randomUUID().toString())
                .issuedAt(now)
                .expiresAt(now.plusSeconds(ttl))
                .jws().algorithm(SignatureAlgorithm.RS256).keyId(keys.signingKid())
                .sign(keys.signingKey());
        registry.markTokenIssued(client.clientId);
        return new IssuedToken(token, ttl, scope.asScopeString());
    }
}
