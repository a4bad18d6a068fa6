package org.portfolio.gateway.security;

import io.quarkus.runtime.LaunchMode;
import io.smallrye.jwt.util.KeyUtils;
import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;
import org.jose4j.jwk.JsonWebKey;
import org.jose4j.jwk.RsaJsonWebKey;
import org.portfolio.gateway.config.GatewayConfig;

import java.security.KeyFactory;
import java.security.KeyPair;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.interfaces.RSAPrivateCrtKey;
import java.security.interfaces.RSAPublicKey;
import java.security.spec.PKCS8EncodedKeySpec;
import java.security.spec.RSAPublicKeySpec;
import java.security.spec.X509EncodedKeySpec;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The gateway's RS256 keys. The signing key comes from configuration ({@code smallrye.jwt.sign.key.location}, a
 * PKCS#8 PEM file, or {@code smallrye.jwt.sign.key}, the PEM itself); its public half is derived from it. Keys
 * rotated away stay listed in {@code portfolio.gateway.jwt.previous-public-key-locations} until the tokens they
 * signed have expired. Every key's {@code kid} is its RFC 7638 thumbprint, so it needs no configuration.
 */
/* loaded at start: a gateway without usable keys must not start */
@io.quarkus.runtime.Startup
@ApplicationScoped
public class JwtKeys {

    private static final Logger LOG = Logger.getLogger(JwtKeys.class);

    @Inject
    GatewayConfig config;

    @ConfigProperty(name = "smallrye.jwt.sign.key.location")
    Optional<String> signKeyLocation;

    @ConfigProperty(name = "smallrye.jwt.sign.key")
    Optional<String> signKeyContent;

    /** What every service verifies with; when it is a PEM file it must be the signing key's public half. */
    @ConfigProperty(name = "mp.jwt.verify.publickey.location")
    Optional<String> servicesPublicKeyLocation;

    private PrivateKey signingKey;
    private String signingKid;
    /** kid → public key, the signing key's first. */
    private final Map<String, RSAPublicKey> verificationKeys = new LinkedHashMap<>();

    @PostConstruct
    void load() {
        try {
            KeyPair current = currentKeyPair();
            signingKey = current.getPrivate();
            RSAPublicKey publicKey = (RSAPublicKey) current.getPublic();
            signingKid = kid(publicKey);
            verificationKeys.put(signingKid, publicKey);
            for (String location : config.jwt().previousPublicKeyLocations().orElse(List.of())) {
                RSAPublicKey previous = publicKey(read(location));
                verificationKeys.putIfAbsent(kid(previous), previous);
            }
            checkServicesVerifyWithThisKey(publicKey);
        } catch (IllegalStateException e) {
            throw e;
        } catch (Exception e) {
            throw new IllegalStateException("Cannot load the gateway's JWT keys: " + e.getMessage(), e);
        }
    }

    public PrivateKey signingKey() {
        return signingKey;
    }

    public String signingKid() {
        return signingKid;
    }

    public Map<String, RSAPublicKey> verificationKeys() {
        return verificationKeys;
    }

    /** The JWKS document (RFC 7517): public halves only. */
    public Map<String, Object> jwks() {
        List<Map<String, Object>> keys = new ArrayList<>();
        verificationKeys.forEach((kid, key) -> {
            RsaJsonWebKey jwk = new RsaJsonWebKey(key);
            jwk.setKeyId(kid);
            jwk.setUse("sig");
            jwk.setAlgorithm("RS256");
            keys.add(jwk.toParams(JsonWebKey.OutputControlLevel.PUBLIC_ONLY));
        });
        return Map.of("keys", keys);
    }

    private KeyPair currentKeyPair() throws Exception {
        String pem = null;
        if (signKeyLocation.isPresent() && !signKeyLocation.get().isBlank()) {
            pem = read(signKeyLocation.get());
            if (pem == null) {
                throw new IllegalStateException("The JWT signing key " + signKeyLocation.get() + " cannot be read");
            }
        } else if (signKeyContent.isPresent() && !signKeyContent.get().isBlank()) {
            pem = signKeyContent.get();
        }
        if (pem == null) {
            if (LaunchMode.current() == LaunchMode.NORMAL) {
                throw new IllegalStateException("No JWT signing key: set SMALLRYE_JWT_SIGN_KEY_LOCATION (a PKCS#8 PEM file) "
                        + "or SMALLRYE_JWT_SIGN_KEY (the PEM); ./portfolio up generates one in .portfolio/keys");
            }
            LOG.warn("No JWT signing key configured: using a throw-away key (dev/test only)");
            return KeyUtils.generateKeyPair(2048);
        }
        PrivateKey key = KeyFactory.getInstance("RSA").generatePrivate(new PKCS8EncodedKeySpec(der(pem, "PRIVATE KEY")));
        if (!(key instanceof RSAPrivateCrtKey crt)) {
            throw new IllegalStateException("The JWT signing key must be an RSA private key (PKCS#8 PEM)");
        }
        PublicKey pub = KeyFactory.getInstance("RSA").generatePublic(new RSAPublicKeySpec(crt.getModulus(), crt.getPublicExponent()));
        return new KeyPair(pub, key);
    }

    /** A gateway whose services verify with another key would issue only tokens that every service rejects. */
    private void checkServicesVerifyWithThisKey(RSAPublicKey signing) {
        String location = servicesPublicKeyLocation.orElse("");
        if (location.startsWith("http:") || location.startsWith("https:") || location.isBlank()) {
            return; // a JWKS URL: this gateway's own /oauth/jwks, presumably
        }
        try {
            String content = read(location);
            if (content == null || !content.contains("BEGIN PUBLIC KEY")) {
                return;
            }
            RSAPublicKey configured = publicKey(content);
            if (!configured.getModulus().equals(signing.getModulus()) && !verificationKeys.containsKey(kid(configured))) {
                throw new IllegalStateException("mp.jwt.verify.publickey.location (" + location
                        + ") is not the public half of the signing key: every token would be rejected");
            }
        } catch (IllegalStateException e) {
            throw e;
        } catch (Exception e) {
            LOG.warnf("Could not compare %s with the signing key: %s", location, e.getMessage());
        }
    }

    /** A PEM file: a path, a file: URL or a classpath: resource. */
    static String read(String location) throws java.io.IOException {
        if (location.startsWith("classpath:")) {
            try (var in = Thread.currentThread().getContextClassLoader().getResourceAsStream(location.substring(10).replaceFirst("^/", ""))) {
                return in == null ? null : new String(in.readAllBytes(), java.nio.charset.StandardCharsets.US_ASCII);
            }
        }
        java.nio.file.Path path = location.startsWith("file:") ? java.nio.file.Path.of(java.net.URI.create(
                location.startsWith("file://") ? location : "file://" + location.substring(5))) : java.nio.file.Path.of(location);
        return java.nio.file.Files.readString(path, java.nio.charset.StandardCharsets.US_ASCII);
    }

    static RSAPublicKey publicKey(String pem) throws java.security.GeneralSecurityException {
        return (RSAPublicKey) KeyFactory.getInstance("RSA").generatePublic(new X509EncodedKeySpec(der(pem, "PUBLIC KEY")));
    }

    private static byte[] der(String pem, String type) {
        if (pem.contains("-----BEGIN RSA ")) {
            throw new IllegalStateException("PKCS#1 keys (BEGIN RSA ...) are not supported: convert with "
                    + "openssl pkcs8 -topk8 -nocrypt (private) or openssl rsa -pubout (public)");
        }
        if (pem.contains("-----BEGIN") && !pem.contains("-----BEGIN " + type + "-----")) {
            throw new IllegalStateException("expected a PEM " + type);
        }
        String b64 = pem.replaceAll("-----[A-Z ]+-----", "").replaceAll("\\s", "");
        return java.util.Base64.getDecoder().decode(b64);
    }

    static String kid(RSAPublicKey key) {
        return new RsaJsonWebKey(key).calculateBase64urlEncodedThumbprint("SHA-256");
    }
}
