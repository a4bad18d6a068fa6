package org.portfolio.gateway.service;

import io.quarkus.hibernate.orm.panache.PanacheQuery;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Status;
import jakarta.transaction.TransactionSynchronizationRegistry;
import jakarta.transaction.Synchronization;
import jakarta.transaction.Transactional;
import jakarta.persistence.LockModeType;
import org.portfolio.gateway.domain.ApiClient;
import org.portfolio.gateway.security.ScopeResolver;
import org.portfolio.gateway.domain.ClientScope;
import org.portfolio.gateway.repository.SchoolMembershipRepository;
import org.portfolio.platform.web.security.SchoolScope;
import org.portfolio.gateway.repository.ApiClientRepository;
import org.portfolio.gateway.security.ClientStatusCache;
import org.portfolio.platform.web.http.EntityTags;
import org.portfolio.platform.web.http.Page;
import org.portfolio.platform.web.problem.FieldError;
import org.portfolio.platform.web.problem.ProblemException;
import org.portfolio.platform.web.problem.ProblemType;

import java.time.Instant;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

/** The API client registry: who may ask for tokens, with which roles and school scope (docs/security.md). */
@ApplicationScoped
@Transactional
public class ClientRegistryService {

    /** The gateway's one clock (platform-web's ClockProducer), never the system clock directly. */
    @Inject
    java.time.Clock clock;

    private static final org.jboss.logging.Logger LOG = org.jboss.logging.Logger.getLogger(ClientRegistryService.class);

    public static final ProblemType LAST_ADMINISTRATOR = ProblemType.custom("last-administrator",
            "The last administrator client cannot be removed", 409);

    private static final String ADMIN = "DISTRICT_ADMIN";

    @Inject
    ApiClientRepository clients;

    @Inject
    ClientStatusCache statusCache;

    @Inject
    ClientEvents events;

    @Inject
    TransactionSynchronizationRegistry tx;

    @Inject
    SchoolMembershipRepository memberships;

    @Inject
    ScopeResolver resolver;

    /** A new client; {@code enabled} false registers it disabled (absent or true: enabled). */
    public ApiClient.Registration register(String name, Set<String> roles, ClientScope scope, Boolean enabled, String by) {
        checkScope(roles, scope);
        memberships.lockScopes();
        ApiClient.Registration r = ApiClient.register(name, roles, scope, by, clock.instant());
        if (Boolean.FALSE.equals(enabled)) {
            r.client().disable(by, clock.instant());
        }
        clients.persist(r.client());
        afterCommit(r.client());
        return r;
    }

    @Transactional(Transactional.TxType.SUPPORTS)
    public Page<ApiClient> list(Boolean enabled, String role, String school, int page, int size) {
        PanacheQuery<ApiClient> q = clients.search(enabled, role, school, page, size);
        return new Page<>(q.list(), page, size, q.count());
    }

    @Transactional(Transactional.TxType.SUPPORTS)
    public ApiClient get(String clientId) {
        return clients.findByIdOptional(clientId).orElseThrow(() -> ProblemException.notFound("API client", clientId));
    }

    /**
     * The client, its row locked, for a change: two changes of one client happen one after the other, and the later
     * one is told what the earlier did (a 412 for the ETag it read before; a second disable finds it disabled). Before
     * (twentieth pass, an outside check of races), the losers were 409s from the row's version at commit.
     */
    private ApiClient locked(String clientId) {
        return clients.findByIdOptional(clientId, LockModeType.PESSIMISTIC_WRITE)
                .orElseThrow(() -> ProblemException.notFound("API client", clientId));
    }

    /**
     * A change of the client; {@code enabled} (absent: unchanged) disables or enables it as {@link #setEnabled} does. A
     * PUT of what a GET answered with {@code "enabled": false} was a 200 that left the client enabled, its tokens working
     * (hostile review of the twenty-fourth pass, N2).
     */
    public ApiClient update(String clientId, String ifMatch, String name, Set<String> roles, ClientScope scope,
                            Boolean enabled, String by) {
        // the scopes' lock first, as a school's move takes it before the clients it changes
        memberships.lockScopes();
        ApiClient c = locked(clientId);
        EntityTags.checkIfMatch(ifMatch, c.version);
        if (Boolean.TRUE.equals(enabled) && !c.enabled && !EntityTags.namesAVersion(ifMatch)) {
            // a stale read-modify-write without If-Match would revive a client disabled since (after a compromise, say):
            // enabling by PUT names the version read (hostile read of the twenty-fourth pass, G1)
            throw ProblemException.conflict("Client " + clientId + " is disabled: enable it with POST …/enable, or send "
                    + "If-Match with the version you read");
        }
        checkScope(roles, scope);
        if (c.enabled && c.roleSet().contains(ADMIN) && (!roles.contains(ADMIN) || Boolean.FALSE.equals(enabled))) {
            keepOneAdministrator(c);
        }
        c.update(name, roles, scope, by, clock.instant());
        if (enabled != null) {
            changeEnabled(c, enabled, by);
        }
        afterCommit(c);
        return c;
    }

    /** A new secret (returned once); the old secret and the tokens obtained with it stop working. */
    public ApiClient.Registration rotateSecret(String clientId, String ifMatch, String by) {
        ApiClient c = locked(clientId);
        EntityTags.checkIfMatch(ifMatch, c.version);
        String secret = c.rotateSecret(by, clock.instant());
        afterCommit(c);
        return new ApiClient.Registration(c, secret);
    }

    public ApiClient setEnabled(String clientId, boolean enabled, String by) {
        ApiClient c = locked(clientId);
        changeEnabled(c, enabled, by);
        afterCommit(c);
        return c;
    }

    private void changeEnabled(ApiClient c, boolean enabled, String by) {
        if (enabled) {
            c.enable(by, clock.instant());
        } else {
            if (c.enabled && c.roleSet().contains(ADMIN)) {
                keepOneAdministrator(c);
            }
            c.disable(by, clock.instant());
        }
    }

    /** Creates the bootstrap DISTRICT_ADMIN client unless a client with that id exists (it is never overwritten). */
    public boolean ensureBootstrapClient(String clientId, String secret, String name) {
        if (clients.findByIdOptional(clientId).isPresent()) {
            return false;
        }
        ApiClient c = ApiClient.bootstrap(clientId, secret, name, clock.instant());
        clients.persist(c);
        afterCommit(c);
        return true;
    }

    /**
     * Creates a service's own SIS client for every school unless a client with that id exists. An existing one is never
     * overwritten, except its secret when {@code adoptSecret} and it is the service client the gateway created and the
     * configured secret is another, one it has not adopted last: then the configured secret replaces it (its tokens are
     * revoked) — the installation generated a new one (its key file was deleted, or rotated: docs/edfi.md). Adopted at
     * most once: an administrator's rotation after it sticks across restarts, even with the adopt setting left on
     * (review of edfi5, L4). Its roles, scope and enabled state stay.
     */
    public boolean ensureServiceClient(String clientId, String secret, String name, boolean adoptSecret) {
        Optional<ApiClient> existing = clients.findByIdOptional(clientId);
        if (existing.isPresent()) {
            ApiClient c = existing.get();
            if (adoptSecret && "bootstrap".equals(c.createdBy) && !c.secretMatches(secret) && !c.adoptedLast(secret)) {
                c.adoptSecret(secret, "bootstrap", clock.instant());
                afterCommit(c);
                LOG.infof("Service client %s: the configured secret replaces the stored one (its tokens are revoked)", clientId);
            }
            return false;
        }
        ApiClient c = ApiClient.serviceClient(clientId, secret, name, clock.instant());
        clients.persist(c);
        afterCommit(c);
        return true;
    }

    /** The enabled client with this id and secret, if there is one (the token endpoint's client authentication). */
    @Transactional(Transactional.TxType.SUPPORTS)
    public Optional<ApiClient> authenticate(String clientId, String secret) {
        if (clientId == null || clientId.length() > 64 || secret == null
                || !org.portfolio.platform.web.json.StrictStrings.acceptable(clientId)) {
            // a NUL is no client id: PostgreSQL refuses it, and the anonymous caller got a 500 (twenty-fourth pass)
            return Optional.empty();
        }
        return clients.findByIdOptional(clientId).filter(c -> c.enabled && c.secretMatches(secret));
    }

    public void markTokenIssued(String clientId) {
        clients.markTokenIssued(clientId, clock.instant());
    }

    /** Without an enabled DISTRICT_ADMIN client nobody could register, enable or repair clients any more. */
    private void keepOneAdministrator(ApiClient leaving) {
        // one check at a time, each after the one before committed: two administrators disabled at once each saw the
        // other still enabled, and none was left (review of 2026-12-05, L1)
        clients.getEntityManager().createNativeQuery("select 1 from (select pg_advisory_xact_lock(18019)) locked").getSingleResult();
        long others = clients.count("enabled = true and clientId <> ?1 and concat(',', roles, ',') like ?2",
                leaving.clientId, "%," + ADMIN + ",%");
        if (others == 0) {
            throw ProblemException.conflict(LAST_ADMINISTRATOR,
                    "Client " + leaving.clientId + " is the last enabled DISTRICT_ADMIN client; register or enable another one first");
        }
    }

    private static void checkScope(Set<String> roles, ClientScope scope) {
        if (scope.allSchools() && roles.contains("SCHOOL_LEADER")) {
            throw ProblemException.unprocessable("allSchools is for a district-wide SIS: a SCHOOL_LEADER client names its "
                            + "schools, oversight bodies or zones",
                    new FieldError("allSchools", "not with the SCHOOL_LEADER role"));
        }
        if (scope.isEmpty() && ApiClient.needsSchools(roles)) {
            throw ProblemException.unprocessable("SCHOOL_LEADER and SIS clients act for the schools of their scope only: "
                            + "name schools, oversight bodies or zones, or allSchools",
                    new FieldError("schools", "required for SCHOOL_LEADER and SIS clients (or oversightBodies, zones, allSchools)"));
        }
        if (roles.contains("OVERSIGHT") && !scope.oversightBodies().isEmpty()
                && (scope.allSchools() || !scope.schools().isEmpty() || !scope.zones().isEmpty())) {
            // the client's one scope is every role's: schools, zones or allSchools beside the bodies would widen the
            // authorizer beyond the schools its bodies oversee
            throw ProblemException.unprocessable("An authorizer's OVERSIGHT client acts for the schools of its oversight "
                            + "bodies only, with every role it holds: name no schools, zones or allSchools beside them",
                    new FieldError(scope.allSchools() ? "allSchools" : scope.schools().isEmpty() ? "zones" : "schools",
                            "not with oversightBodies on an OVERSIGHT client"));
        }
        if (roles.contains("OVERSIGHT") && !ApiClient.needsSchools(roles)
                && (!scope.schools().isEmpty() || !scope.zones().isEmpty())) {
            throw ProblemException.unprocessable("An OVERSIGHT client acts for the schools of the oversight bodies it names "
                            + "(an authorizer), or for every school when it names none (the district's own oversight office)",
                    new FieldError(scope.schools().isEmpty() ? "zones" : "schools",
                            "not for an OVERSIGHT client: name its oversightBodies"));
        }
    }

    /**
     * A school read from contracts-service's directory (SchoolMembershipBackfill): recorded as a change only when the
     * gateway's copy does not know it yet, so that the events stay the authority on moves. True when it was new.
     */
    @Transactional(Transactional.TxType.MANDATORY)
    public boolean schoolMembershipBackfilled(UUID schoolId, UUID oversightBodyId, String zone) {
        memberships.lockScopes();
        if (memberships.find(schoolId).isPresent()) {
            return false;
        }
        schoolMembershipChanged(schoolId, oversightBodyId, zone);
        return true;
    }

    /**
     * A school was registered or moved to another oversight body or zone (contracts-service's events): the gateway's
     * copy follows, and every client naming the old or the new body or zone gets a new version, published with the
     * schools it acts for now by {@link ClientEvents#publishScopeChanges()} within a couple of seconds: once for many
     * schools joining at once, not once per school (each publication carries the whole set, so publishing per school
     * would cost the square of a body's size). Its tokens stay valid: they name the scope by reference; this
     * replica's hot path follows at commit. Runs in the consumer's transaction.
     */
    @Transactional(Transactional.TxType.MANDATORY)
    public int schoolMembershipChanged(UUID schoolId, UUID oversightBodyId, String zone) {
        SchoolMembershipRepository.Membership after = new SchoolMembershipRepository.Membership(oversightBodyId, zone);
        // most SchoolUpdated events change a name or an address, not the body or zone: those take no lock
        if (memberships.find(schoolId).filter(after::equals).isPresent()) {
            return 0;
        }
        memberships.lockScopes();
        Optional<SchoolMembershipRepository.Membership> before = memberships.find(schoolId);
        if (before.isPresent() && before.get().equals(after)) {
            return 0;
        }
        memberships.save(schoolId, after);
        Set<UUID> bodies = new LinkedHashSet<>();
        Set<String> zones = new LinkedHashSet<>();
        for (SchoolMembershipRepository.Membership m : before.map(b -> List.of(b, after)).orElse(List.of(after))) {
            if (m.oversightBodyId() != null) {
                bodies.add(m.oversightBodyId());
            }
            if (m.zone() != null) {
                zones.add(m.zone());
            }
        }
        List<String> affected = memberships.clientsNaming(bodies, zones);
        for (String id : affected) {
            ApiClient c = clients.findById(id, LockModeType.PESSIMISTIC_WRITE);
            c.scopeResolvedAgain(clock.instant());
            // a school that would push the client past what one event carries is not applied: the consumer
            // dead-letters it (and logs why) rather than leave a client that can never be published
            events.requirePublishable(c);
            rememberAtCommit(c);
        }
        return affected.size();
    }

    /**
     * The change is published in this transaction (every service learns of it from gateway.clients); this
     * replica's hot path learns of it once it is committed.
     */
    private void afterCommit(ApiClient c) {
        events.changed(c);
        rememberAtCommit(c);
    }

    /** This replica's hot path learns of the client as it is now once the transaction has committed. */
    private void rememberAtCommit(ApiClient c) {
        SchoolScope resolved = resolver.resolve(c);
        tx.registerInterposedSynchronization(new Synchronization() {
            @Override
            public void beforeCompletion() {
            }

            @Override
            public void afterCompletion(int status) {
                if (status == Status.STATUS_COMMITTED) {
                    statusCache.remember(c, resolved);
                }
            }
        });
    }
}
