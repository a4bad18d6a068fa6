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

/** Hand-made JWTs for attack tests: expired, forged, tampered and unsigned tokens. */
final class Jwts {

    private Jwts() {
    }

    static String claims(String subject, String rolesJson, long issuedAt, long expiresAt) {
        return "{\"iss\":\"https://portfolio.local/gateway\",\"aud\":\"portfolio-api\",\"sub\":\"" + subject + "\",\"upn\":\""
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
