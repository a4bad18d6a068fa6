package org.portfolio.system.gateway;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyFactory;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.Signature;
import java.security.spec.PKCS8EncodedKeySpec;
import java.time.Instant;
import java.util.Base64;

/**
 * Hand-made JWTs for attack tests: expired, forged, tampered, unsigned, HMAC-confused, and signed by the real key for
 * another audience or by another issuer.
 */
final class Jwts {

    private Jwts() {
    }

    static final String ISSUER = "https://portfolio.local/gateway";
    static final String AUDIENCE = "portfolio-api";

    static String claims(String subject, String rolesJson, long issuedAt, long expiresAt) {
        return claims(ISSUER, AUDIENCE, subject, rolesJson, issuedAt, expiresAt);
    }

    static String claims(String issuer, String audience, String subject, String rolesJson, long issuedAt, long expiresAt) {
        return "{\"iss\":\"" + issuer + "\",\"aud\":\"" + audience + "\",\"sub\":\"" + subject + "\",\"upn\":\""
                + subject + "\",\"groups\":" + rolesJson + ",\"schools\":[],\"iat\":" + issuedAt + ",\"exp\":" + expiresAt + "}";
    }

    static String sign(String claims, PrivateKey key) {
        try {
            String signingInput = b64("{\"alg\":\"RS256\",\"typ\":\"JWT\"}") + "." + b64(claims);
            Signature s = Signature.getInstance("SHA256withRSA");
            s.initSign(key);
            s.update(signingInput.getBytes(StandardCharsets.US_ASCII));
            return signingInput + "." + Base64.getUrlEncoder().withoutPadding().encodeToString(s.sign());
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    static PrivateKey key(Path pem) throws Exception {
        String b64 = Files.readString(pem).replaceAll("-----[A-Z ]+-----", "").replaceAll("\\s", "");
        return KeyFactory.getInstance("RSA").generatePrivate(new PKCS8EncodedKeySpec(Base64.getDecoder().decode(b64)));
    }

    static String expired(Path realKey) throws Exception {
        long now = Instant.now().getEpochSecond();
        return sign(claims("attacker", "[\"DISTRICT_ADMIN\"]", now - 3600, now - 600), key(realKey));
    }

    static String forged() throws Exception {
        KeyPairGenerator g = KeyPairGenerator.getInstance("RSA");
        g.initialize(2048);
        long now = Instant.now().getEpochSecond();
        return sign(claims("attacker", "[\"DISTRICT_ADMIN\"]", now, now + 600), g.generateKeyPair().getPrivate());
    }

    /** Signed by the installation's real key, valid now, but for another audience. */
    static String otherAudience(Path realKey) throws Exception {
        long now = Instant.now().getEpochSecond();
        return sign(claims(ISSUER, "someone-else", "attacker", "[\"DISTRICT_ADMIN\"]", now, now + 600), key(realKey));
    }

    /** Signed by the installation's real key, valid now, but naming another issuer. */
    static String otherIssuer(Path realKey) throws Exception {
        long now = Instant.now().getEpochSecond();
        return sign(claims("https://evil.example", AUDIENCE, "attacker", "[\"DISTRICT_ADMIN\"]", now, now + 600), key(realKey));
    }

    /**
     * The algorithm-confusion attack: HS256 keyed with the gateway's public key, as text (the PEM file's bytes) or as
     * DER, whichever a confused verifier would use as the HMAC secret.
     */
    static String hmacWithThePublicKey(Path publicKeyPem, boolean der) throws Exception {
        byte[] pem = Files.readAllBytes(publicKeyPem);
        byte[] secret = der ? Base64.getDecoder().decode(new String(pem, StandardCharsets.US_ASCII)
                .replaceAll("-----[A-Z ]+-----", "").replaceAll("\\s", "")) : pem;
        long now = Instant.now().getEpochSecond();
        String signingInput = b64("{\"alg\":\"HS256\",\"typ\":\"JWT\"}") + "."
                + b64(claims("attacker", "[\"DISTRICT_ADMIN\"]", now, now + 600));
        javax.crypto.Mac mac = javax.crypto.Mac.getInstance("HmacSHA256");
        mac.init(new javax.crypto.spec.SecretKeySpec(secret, "HmacSHA256"));
        return signingInput + "." + Base64.getUrlEncoder().withoutPadding()
                .encodeToString(mac.doFinal(signingInput.getBytes(StandardCharsets.US_ASCII)));
    }

    /** A real token of the gateway with its roles edited; the signature is the original one. */
    static String tampered(String realToken) {
        String[] p = realToken.split("\\.");
        String payload = new String(Base64.getUrlDecoder().decode(p[1]), StandardCharsets.UTF_8)
                .replaceFirst("\"groups\":\\[[^]]*]", "\"groups\":[\"DISTRICT_ADMIN\"]");
        return p[0] + "." + b64(payload) + "." + p[2];
    }

    /** alg none: the claims of a real token, no signature. */
    static String unsigned(String realToken) {
        String[] p = realToken.split("\\.");
        String payload = new String(Base64.getUrlDecoder().decode(p[1]), StandardCharsets.UTF_8)
                .replaceFirst("\"groups\":\\[[^]]*]", "\"groups\":[\"DISTRICT_ADMIN\"]");
        return b64("{\"alg\":\"none\",\"typ\":\"JWT\"}") + "." + b64(payload) + ".";
    }

    private static String b64(String s) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(s.getBytes(StandardCharsets.UTF_8));
    }
}
