package org.portfolio.gateway.domain;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import jakarta.persistence.Version;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.time.Instant;
import java.util.Arrays;
import java.util.Base64;
import java.util.HexFormat;
import java.util.LinkedHashSet;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * A registered API client (Ed-Fi style key and secret). The secret exists in clear text only in the answer
 * that creates or rotates it; the table keeps a salted hash.
 */
@Entity
@Table(name = "api_client")
public class ApiClient extends PanacheEntityBase {

    private static final SecureRandom RANDOM = new SecureRandom();

    @Id
    @Column(name = "client_id", length = 64)
    public String clientId;

    @Column(nullable = false, length = 200)
    public String name;

    @Column(name = "secret_salt", nullable = false, length = 64)
    public String secretSalt;

    @Column(name = "secret_hash", nullable = false, length = 128)
    public String secretHash;

    /** Comma-separated roles. */
    @Column(nullable = false, length = 200)
    public String roles;

    /** Comma-separated school ids (scope of SCHOOL_LEADER and SIS clients). */
    @Column(nullable = false)
    public String schools = "";

    @Column(nullable = false)
    public boolean enabled = true;

    @Version
    public long version;

    @Column(name = "created_at", nullable = false)
    public Instant createdAt;

    @Column(name = "rotated_at")
    public Instant rotatedAt;

    /** Registers a client and returns the new secret (shown once). */
    public static Registration register(String name, Set<String> roles, Set<String> schools) {
        ApiClient c = new ApiClient();
        c.clientId = "cl_" + token(12);
        c.name = name;
        c.roles = String.join(",", new LinkedHashSet<>(roles));
        c.schools = String.join(",", new LinkedHashSet<>(schools));
        c.createdAt = Instant.now();
        String secret = c.newSecret();
        return new Registration(c, secret);
    }

    public record Registration(ApiClient client, String secret) {
    }

    /** Replaces the secret; the old one stops working at once. */
    public String rotateSecret() {
        String secret = newSecret();
        rotatedAt = Instant.now();
        return secret;
    }

    public boolean secretMatches(String candidate) {
        if (candidate == null) {
            return false;
        }
        return MessageDigest.isEqual(hash(secretSalt, candidate).getBytes(StandardCharsets.US_ASCII),
                secretHash.getBytes(StandardCharsets.US_ASCII));
    }

    public Set<String> roleSet() {
        return split(roles);
    }

    public Set<String> schoolSet() {
        return split(schools);
    }

    private String newSecret() {
        String secret = token(32);
        secretSalt = token(16);
        secretHash = hash(secretSalt, secret);
        return secret;
    }

    private static Set<String> split(String csv) {
        return csv == null || csv.isBlank() ? Set.of()
                : Arrays.stream(csv.split(",")).collect(Collectors.toCollection(LinkedHashSet::new));
    }

    private static String token(int bytes) {
        byte[] b = new byte[bytes];
        RANDOM.nextBytes(b);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(b);
    }

    static String hash(String salt, String secret) {
        try {
            MessageDigest d = MessageDigest.getInstance("SHA-256");
            d.update(salt.getBytes(StandardCharsets.UTF_8));
            d.update((byte) 0);
            return HexFormat.of().formatHex(d.digest(secret.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
