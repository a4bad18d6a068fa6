package org.portfolio.gateway.support;

import org.jose4j.jws.AlgorithmIdentifiers;
import org.jose4j.jws.JsonWebSignature;
import org.jose4j.keys.HmacKey;
import org.portfolio.testing.TestTokens;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.Set;

/** Tokens an attacker or a broken client might send. */
public final class BadTokens {

    private BadTokens() {
    }

    public static String expired() {
        return TestTokens.expired("DISTRICT_ADMIN");
    }

    /** Signed with a key the gateway does not know. */
    public static String forged() {
        return TestTokens.forged("DISTRICT_ADMIN");
    }

    /** A real OVERSIGHT token whose payload was edited to DISTRICT_ADMIN; the signature is the original one. */
    public static String tampered() {
        String[] parts = TestTokens.withRoles("OVERSIGHT").split("\\.");
        String payload = new String(Base64.getUrlDecoder().decode(parts[1]), StandardCharsets.UTF_8)
                .replace("\"OVERSIGHT\"", "\"DISTRICT_ADMIN\"");
        return parts[0] + "." + b64(payload) + "." + parts[2];
    }

    /** {@code alg: none}: the claims of a real token, no signature. */
    public static String unsigned() {
        String[] parts = TestTokens.withRoles("DISTRICT_ADMIN").split("\\.");
        return b64("{\"alg\":\"none\",\"typ\":\"JWT\"}") + "." + parts[1] + ".";
    }

    /** HS256 keyed with the gateway's public key (the classic algorithm-confusion attack). */
    public static String hmacWithThePublicKey() {
        try {
            String[] parts = TestTokens.withRoles("DISTRICT_ADMIN").split("\\.");
            JsonWebSignature jws = new JsonWebSignature();
            jws.setPayload(new String(Base64.getUrlDecoder().decode(parts[1]), StandardCharsets.UTF_8));
            jws.setAlgorithmHeaderValue(AlgorithmIdentifiers.HMAC_SHA256);
            jws.setKey(new HmacKey(Files.readAllBytes(Path.of(System.getProperty("portfolio.test.jwt.public-key")))));
            jws.setDoKeyValidation(false);
            return jws.getCompactSerialization();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    /** Signed by the right key but for another audience. */
    public static String otherAudience() {
        return io.smallrye.jwt.build.Jwt.issuer(TestTokens.ISSUER).audience("someone-else").subject("x")
                .groups(Set.of("DISTRICT_ADMIN")).expiresIn(Duration.ofMinutes(5))
                .jws().sign(privateKeyLocation());
    }

    /** Signed by the right key but by another issuer. */
    public static String otherIssuer() {
        return io.smallrye.jwt.build.Jwt.issuer("https://evil.example").audience(TestTokens.AUDIENCE).subject("x")
                .groups(Set.of("DISTRICT_ADMIN")).claim("schools", List.of()).expiresIn(Duration.ofMinutes(5))
                .jws().sign(privateKeyLocation());
    }

    private static java.security.PrivateKey privateKeyLocation() {
        try {
            return io.smallrye.jwt.util.KeyUtils.decodePrivateKey(Files.readString(Path.of(System.getProperty("portfolio.test.jwt.private-key"))));
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private static String b64(String s) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(s.getBytes(StandardCharsets.UTF_8));
    }
}
