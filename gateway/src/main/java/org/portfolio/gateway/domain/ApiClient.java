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
 * that creates or rotates it; the table keeps a salted SHA-256 hash. Secrets are 256-bit random values, so a
 * slow password hash (bcrypt, Argon2) would add latency to every token request and no protection: nobody can
 * guess 2^256 candidates, however fast each guess is.
 *
 * <p>Every change that should end the tokens issued so far (a new secret, other roles, disabling)
 * increments {@code tokenGeneration}; each token carries the generation it was issued in, and the gateway
 * rejects tokens of an older generation.
 */
@Entity
@Table(name = "api_client")
public class ApiClient extends PanacheEntityBase {

    /** Roles that act for named schools only. */
    public static final Set<String> SCOPED_ROLES = Set.of("SCHOOL_LEADER", "SIS");

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

    /** The configured secret this service client was last created with or adopted (salted hash; null before V5 or for other clients). */
    @Column(name = "adopted_secret_salt", length = 64)
    public String adoptedSecretSalt;

    @Column(name = "adopted_secret_hash", length = 128)
    public String adoptedSecretHash;

    /** Comma-separated roles. */
    @Column(nullable = false, length = 200)
    public String roles;

    /** Comma-separated school ids (scope of SCHOOL_LEADER and SIS clients). */
    @Column(nullable = false)
    public String schools = "";

    /** Comma-separated oversight body ids: the client acts for every school each of them oversees. */
    @Column(name = "oversight_bodies", nullable = false)
    public String oversightBodies = "";

    /** Zones, one per line (a zone name may hold a comma): the client acts for every school in each. */
    @Column(nullable = false)
    public String zones = "";

    /** The client acts for every school of the district (its school-scoped roles only). */
    @Column(name = "all_schools", nullable = false)
    public boolean allSchools;

    /** When its resolved scope last changed without an edit (a school joined or left one of its bodies or zones). */
    @Column(name = "scope_changed_at")
    public Instant scopeChangedAt;

    @Column(nullable = false)
    public boolean enabled = true;

    @Version
    public long version;

    @Column(name = "created_at", nullable = false)
    public Instant createdAt;

    @Column(name = "created_by", length = 200)
    public String createdBy;

    @Column(name = "updated_at")
    public Instant updatedAt;

    @Column(name = "updated_by", length = 200)
    public String updatedBy;

    @Column(name = "rotated_at")
    public Instant rotatedAt;

    @Column(name = "disabled_at")
    public Instant disabledAt;

    /** Tokens carry the generation they were issued in; older generations are no longer accepted. */
    @Column(name = "token_generation", nullable = false)
    public int tokenGeneration;

    @Column(name = "last_token_at")
    public Instant lastTokenAt;

    /** Registers a client and returns the new secret (shown once). */
    public static Registration register(String name, Set<String> roles, ClientScope scope, String by, Instant now) {
        ApiClient c = new ApiClient();
        c.clientId = "cl_" + token(12);
        c.name = name;
        c.roles = String.join(",", new LinkedHashSet<>(roles));
        c.setScope(scope);
        c.createdAt = now;
        c.createdBy = by;
        c.updatedAt = c.createdAt;
        c.updatedBy = by;
        String secret = c.newSecret();
        return new Registration(c, secret);
    }

    /** The bootstrap administrator, with an id and secret chosen by the installation (./portfolio up). */
    public static ApiClient bootstrap(String clientId, String secret, String name, Instant now) {
        if (secret == null || secret.length() < 32) {
            throw new IllegalArgumentException("the bootstrap client secret must have at least 32 characters");
        }
        ApiClient c = new ApiClient();
        c.clientId = clientId;
        c.name = name;
        c.roles = "DISTRICT_ADMIN";
        c.createdAt = now;
        c.createdBy = "bootstrap";
        c.updatedAt = c.createdAt;
        c.updatedBy = "bootstrap";
        c.secretSalt = token(16);
        c.secretHash = hash(c.secretSalt, secret);
        return c;
    }

    /**
     * A service's own client (edfi-service's deriver): role SIS for every school, with an id and secret chosen by the
     * installation. Created once; disabling or rotating it through the admin API sticks.
     */
    public static ApiClient serviceClient(String clientId, String secret, String name, Instant now) {
        ApiClient c = bootstrap(clientId, secret, name, now);
        c.rememberAdopted(secret);
        c.roles = "SIS";
        c.setScope(new ClientScope(java.util.Set.of(), java.util.Set.of(), java.util.Set.of(), true));
        return c;
    }

    public record Registration(ApiClient client, String secret) {
    }

    /**
     * Replaces the secret with one the installation chose (a service client's configured secret, at least 32
     * characters); the old one and every token issued with it stop working at once.
     */
    public void adoptSecret(String secret, String by, Instant now) {
        if (secret == null || secret.length() < 32) {
            throw new IllegalArgumentException("a service client secret must have at least 32 characters");
        }
        secretSalt = token(16);
        secretHash = hash(secretSalt, secret);
        rememberAdopted(secret);
        rotatedAt = now;
        touch(by, true, now);
    }

    /** True when {@code secret} is the configured secret this client was last created with or adopted (review of edfi5, L4). */
    public boolean adoptedLast(String secret) {
        if (secret == null || adoptedSecretSalt == null || adoptedSecretHash == null) {
            return false;
        }
        return MessageDigest.isEqual(hash(adoptedSecretSalt, secret).getBytes(StandardCharsets.US_ASCII),
                adoptedSecretHash.getBytes(StandardCharsets.US_ASCII));
    }

    private void rememberAdopted(String secret) {
        adoptedSecretSalt = token(16);
        adoptedSecretHash = hash(adoptedSecretSalt, secret);
    }

    /** Replaces the secret; the old one and every token issued with it stop working at once. */
    public String rotateSecret(String by, Instant now) {
        String secret = newSecret();
        rotatedAt = now;
        touch(by, true, now);
        return secret;
    }

    /** A disabled client gets no tokens, and the tokens it has are rejected; enabling it again does not revive them. */
    public void disable(String by, Instant now) {
        if (enabled) {
            enabled = false;
            disabledAt = now;
            touch(by, true, now);
        }
    }

    public void enable(String by, Instant now) {
        if (!enabled) {
            enabled = true;
            disabledAt = null;
            touch(by, false, now);
        }
    }

    /**
     * New name, roles and school scope. A change of roles revokes the tokens that carry the old ones; a change of the
     * school scope does not: tokens name the scope by reference, so it applies to them as soon as it is published.
     */
    public void update(String newName, Set<String> newRoles, ClientScope newScope, String by, Instant now) {
        boolean rolesChanged = !roleSet().equals(new LinkedHashSet<>(newRoles));
        name = newName;
        roles = String.join(",", new LinkedHashSet<>(newRoles));
        setScope(newScope);
        touch(by, rolesChanged, now);
    }

    /** The resolved scope changed without an edit: a new version, published like any change; tokens stay valid. */
    public void scopeResolvedAgain(Instant now) {
        scopeChangedAt = now;
    }

    public ClientScope scope() {
        return new ClientScope(split(schools), split(oversightBodies), lines(zones), allSchools);
    }

    private void setScope(ClientScope scope) {
        schools = String.join(",", scope.schools());
        oversightBodies = String.join(",", scope.oversightBodies());
        zones = String.join("\n", scope.zones());
        allSchools = scope.allSchools();
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

    /** SCHOOL_LEADER and SIS act for the schools of their scope: such a client needs a scope. */
    public static boolean needsSchools(Set<String> roles) {
        return roles.stream().anyMatch(SCOPED_ROLES::contains);
    }

    private void touch(String by, boolean revokeTokens, Instant now) {
        updatedAt = now;
        updatedBy = by;
        if (revokeTokens) {
            tokenGeneration++;
        }
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

    private static Set<String> lines(String text) {
        return text == null || text.isEmpty() ? Set.of()
                : Arrays.stream(text.split("\n")).collect(Collectors.toCollection(LinkedHashSet::new));
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
