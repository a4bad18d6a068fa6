package org.portfolio.platform.web.security;

import io.quarkus.runtime.BlockingOperationControl;
import io.quarkus.security.identity.SecurityIdentity;
import jakarta.enterprise.context.RequestScoped;
import jakarta.enterprise.inject.Instance;
import jakarta.inject.Inject;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.eclipse.microprofile.jwt.JsonWebToken;
import org.portfolio.platform.web.problem.ProblemException;

import java.security.Principal;
import java.time.Duration;
import java.time.Instant;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

/**
 * Who is calling: the JWT subject, roles and school scope. Roles are checked with {@code @RolesAllowed} on
 * each endpoint; this bean adds the school scope check that roles alone cannot express.
 *
 * <p>A client may hold several roles. On an endpoint it gets the union of what each of its roles allows there on
 * its own, never more: only the roles the endpoint allows count ({@link EndpointRoles} records them per request), so
 * a district-wide role the endpoint does not admit (ENROLLMENT_OFFICER on a contract scorecard) does not lift the
 * school scope that the admitted role (SCHOOL_LEADER) carries.
 */
@RequestScoped
public class Caller {

    /** Roles that see every school whatever the client's scope; OVERSIGHT does unless its client is an authorizer's. */
    private static final Set<String> DISTRICT_WIDE = Set.of(Roles.DISTRICT_ADMIN, Roles.ENROLLMENT_OFFICER);

    @Inject
    SecurityIdentity identity;

    @Inject
    Instance<SchoolScopes> scopes;

    /**
     * How long a request of a client this service has not heard of waits for its registration to arrive, when its
     * token was issued within {@link #newClientWindow}: a client registered and used at once is not refused for the
     * moment its {@code ClientChanged} is on its way (a system test lost that race under load).
     */
    @ConfigProperty(name = "portfolio.security.new-client-wait", defaultValue = "5S")
    Duration newClientWait;

    /**
     * Requests that may wait for a new client at once in this service: a burst of them (a directory that lags, a
     * client's first hundred requests) never ties up more worker threads than this; the rest decide at once.
     */
    private static final java.util.concurrent.Semaphore NEW_CLIENT_WAITERS = new java.util.concurrent.Semaphore(16);

    /** Only tokens this fresh wait; a client still unknown after that is refused at once (403 where scoped). */
    @ConfigProperty(name = "portfolio.security.new-client-window", defaultValue = "15S")
    Duration newClientWindow;

    /** Resolved once per request. */
    private SchoolScope scope;
    private Optional<SchoolScope> registeredScope;

    /** The roles the matched endpoint allows; null outside an endpoint or where it admits every caller. */
    private Set<String> endpointRoles;

    void endpointRoles(Set<String> roles) {
        this.endpointRoles = roles;
    }

    public boolean isAnonymous() {
        return identity.isAnonymous();
    }

    /** The client id (JWT subject), or "anonymous". */
    public String id() {
        return identity.isAnonymous() ? "anonymous" : identity.getPrincipal().getName();
    }

    /**
     * An ingest-only client (edfi-service's {@code svc_edfi}, {@link IngestOnlyClients}): it may only send records, and
     * where it may act the answer tells it no stored value (docs/security.md T27).
     */
    public boolean isIngestOnly() {
        return !identity.isAnonymous() && IngestOnlyClients.CLIENTS.contains(id());
    }

    public boolean hasRole(String role) {
        return identity.hasRole(role);
    }

    public Set<String> roles() {
        return identity.getRoles();
    }

    /**
     * District-wide roles see every school; SCHOOL_LEADER and SIS only the schools of their {@link #schoolScope()}, and
     * so does OVERSIGHT when its client is an authorizer's (see {@link #oversightDistrictWide()}). Only the roles the
     * current endpoint admits count: holding ENROLLMENT_OFFICER does not make a school leader district-wide where
     * enrollment officers are not allowed.
     */
    public boolean isDistrictWide() {
        return identity.getRoles().stream().anyMatch(r -> DISTRICT_WIDE.contains(r) && admitted(r))
                || oversightDistrictWide();
    }

    /**
     * OVERSIGHT, admitted here, for every school: unless its client is an authorizer's, one whose registration names
     * oversight bodies (the gateway refuses schools, zones or allSchools beside them), which acts for the schools of its
     * {@link #schoolScope()} only, or the token was narrowed to some schools (then those). A gateway
     * token names its client's scope by reference: until this service has heard of the client it acts for no school,
     * never for every school. A token that names no scope at all (not issued by the gateway, as in tests) is
     * district-wide.
     */
    public boolean oversightDistrictWide() {
        if (!actsAs(Roles.OVERSIGHT) || !(identity.getPrincipal() instanceof JsonWebToken jwt)) {
            return false;
        }
        Optional<SchoolScope> registered = registered(jwt);
        if (registered.isPresent()) {
            // a token narrowed to some schools (the client asked for it) acts for those schools only, OVERSIGHT too
            return !narrowed(jwt) && registered.get().oversightBodies().isEmpty();
        }
        return !jwt.containsClaim(SchoolScopes.CLAIM);
    }

    /** True if the caller holds this role and the current endpoint (if any) admits it. */
    public boolean actsAs(String role) {
        return identity.hasRole(role) && admitted(role);
    }

    private boolean admitted(String role) {
        Set<String> allowed = endpointRoles;
        return allowed == null || allowed.contains(role);
    }

    /**
     * The schools the caller's school-scoped roles act for. A gateway token names its client's scope by reference
     * ({@link SchoolScopes#CLAIM}); the service resolves it from what it heard of the client (none when it has not).
     * A token that carries a {@code schools} claim (narrowed at issue, or a test token) is limited to those schools,
     * and, where the client is known, to the part of them the client still acts for.
     */
    public SchoolScope schoolScope() {
        SchoolScope s = scope;
        if (s == null) {
            s = resolveScope();
            scope = s;
        }
        return s;
    }

    private SchoolScope resolveScope() {
        Principal p = identity.getPrincipal();
        if (identity.isAnonymous() || !(p instanceof JsonWebToken jwt)) {
            return SchoolScope.NONE;
        }
        Optional<SchoolScope> registered = registered(jwt);
        if (jwt.containsClaim(Roles.SCHOOLS_CLAIM)) {
            Set<String> inline = inlineSchools(jwt.getClaim(Roles.SCHOOLS_CLAIM));
            return registered.map(r -> r.narrowedTo(inline)).orElse(SchoolScope.of(inline));
        }
        if (SchoolScopes.BY_CLIENT.equals(unquote(String.valueOf((Object) jwt.getClaim(SchoolScopes.CLAIM))))) {
            return registered.orElse(SchoolScope.NONE);
        }
        return SchoolScope.NONE;
    }

    /** Whether the token was narrowed to some schools at issue: it acts for those only, whatever its client's scope. */
    public boolean narrowedToSchools() {
        return !identity.isAnonymous() && identity.getPrincipal() instanceof JsonWebToken jwt && narrowed(jwt);
    }

    /** The token carries schools of its own (the gateway's narrowed tokens carry at least one). */
    private static boolean narrowed(JsonWebToken jwt) {
        return jwt.containsClaim(Roles.SCHOOLS_CLAIM) && !inlineSchools(jwt.getClaim(Roles.SCHOOLS_CLAIM)).isEmpty();
    }

    /** What this service heard of the token's client; looked up once per request. */
    private Optional<SchoolScope> registered(JsonWebToken jwt) {
        Optional<SchoolScope> r = registeredScope;
        if (r == null) {
            if (jwt.getSubject() == null || !scopes.isResolvable()) {
                r = Optional.empty();
            } else {
                Duration wait = waitForNewClient(jwt);
                if (!wait.isZero() && NEW_CLIENT_WAITERS.tryAcquire()) {
                    try {
                        r = scopes.get().awaitScopeOf(jwt.getSubject(), wait);
                    } finally {
                        NEW_CLIENT_WAITERS.release();
                    }
                } else {
                    r = scopes.get().scopeOf(jwt.getSubject());
                }
            }
            registeredScope = r;
        }
        return r;
    }

    /**
     * How long to wait for a client not heard of yet: only a token that names its scope by reference and carries no
     * schools of its own, issued less than {@link #newClientWindow} ago, on a thread that may block; never past the
     * window's end, so a client that stays unknown costs each request at most the rest of its first seconds.
     */
    @org.portfolio.platform.web.time.SystemClockOnPurpose("the window counts from the token's issued-at time, which "
            + "the gateway stamped with the system clock")
    private Duration waitForNewClient(JsonWebToken jwt) {
        if (jwt.containsClaim(Roles.SCHOOLS_CLAIM)
                || !SchoolScopes.BY_CLIENT.equals(unquote(String.valueOf((Object) jwt.getClaim(SchoolScopes.CLAIM))))
                || !BlockingOperationControl.isBlockingAllowed()) {
            return Duration.ZERO;
        }
        long issued = jwt.getIssuedAtTime();
        if (issued <= 0) {
            return Duration.ZERO;
        }
        Duration left = Duration.between(Instant.now(), Instant.ofEpochSecond(issued).plus(newClientWindow));
        if (left.isNegative() || left.isZero()) {
            return Duration.ZERO;
        }
        return left.compareTo(newClientWait) < 0 ? left : newClientWait;
    }

    private static Set<String> inlineSchools(Object claim) {
        Set<String> out = new LinkedHashSet<>();
        if (claim instanceof Collection<?> c) {
            c.forEach(v -> out.add(unquote(String.valueOf(v))));
        } else if (claim instanceof jakarta.json.JsonArray a) {
            a.forEach(v -> out.add(unquote(v.toString())));
        } else if (claim != null) {
            out.add(unquote(claim.toString()));
        }
        return out;
    }

    public boolean canAccessSchool(UUID schoolId) {
        return schoolId != null && (isDistrictWide() || schoolScope().covers(schoolId));
    }

    /**
     * The schools a list may show: null when the caller sees every school (a district-wide role the endpoint admits,
     * or a scope of every school), else the ids of its scope.
     */
    public Set<UUID> visibleSchools() {
        return isDistrictWide() ? null : schoolScope().filter();
    }

    /**
     * 403 unless the caller acts for every school or names this oversight body: only then may it place a school
     * under the body (an authorizer registers or moves schools into its own bodies only).
     */
    public void requireOversightBody(UUID oversightBodyId) {
        if (!isDistrictWide() && !schoolScope().coversBody(oversightBodyId)) {
            throw ProblemException.forbidden("Your client does not act for oversight body " + oversightBodyId);
        }
    }

    /** 403 unless the caller is district-wide or its token is scoped to this school. */
    public void requireSchool(UUID schoolId) {
        if (!canAccessSchool(schoolId)) {
            throw ProblemException.forbidden("Your client is not scoped to school " + schoolId);
        }
    }

    private static String unquote(String s) {
        return s.length() >= 2 && s.startsWith("\"") && s.endsWith("\"") ? s.substring(1, s.length() - 1) : s;
    }
}
