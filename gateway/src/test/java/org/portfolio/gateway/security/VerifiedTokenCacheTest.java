package org.portfolio.gateway.security;

import io.quarkus.runtime.configuration.MemorySize;
import org.jose4j.jws.AlgorithmIdentifiers;
import org.jose4j.jws.JsonWebSignature;
import org.jose4j.jwt.JwtClaims;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.portfolio.gateway.config.GatewayConfig;

import java.lang.reflect.Proxy;
import java.math.BigInteger;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.interfaces.RSAPublicKey;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The verified-token cache is bounded by bytes, not entries (issue 13): a flood of large distinct valid tokens keeps
 * it within {@code verified-token-cache-bytes}, and a token above {@code verified-token-cache-max-token-size} is
 * verified but never cached. A plain unit test of {@link TokenVerifier} (no Quarkus): real RS256 tokens.
 */
class VerifiedTokenCacheTest {

    private static final String ISSUER = "https://portfolio.local/gateway";
    private static final long BOUND = 1L << 20; // 1 MiB
    private static final long MAX_TOKEN = 8 * 1024;
    private static KeyPair keys;

    @BeforeAll
    static void keys() throws Exception {
        KeyPairGenerator g = KeyPairGenerator.getInstance("RSA");
        g.initialize(2048);
        keys = g.generateKeyPair();
    }

    @Test
    void aFloodOfLargeDistinctTokensStaysWithinTheByteBound() throws Exception {
        TokenVerifier verifier = verifier();
        List<String> tokens = new ArrayList<>();
        for (int i = 0; i < 400; i++) {
            tokens.add(token("flood-" + i, 140)); // about 7.5 KB each: 400 of them are about 3 MB
        }
        assertThat(tokens.get(0).length()).isBetween(6_000, (int) MAX_TOKEN);
        for (String t : tokens) {
            assertThat(verifier.verify(t).subject()).startsWith("flood-");
        }
        // each entry weighs about 26 KB (the token, 140 school ids as UTF-16 strings): old, all 400 stayed (10 MB)
        assertThat(verifier.cachedBytes()).as("bytes cached").isLessThanOrEqualTo(BOUND);
        // still a cache, filled up to about its bound
        assertThat(verifier.cachedBytes()).as("bytes cached").isGreaterThan(BOUND / 2);
        assertThat(verifier.cachedTokens()).isGreaterThan(20);
    }

    @Test
    void aTokenAboveTheMaximumSizeIsVerifiedButNotCached() throws Exception {
        TokenVerifier verifier = verifier();
        String big = token("big", 250);
        assertThat(big.length()).isGreaterThan((int) MAX_TOKEN).isLessThan(16_384);
        assertThat(verifier.verify(big).schools()).hasSize(250);
        assertThat(verifier.verify(big).subject()).isEqualTo("big");
        assertThat(verifier.cachedTokens()).isZero();
        String small = token("small", 1);
        verifier.verify(small);
        assertThat(verifier.cachedTokens()).isEqualTo(1);
    }

    @Test
    void theWeightGrowsWithTheTokenAndItsClaims() throws Exception {
        String t = token("w", 10);
        TokenVerifier.VerifiedToken v = verifier().verify(t);
        assertThat(TokenVerifier.weight(t, v)).isGreaterThan(t.length() + 10 * 36);
    }

    private static TokenVerifier verifier() {
        TokenVerifier v = new TokenVerifier();
        v.keys = new JwtKeys(); // not loaded: only the verification key below
        v.keys.verificationKeys().put("k1", (RSAPublicKey) keys.getPublic());
        v.config = config();
        v.clients = new ClientStatusCache();
        v.clock = java.time.Clock.systemUTC();
        v.init();
        return v;
    }

    private static String token(String subject, int schools) throws Exception {
        JwtClaims c = new JwtClaims();
        c.setIssuer(ISSUER);
        c.setAudience("portfolio-api");
        c.setSubject(subject);
        c.setExpirationTimeMinutesInTheFuture(10);
        c.setIssuedAtToNow();
        c.setStringListClaim("groups", "SIS");
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < schools; i++) {
            ids.add(UUID.randomUUID().toString());
        }
        c.setStringListClaim("schools", ids);
        JsonWebSignature jws = new JsonWebSignature();
        jws.setPayload(c.toJson());
        jws.setKey(keys.getPrivate());
        jws.setKeyIdHeaderValue("k1");
        jws.setAlgorithmHeaderValue(AlgorithmIdentifiers.RSA_USING_SHA256);
        return jws.getCompactSerialization();
    }

    /** The configuration TokenVerifier reads; anything else it does not need. */
    private static GatewayConfig config() {
        Object jwt = Proxy.newProxyInstance(GatewayConfig.class.getClassLoader(), new Class<?>[]{GatewayConfig.Jwt.class},
                (p, m, a) -> switch (m.getName()) {
                    case "issuer" -> ISSUER;
                    case "audience" -> "portfolio-api";
                    case "verifiedTokenCacheBytes" -> new MemorySize(BigInteger.valueOf(BOUND));
                    case "verifiedTokenCacheMaxTokenSize" -> new MemorySize(BigInteger.valueOf(MAX_TOKEN));
                    case "verifiedTokenCacheSize" -> 50_000; // the entry-count bound of old
                    default -> throw new UnsupportedOperationException(m.getName());
                });
        return (GatewayConfig) Proxy.newProxyInstance(GatewayConfig.class.getClassLoader(), new Class<?>[]{GatewayConfig.class},
                (p, m, a) -> {
                    if (m.getName().equals("jwt")) {
                        return jwt;
                    }
                    throw new UnsupportedOperationException(m.getName());
                });
    }
}
