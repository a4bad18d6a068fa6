package org.portfolio.gateway.security;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.Expiry;
import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.jose4j.jwa.AlgorithmConstraints;
import org.jose4j.jws.AlgorithmIdentifiers;
import org.jose4j.jwt.JwtClaims;
import org.jose4j.jwt.MalformedClaimException;
import org.jose4j.jwt.consumer.InvalidJwtException;
import org.jose4j.jwt.consumer.JwtConsumer;
import org.jose4j.jwt.consumer.JwtConsumerBuilder;
import org.jose4j.jwt.consumer.JwtContext;
import org.jose4j.jwx.JsonWebStructure;
import org.portfolio.gateway.config.GatewayConfig;
import org.portfolio.platform.web.security.SchoolScope;

import java.security.interfaces.RSAPublicKey;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;

/**
 * Verifies bearer tokens on the gateway's hot path, without a database: the RS256 signature against the
 * gateway's own keys (no other algorithm, so {@code alg: none} and HMAC tricks fail), issuer, audience, expiry
 * (30 s clock skew) and subject. A verified token is cached until it expires, so its signature is checked once;
 * the client status (disabled, tokens revoked by a rotation) is checked on every request, from memory. The cache
 * is bounded by bytes ({@code verified-token-cache-bytes}, each entry weighed by its token and claims), not by
 * entries, so a flood of large tokens cannot grow it; a token above {@code verified-token-cache-max-token-size} is
 * verified every time and never cached.
 */
@ApplicationScoped
public class TokenVerifier {

    /** The gateway's one clock (platform-web's ClockProducer), never the system clock directly. */
    @Inject
    java.time.Clock clock;

    /** Private claim: the client's token generation when the token was issued (see ApiClient). */
    public static final String GENERATION_CLAIM = "gen";

    private static final long CLOCK_SKEW_SECONDS = 30;
    /** A cache entry besides its strings: Caffeine's node, the record, its sets and Instant (an upper estimate). */
    private static final int ENTRY_OVERHEAD = 256;

    @Inject
    JwtKeys keys;

    @Inject
    GatewayConfig config;

    @Inject
    ClientStatusCache clients;

    private final Map<String, JwtConsumer> consumers = new LinkedHashMap<>();
    private JwtConsumer firstPass;
    private Cache<String, VerifiedToken> verified;
    private long maxCachedTokenLength;

    @PostConstruct
    void init() {
        for (Map.Entry<String, RSAPublicKey> e : keys.verificationKeys().entrySet()) {
            consumers.put(e.getKey(), new JwtConsumerBuilder()
                    .setRequireExpirationTime()
                    .setRequireSubject()
                    .setAllowedClockSkewInSeconds((int) CLOCK_SKEW_SECONDS)
                    .setExpectedIssuer(config.jwt().issuer())
                    .setExpectedAudience(config.jwt().audience())
                    .setVerificationKey(e.getValue())
                    .setJwsAlgorithmConstraints(AlgorithmConstraints.ConstraintType.PERMIT, AlgorithmIdentifiers.RSA_USING_SHA256)
                    .build());
        }
        firstPass = new JwtConsumerBuilder().setSkipAllValidators().setDisableRequireSignature()
                .setSkipSignatureVerification().build();
        maxCachedTokenLength = config.jwt().verifiedTokenCacheMaxTokenSize().asLongValue();
        verified = Caffeine.newBuilder()
                .maximumWeight(config.jwt().verifiedTokenCacheBytes().asLongValue())
                .weigher(TokenVerifier::weight)
                .expireAfter(new Expiry<String, VerifiedToken>() {
                    @Override
                    public long expireAfterCreate(String token, VerifiedToken v, long now) {
                        long nanos = TimeUnit.SECONDS.toNanos(v.expiresAt().getEpochSecond() + CLOCK_SKEW_SECONDS
                                - clock.instant().getEpochSecond());
                        return Math.max(0, nanos);
                    }

                    @Override
                    public long expireAfterUpdate(String token, VerifiedToken v, long now, long current) {
                        return current;
                    }

                    @Override
                    public long expireAfterRead(String token, VerifiedToken v, long now, long current) {
                        return current;
                    }
                })
                .build();
    }

    /** Whether this token's signature and claims were verified before (it is in the cache: checking it again is cheap). */
    public boolean isKnown(String token) {
        return verified.getIfPresent(token) != null;
    }

    /** The caller of a valid token; throws {@link InvalidTokenException} with the reason otherwise. */
    public VerifiedToken verify(String token) {
        VerifiedToken v = verified.getIfPresent(token);
        if (v == null) {
            v = verifySignatureAndClaims(token);
            if (token.length() <= maxCachedTokenLength) {
                verified.put(token, v);
            }
        } else if (v.expiresAt().getEpochSecond() + CLOCK_SKEW_SECONDS < clock.instant().getEpochSecond()) {
            verified.invalidate(token);
            throw new InvalidTokenException("the token has expired");
        }
        String revoked = clients.revokedBecause(v.subject(), v.generation());
        if (revoked != null) {
            throw new InvalidTokenException(revoked);
        }
        return v;
    }

    /** Estimated bytes of a cache entry: a verified token is ASCII (base64url), claim strings are counted as UTF-16. */
    static int weight(String token, VerifiedToken v) {
        long bytes = ENTRY_OVERHEAD + 40L + token.length() + chars(v.subject());
        for (String r : v.roles()) {
            bytes += 16 + chars(r);
        }
        if (v.schools() != null) {
            for (String s : v.schools()) {
                bytes += 16 + chars(s);
            }
        }
        return (int) Math.min(Integer.MAX_VALUE, bytes);
    }

    private static long chars(String s) {
        return s == null ? 0 : 40L + 2L * s.length();
    }

    /** Estimated bytes the cache holds now (tests and diagnostics). */
    long cachedBytes() {
        verified.cleanUp();
        return verified.asMap().entrySet().stream().mapToLong(e -> weight(e.getKey(), e.getValue())).sum();
    }

    /** Tokens the cache holds now. */
    long cachedTokens() {
        verified.cleanUp();
        return verified.asMap().size();
    }

    private VerifiedToken verifySignatureAndClaims(String token) {
        if (token.isEmpty() || token.length() > 16_384) {
            throw new InvalidTokenException("malformed token");
        }
        try {
            JwtContext unverified = firstPass.process(token);
            List<JsonWebStructure> parts = unverified.getJoseObjects();
            String kid = parts.isEmpty() ? null : parts.get(0).getKeyIdHeaderValue();
            JwtConsumer byKid = kid == null ? null : consumers.get(kid);
            Collection<JwtConsumer> candidates = byKid != null ? List.of(byKid) : consumers.values();
            InvalidJwtException last = null;
            for (JwtConsumer c : candidates) {
                try {
                    JwtClaims claims = c.processToClaims(token);
                    return toVerified(claims);
                } catch (InvalidJwtException e) {
                    last = e;
                    if (e.getErrorDetails().stream().noneMatch(d -> d.getErrorCode() == org.jose4j.jwt.consumer.ErrorCodes.SIGNATURE_INVALID)) {
                        break; // the signature was right: the claims are wrong, another key will not help
                    }
                }
            }
            throw new InvalidTokenException(reason(last));
        } catch (InvalidJwtException e) {
            throw new InvalidTokenException("malformed token");
        } catch (MalformedClaimException e) {
            throw new InvalidTokenException("malformed claim: " + e.getMessage());
        }
    }

    private static VerifiedToken toVerified(JwtClaims claims) throws MalformedClaimException {
        Set<String> roles = strings(claims.getClaimValue("groups"));
        // null: the token names its client's scope by reference (claim school_scope), resolved on every request
        Set<String> schools = claims.hasClaim("schools") ? strings(claims.getClaimValue("schools")) : null;
        Object gen = claims.getClaimValue(GENERATION_CLAIM);
        return new VerifiedToken(claims.getSubject(), roles, schools,
                gen instanceof Number n ? n.intValue() : 0,
                Instant.ofEpochSecond(claims.getExpirationTime().getValue()));
    }

    private static Set<String> strings(Object claim) {
        Set<String> out = new LinkedHashSet<>();
        if (claim instanceof Collection<?> c) {
            c.forEach(v -> out.add(String.valueOf(v)));
        } else if (claim != null) {
            out.add(String.valueOf(claim));
        }
        return Set.copyOf(out);
    }

    private static String reason(InvalidJwtException e) {
        if (e == null) {
            return "invalid token";
        }
        if (e.hasExpired()) {
            return "the token has expired";
        }
        List<String> why = new ArrayList<>();
        e.getErrorDetails().forEach(d -> {
            switch (d.getErrorCode()) {
                case org.jose4j.jwt.consumer.ErrorCodes.SIGNATURE_INVALID -> why.add("the signature is not the gateway's");
                case org.jose4j.jwt.consumer.ErrorCodes.ISSUER_INVALID -> why.add("wrong issuer");
                case org.jose4j.jwt.consumer.ErrorCodes.AUDIENCE_INVALID, org.jose4j.jwt.consumer.ErrorCodes.AUDIENCE_MISSING -> why.add("wrong audience");
                case org.jose4j.jwt.consumer.ErrorCodes.SIGNATURE_MISSING -> why.add("the token is not signed (only RS256 is accepted)");
                case org.jose4j.jwt.consumer.ErrorCodes.EXPIRATION_MISSING -> why.add("no expiry");
                case org.jose4j.jwt.consumer.ErrorCodes.SUBJECT_MISSING -> why.add("no subject");
                case org.jose4j.jwt.consumer.ErrorCodes.NOT_YET_VALID, org.jose4j.jwt.consumer.ErrorCodes.ISSUED_AT_INVALID_FUTURE -> why.add("not valid yet");
                default -> { }
            }
        });
        return why.isEmpty() ? "invalid token" : String.join(", ", why);
    }

    /**
     * A verified caller. {@code generation} decides whether a later rotation, disabling or role change revoked it.
     * {@code schools}: the schools a narrowed token carries itself (request scope {@code school:<id>}), or null when
     * it names its client's registered scope by reference.
     */
    public record VerifiedToken(String subject, Set<String> roles, Set<String> schools, int generation, Instant expiresAt) {
    }

    /**
     * The schools the caller acts for now: its client's scope (none while the client is unknown here), narrowed to the
     * schools the token carries itself if it carries some (as platform-web's Caller does in every service).
     */
    public SchoolScope scopeOf(VerifiedToken v) {
        java.util.Optional<SchoolScope> registered = clients.scopeOf(v.subject());
        if (v.schools() != null) {
            return registered.map(r -> r.narrowedTo(v.schools())).orElse(SchoolScope.of(v.schools()));
        }
        return registered.orElse(SchoolScope.NONE);
    }

    public static class InvalidTokenException extends RuntimeException {
        public InvalidTokenException(String message) {
            super(message, null, false, false);
        }
    }
}
