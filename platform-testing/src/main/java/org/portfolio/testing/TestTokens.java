package org.portfolio.testing;

import io.smallrye.jwt.build.Jwt;
import io.smallrye.jwt.build.JwtClaimsBuilder;

import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyFactory;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.spec.PKCS8EncodedKeySpec;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.Set;
import java.util.Map;
import java.util.TreeSet;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;

/**
 * RS256 tokens shaped like the gateway's (issuer, audience, {@code groups} roles, {@code schools} scope),
 * signed with the key pair {@link RealInfrastructure} generated, so services verify them for real.
 */
public final class TestTokens {

    public static final String ISSUER = "https://portfolio.local/gateway";
    public static final String AUDIENCE = "portfolio-api";

    private static PrivateKey key;

    private TestTokens() {
    }

    public static String districtAdmin() {
        return withRoles("DISTRICT_ADMIN");
    }

    public static String oversight() {
        return withRoles("OVERSIGHT");
    }

    public static String enrollmentOfficer() {
        return withRoles("ENROLLMENT_OFFICER");
    }

    public static String schoolLeader(UUID... schools) {
        return token("leader-client", Set.of("SCHOOL_LEADER"), ids(schools), Duration.ofMinutes(30));
    }

    public static String sis(UUID... schools) {
        return token("sis-client", Set.of("SIS"), ids(schools), Duration.ofMinutes(30));
    }

    public static String withRoles(String... roles) {
        return token("test-client", Set.of(roles), List.of(), Duration.ofMinutes(30));
    }

    public static String token(String subject, Set<String> roles, List<String> schools, Duration ttl) {
        return cached(List.of("token", subject, new TreeSet<>(roles), schools, ttl), ttl,
                () -> claims(subject, roles, schools, ttl).jws().keyId("test").sign(privateKey()));
    }

    /**
     * A token of a client in a given token generation (the gateway's {@code gen} claim; tokens without it count as
     * generation 0), to test that services refuse tokens the gateway has revoked.
     */
    /**
     * A token as the gateway issues it since issue 18: no {@code schools} claim, the scope named by reference
     * ({@code school_scope: client}); the service resolves the subject's scope from its client directory.
     */
    public static String byReference(String subject, String... roles) {
        Duration ttl = Duration.ofMinutes(30);
        return cached(List.of("byReference", subject, new TreeSet<>(Set.of(roles))), ttl,
                () -> Jwt.issuer(ISSUER).audience(AUDIENCE).subject(subject).upn(subject).groups(Set.of(roles))
                        .claim("school_scope", "client").issuedAt(Instant.now()).expiresIn(ttl)
                        .jws().keyId("test").sign(privateKey()));
    }

    /**
     * As {@link #byReference}, narrowed to some schools as the gateway narrows a token the client asked for fewer
     * schools ({@code schools} beside {@code school_scope: client}): a client this service has not heard of then acts
     * for those schools only, OVERSIGHT too (not district-wide, as a plain {@link #token} without a scope claim is).
     */
    public static String byReferenceNarrowed(String subject, List<String> schools, String... roles) {
        Duration ttl = Duration.ofMinutes(30);
        return cached(List.of("byReferenceNarrowed", subject, schools, new TreeSet<>(Set.of(roles))), ttl,
                () -> claims(subject, Set.of(roles), schools, ttl).claim("school_scope", "client")
                        .jws().keyId("test").sign(privateKey()));
    }

    /**
     * As {@link #byReference}, issued at a given instant (not cached): a token of a client whose first request comes
     * long after its issue, which a service does not wait for when it has not heard of the client.
     */
    public static String byReferenceIssuedAt(Instant issuedAt, String subject, String... roles) {
        return Jwt.issuer(ISSUER).audience(AUDIENCE).subject(subject).upn(subject).groups(Set.of(roles))
                .claim("school_scope", "client").issuedAt(issuedAt).expiresAt(issuedAt.plus(Duration.ofMinutes(30)))
                .jws().keyId("test").sign(privateKey());
    }

    public static String withGeneration(String subject, int generation, String... roles) {
        Duration ttl = Duration.ofMinutes(30);
        return cached(List.of("withGeneration", subject, generation, new TreeSet<>(Set.of(roles))), ttl,
                () -> claims(subject, Set.of(roles), List.of(), ttl).claim("gen", generation)
                        .jws().keyId("test").sign(privateKey()));
    }

    /** Expired 10 minutes ago. */
    public static String expired(String... roles) {
        return claims("test-client", Set.of(roles), List.of(), Duration.ofMinutes(30))
                .issuedAt(Instant.now().minusSeconds(3600))
                .expiresAt(Instant.now().minusSeconds(600))
                .jws().keyId("test").sign(privateKey());
    }

    /** Well-formed but signed with a key the services do not trust. */
    public static String forged(String... roles) {
        return claims("test-client", Set.of(roles), List.of(), Duration.ofMinutes(30))
                .jws().keyId("test").sign(untrustedKey());
    }

    private static synchronized PrivateKey untrustedKey() {
        if (untrusted == null) {
            try {
                KeyPairGenerator g = KeyPairGenerator.getInstance("RSA");
                g.initialize(2048);
                untrusted = g.generateKeyPair().getPrivate();
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        }
        return untrusted;
    }

    /**
     * A token signed once and handed out again while at least half of its lifetime is left: an RS256 signature costs
     * 2–3 ms on a warmed-up JVM, but 100–160 ms in the test JVMs, which run on the C1 compiler only (no intrinsics for
     * BigInteger), and a suite asks for thousands (docs/testing.md, "Test tokens"). The services do not look at
     * {@code iat} (revocation goes by the client directory and the {@code gen} claim), so a reused token means exactly
     * what a fresh one with the same claims means.
     */
    private static String cached(List<Object> key, Duration ttl, Supplier<String> sign) {
        Instant now = Instant.now();
        Signed hit = SIGNED.get(key);
        if (hit != null && hit.reuseUntil().isAfter(now)) {
            return hit.token();
        }
        String token = sign.get();
        SIGNED.put(key, new Signed(token, now.plus(ttl.dividedBy(2))));
        return token;
    }

    private record Signed(String token, Instant reuseUntil) {
    }

    private static final Map<List<Object>, Signed> SIGNED = new ConcurrentHashMap<>();

    private static PrivateKey untrusted;

    private static JwtClaimsBuilder claims(String subject, Set<String> roles, List<String> schools, Duration ttl) {
        return Jwt.issuer(ISSUER)
                .audience(AUDIENCE)
                .subject(subject)
                .upn(subject)
                .groups(roles)
                .claim("schools", schools)
                .issuedAt(Instant.now())
                .expiresIn(ttl);
    }

    private static List<String> ids(UUID... schools) {
        return Arrays.stream(schools).map(UUID::toString).toList();
    }

    private static synchronized PrivateKey privateKey() {
        if (key == null) {
            RealInfrastructure.ensureStarted();
            try {
                String pem = Files.readString(Path.of(System.getProperty(RealInfrastructure.P_PRIVATE_KEY)));
                String b64 = pem.replaceAll("-----[A-Z ]+-----", "").replaceAll("\\s", "");
                key = KeyFactory.getInstance("RSA").generatePrivate(new PKCS8EncodedKeySpec(Base64.getDecoder().decode(b64)));
            } catch (Exception e) {
                throw new IllegalStateException("cannot read the test signing key", e);
            }
        }
        return key;
    }
}
