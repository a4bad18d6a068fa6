package org.portfolio.autonomy.service;

import io.quarkus.hibernate.orm.panache.PanacheQuery;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import org.portfolio.autonomy.domain.AutonomyDomain;
import org.portfolio.autonomy.domain.Cause;
import org.portfolio.autonomy.domain.Grant;
import org.portfolio.autonomy.domain.GrantAction;
import org.portfolio.autonomy.domain.GrantHistory;
import org.portfolio.autonomy.domain.GrantModel;
import org.portfolio.autonomy.domain.GrantSource;
import org.portfolio.autonomy.domain.GrantStatus;
import org.portfolio.autonomy.domain.InvalidTransitionException;
import org.portfolio.autonomy.domain.OpenMiss;
import org.portfolio.autonomy.domain.School;
import org.portfolio.autonomy.events.AutonomyEnded;
import org.portfolio.autonomy.events.AutonomyGranted;
import org.portfolio.autonomy.events.AutonomyReinstated;
import org.portfolio.autonomy.events.AutonomyRevoked;
import org.portfolio.autonomy.repository.GrantHistoryRepository;
import org.portfolio.autonomy.repository.GrantRepository;
import org.portfolio.autonomy.repository.OpenMissRepository;
import org.portfolio.autonomy.repository.SchoolRepository;
import org.portfolio.platform.events.outbox.Outbox;
import org.portfolio.platform.web.http.EntityTags;
import org.portfolio.platform.web.problem.FieldError;
import org.portfolio.platform.web.problem.ProblemException;
import org.portfolio.platform.web.problem.ProblemType;

import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Collection;
import java.util.List;
import java.util.UUID;
import java.util.function.Consumer;

/**
 * Grants: every change goes through here, so that each one writes its history entry (with the stored cause),
 * publishes its event through the outbox in the same transaction, and invalidates the decision-rights cache.
 * Also the manual grant / revoke / reinstate / activate / end actions of district admins and oversight.
 */
@ApplicationScoped
@Transactional
public class GrantService {

    private static final org.jboss.logging.Logger LOG = org.jboss.logging.Logger.getLogger(GrantService.class);

    public static final ProblemType INVALID_GRANT_TRANSITION = ProblemType.custom("invalid-grant-transition",
            "The grant's status does not allow this change", 409);
    public static final ProblemType OVERLAPPING_GRANT = ProblemType.custom("overlapping-grant",
            "The school already holds a live grant on these decisions", 409);
    public static final ProblemType SCHOOL_CLOSED = ProblemType.custom("school-closed", "The school is closed", 409);

    /** The one clock of every time this service records or publishes (a test moves it). */
    @Inject
    Clock clock;

    @Inject
    GrantRepository grants;

    @Inject
    GrantHistoryRepository history;

    @Inject
    OpenMissRepository misses;

    @Inject
    SchoolRepository schools;

    @Inject
    Outbox outbox;

    @Inject
    RightsChangeNotifier notifier;

    @Inject
    DecisionCatalogService catalog;

    @Inject
    DecisionRightsService rights;

    // --- the mechanism of every change ------------------------------------------------------------------------

    /**
     * The id of a grant that a consumed event or a request's approval creates, derived from that cause
     * ({@code event/<event id>/<provision>…}, {@code request/<request id>}): the same cause applied again after this
     * service's database was restored to a moment before it (the event read again, the approval entered again)
     * creates the grant under the same id, so that contracts-service and the feed's readers update the grant they
     * hold instead of keeping it beside a new one (docs/operations.md, "Restoring one service"; seventeenth pass, H1).
     * The inbox and a request's states keep a cause from being applied twice otherwise; a derived id already taken
     * gets a random one.
     */
    public UUID idFor(String cause) {
        UUID derived = UUID.nameUUIDFromBytes(("portfolio.autonomy.grant/" + cause).getBytes(StandardCharsets.UTF_8));
        if (grants.findById(derived) == null) {
            return derived;
        }
        UUID random = UUID.randomUUID();
        LOG.warnf("Grant id %s derived from %s is taken; the new grant gets %s, which a restore and a re-application "
                + "will not give again", derived, cause, random);
        return random;
    }

    /** Persists a new grant in its first status (ACTIVE publishes AutonomyGranted). */

    public Grant open(Grant g, GrantStatus initial, Cause cause, Instant at) {
        GrantHistory h = g.open(initial, cause, at);
        grants.persist(g);
        record(h);
        if (initial == GrantStatus.ACTIVE) {
            publishGranted(g, cause, at);
        }
        return g;
    }

    /**
     * PENDING → ACTIVE; publishes AutonomyGranted the grant's first time in force, AutonomyReinstated when an EARNED
     * grant that fell back is in force again (consumers have heard of it: for them it comes back).
     */
    public void activate(Grant g, Cause cause, Instant when) {
        Instant at = after(g, when);
        boolean again = g.everActive;
        record(g.activate(cause, at));
        if (again) {
            publishReinstated(g, cause, at);
        } else {
            publishGranted(g, cause, at);
        }
    }

    /**
     * ACTIVE → PENDING: an EARNED grant whose ratings fell below its criteria; publishes AutonomyRevoked (cause
     * RATING_FELL with the ratings): for consumers the school no longer holds the autonomy, as after a revocation.
     */
    public void fallBack(Grant g, Cause cause, Instant when) {
        Instant at = after(g, when);
        record(g.fallBack(cause, at));
        publishRevoked(g, cause, at);
    }

    /**
     * REVOKED → PENDING: the benchmark that revoked an EARNED grant is met, but its ratings fell below its criteria
     * meanwhile; clears the open misses and publishes AutonomyRevoked with the new cause (RATING_FELL with the
     * ratings): for consumers the school still does not hold the autonomy, now because of its ratings.
     */
    public void fallBackOnMet(Grant g, Cause cause, Instant when) {
        Instant at = after(g, when);
        misses.clearAll(g.id);
        record(g.fallBackOnMet(cause, at));
        publishRevoked(g, cause, at);
    }

    /** ACTIVE → REVOKED; publishes AutonomyRevoked. */
    public void revoke(Grant g, Cause cause, boolean autoReinstate, Instant when) {
        Instant at = after(g, when);
        record(g.revoke(cause, autoReinstate, at));
        publishRevoked(g, cause, at);
    }

    /** REVOKED → ACTIVE; clears the open misses; publishes AutonomyReinstated. */
    public void reinstate(Grant g, Cause cause, Instant when) {
        Instant at = after(g, when);
        misses.clearAll(g.id);
        record(g.reinstate(cause, at));
        publishReinstated(g, cause, at);
    }

    /** Any live status → ENDED; publishes AutonomyEnded when the grant had ever been in force. */
    public void end(Grant g, Cause cause, Instant when) {
        Instant at = after(g, when);
        misses.clearAll(g.id);
        record(g.end(cause, at));
        if (g.everActive) {
            outbox.publish("Grant", g.id, AutonomyEnded.NAME, 1, g.schoolId, new AutonomyEnded(g.id, g.schoolId,
                    g.domain.name(), g.model.name(), at, new AutonomyEnded.Cause(cause.kind.name(), cause.eventId,
                    cause.reason, cause.contractId, cause.description)), at);
        }
    }

    /**
     * A status change's time: {@code when}, or the grant's last change's if this replica's clock is behind the one that
     * made it, by at most {@link #MAX_SKEW} (not before it): contracts-service drops a grant change older than the state it keeps; with two replicas whose
     * clocks differ, a reinstatement just after a revocation on the other replica was dropped, and the scorecard kept
     * REVOKED (review of 2026-12-06, seventh pass). The school's lock orders the changes; this keeps their times in
     * that order.
     */
    static Instant after(Grant g, Instant when) {
        if (g.statusSince == null || !when.isBefore(g.statusSince)) {
            return when;
        }
        if (g.statusSince.isAfter(when.plus(MAX_SKEW))) {
            // not a replica's drift but a clock far off: its time is not carried on to every later change
            LOG.warnf("Grant %s's last change is %s, after this replica's now (%s) by more than %s: a clock is wrong",
                    g.id, g.statusSince, when, MAX_SKEW);
            return when;
        }
        return g.statusSince;
    }

    /** How far ahead of this replica's clock a grant's last change may be and still set the next change's time. */
    static final java.time.Duration MAX_SKEW = java.time.Duration.ofMinutes(5);

    /** A history entry without a status change. */
    public void note(Grant g, GrantAction action, Cause cause, Instant at) {
        record(g.note(action, cause, at));
    }

    private void record(GrantHistory h) {
        history.persist(h);
        notifier.schoolChanged(h.schoolId);
    }

    private void publishRevoked(Grant g, Cause cause, Instant at) {
        List<UUID> ratings = cause.ratingIdList();
        outbox.publish("Grant", g.id, AutonomyRevoked.NAME, 1, g.schoolId, new AutonomyRevoked(g.id, g.schoolId,
                g.domain.name(), g.model.name(), at, new AutonomyRevoked.Cause(cause.kind.name(), cause.eventId,
                cause.benchmarkId, cause.evaluationId, cause.metricCode, cause.period, plain(cause.target),
                plain(cause.actual), cause.reason, cause.comparator, cause.description,
                ratings.isEmpty() ? null : ratings.get(0), ratings.isEmpty() ? null : ratings, correction(cause))), at);
    }

    private void publishReinstated(Grant g, Cause cause, Instant at) {
        List<UUID> ratings = cause.ratingIdList();
        outbox.publish("Grant", g.id, AutonomyReinstated.NAME, 1, g.schoolId, new AutonomyReinstated(g.id, g.schoolId,
                g.domain.name(), g.model.name(), at, new AutonomyReinstated.Cause(cause.kind.name(), cause.eventId,
                cause.benchmarkId, cause.evaluationId, cause.reason, cause.description,
                ratings.isEmpty() ? null : ratings.get(0), ratings.isEmpty() ? null : ratings, correction(cause))), at);
    }

    private static AutonomyReinstated.Correction correction(Cause cause) {
        return cause.correctionId == null ? null
                : AutonomyReinstated.Correction.of(cause.correctionId, cause.correctionReasonCode == null
                        ? "OTHER" : cause.correctionReasonCode);
    }

    private void publishGranted(Grant g, Cause cause, Instant at) {
        List<UUID> ratings = cause.ratingIdList();
        outbox.publish("Grant", g.id, AutonomyGranted.NAME, 1, g.schoolId, new AutonomyGranted(g.id, g.schoolId,
                g.domain.name(), g.model.name(), g.decisions, g.source.name(), g.contractId, g.provisionId,
                g.requestId, g.effectiveFrom, g.effectiveTo, new AutonomyGranted.Cause(cause.kind.name(),
                cause.eventId, ratings.isEmpty() ? null : ratings.get(0), ratings, cause.description)), at);
    }

    static BigDecimal plain(BigDecimal n) {
        if (n == null) {
            return null;
        }
        BigDecimal s = n.stripTrailingZeros();
        return s.scale() < 0 ? s.setScale(0) : s;
    }

    // --- manual actions (district admins and oversight) --------------------------------------------------------

    public Grant manualGrant(UUID schoolId, AutonomyDomain domain, GrantModel model, List<String> decisions,
                             String scope, LocalDate effectiveFrom, LocalDate effectiveTo, String reason, String actor) {
        School school = schools.lockIfExists(schoolId);
        if (school == null) {
            throw ProblemException.unprocessable("School " + schoolId + " is unknown to the autonomy service",
                    new FieldError("schoolId", "no such school"));
        }
        if (school.isClosed()) {
            throw ProblemException.conflict(SCHOOL_CLOSED, "School " + schoolId + " is closed");
        }
        List<String> codes = decisions == null ? List.of() : decisions;
        catalog.requireDecisionsOf(domain, codes, "decisions");
        LocalDate from = effectiveFrom != null ? effectiveFrom : rights.today();
        if (effectiveTo != null && effectiveTo.isBefore(from)) {
            throw ProblemException.invalid("effectiveTo", "must not be before effectiveFrom (" + from + ")");
        }
        // a grant over before it is made was ACTIVE (AutonomyGranted published) until the grant-term job ended it
        // within the hour; a request's endDate in the past is refused the same way
        if (effectiveTo != null && effectiveTo.isBefore(rights.today())) {
            throw ProblemException.invalid("effectiveTo", "must not be in the past (today is " + rights.today() + ")");
        }
        for (Grant other : grants.liveOfSchool(schoolId)) {
            if (other.domain == domain && other.overlaps(codes) && other.overlapsDates(from, effectiveTo)) {
                throw ProblemException.conflict(OVERLAPPING_GRANT, "School " + schoolId + " already holds grant "
                        + other.id + " on " + domain + " (" + other.status + ")"
                        + (other.status == GrantStatus.REVOKED ? "; reinstate it instead" : ""));
            }
        }
        Grant g = Grant.create(schoolId, domain, model, codes, scope, GrantSource.MANUAL, from, effectiveTo);
        open(g, GrantStatus.ACTIVE, Cause.manual(actor, reason, "Granted manually"), clock.instant());
        grants.flush();
        return g;
    }

    /**
     * 409 when a revoked live grant of the school covers any of these decisions on these dates: a revocation stands
     * until it is reinstated (a missed benchmark met again, or oversight's reinstate), and neither a manual grant nor an
     * approved request goes around it (third pass of 2026-12-05: an approval made the check answer SCHOOL while the
     * miss stood).
     */
    public void requireNoRevocationOver(UUID schoolId, AutonomyDomain domain, List<String> codes, LocalDate from, LocalDate to) {
        for (Grant other : grants.liveOfSchool(schoolId)) {
            if (other.status == GrantStatus.REVOKED && other.domain == domain && other.overlaps(codes)
                    && other.overlapsDates(from, to)) {
                throw ProblemException.conflict(OVERLAPPING_GRANT, "School " + schoolId + " holds grant " + other.id + " on "
                        + domain + ", REVOKED: it covers these decisions; reinstate it instead");
            }
        }
    }

    public Grant manualRevoke(UUID grantId, String ifMatch, String reason, String actor) {
        return manual(grantId, ifMatch, g -> revoke(g, Cause.manual(actor, reason, "Revoked manually"),
                false, clock.instant()));
    }

    public Grant manualReinstate(UUID grantId, String ifMatch, String reason, String actor) {
        return manual(grantId, ifMatch, g -> reinstate(g,
                Cause.manual(actor, reason, "Reinstated manually"), clock.instant()));
    }

    /** Grants a PENDING grant before (or without) its eligibility holding. */
    public Grant manualActivate(UUID grantId, String ifMatch, String reason, String actor) {
        return manual(grantId, ifMatch, g -> activate(g, Cause.manual(actor, reason, "Granted manually"),
                clock.instant()));
    }

    public Grant manualEnd(UUID grantId, String ifMatch, String reason, String actor) {
        return manual(grantId, ifMatch, g -> end(g, Cause.manual(actor, reason, "Ended manually"),
                clock.instant()));
    }

    private Grant manual(UUID grantId, String ifMatch, Consumer<Grant> change) {
        Grant g = lock(grantId);
        EntityTags.checkIfMatch(ifMatch, g.version);
        try {
            change.accept(g);
        } catch (InvalidTransitionException e) {
            throw ProblemException.conflict(INVALID_GRANT_TRANSITION, e.getMessage());
        }
        grants.flush();
        return g;
    }

    /** Loads a grant after locking its school, so that it is read after any concurrent change has committed. */
    Grant lock(UUID grantId) {
        List<UUID> school = grants.getEntityManager()
                .createQuery("select g.schoolId from Grant g where g.id = ?1", UUID.class)
                .setParameter(1, grantId).getResultList();
        if (school.isEmpty()) {
            throw ProblemException.notFound("Grant", grantId);
        }
        schools.lockOrCreate(school.get(0));
        return grants.findById(grantId);
    }

    // --- reads -------------------------------------------------------------------------------------------------

    /**
     * The grant's school, read without loading the grant: a scope check before a change must not leave the grant in
     * the request's session, from which a later read of the request would see it as it was (nineteenth pass: so were
     * contracts-service's answers to an authorizer; here the answers come from the change's own result).
     */
    @Transactional(Transactional.TxType.SUPPORTS)
    public UUID schoolIdOf(UUID grantId) {
        return grants.getEntityManager().createQuery("select g.schoolId from Grant g where g.id = :id", UUID.class)
                .setParameter("id", grantId).getResultStream().findFirst()
                .orElseThrow(() -> ProblemException.notFound("Grant", grantId));
    }

    @Transactional(Transactional.TxType.SUPPORTS)
    public Grant get(UUID grantId) {
        return grants.findByIdOptional(grantId).orElseThrow(() -> ProblemException.notFound("Grant", grantId));
    }

    @Transactional(Transactional.TxType.SUPPORTS)
    public List<GrantHistory> historyOf(UUID grantId) {
        return history.ofGrant(grantId);
    }

    @Transactional(Transactional.TxType.SUPPORTS)
    public List<OpenMiss> openMisses(UUID grantId) {
        return misses.ofGrant(grantId);
    }

    @Transactional(Transactional.TxType.SUPPORTS)
    public PanacheQuery<Grant> search(Collection<UUID> schools, AutonomyDomain domain, GrantStatus status,
                                      GrantModel model, GrantSource source, UUID contractId) {
        return grants.search(schools, domain, status, model, source, contractId);
    }

    @Transactional(Transactional.TxType.SUPPORTS)
    public PanacheQuery<GrantHistory> historyOfSchool(UUID schoolId) {
        return history.ofSchool(schoolId);
    }

    @Transactional(Transactional.TxType.SUPPORTS)
    public boolean schoolKnown(UUID schoolId) {
        return schools.findById(schoolId) != null;
    }
}
