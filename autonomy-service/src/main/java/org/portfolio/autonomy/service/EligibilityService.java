package org.portfolio.autonomy.service;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import org.jboss.logging.Logger;
import org.portfolio.autonomy.domain.Cause;
import org.portfolio.autonomy.domain.CauseKind;
import org.portfolio.autonomy.domain.EarnedEligibility;
import org.portfolio.autonomy.domain.Grant;
import org.portfolio.autonomy.domain.GrantAction;
import org.portfolio.autonomy.domain.GrantHistory;
import org.portfolio.autonomy.domain.GrantModel;
import org.portfolio.autonomy.domain.GrantStatus;
import org.portfolio.autonomy.domain.RatingTier;
import org.portfolio.autonomy.domain.SchoolRating;
import org.portfolio.autonomy.repository.GrantHistoryRepository;
import org.portfolio.autonomy.repository.GrantRepository;
import org.portfolio.autonomy.repository.SchoolRatingRepository;
import org.portfolio.autonomy.repository.SchoolRepository;

import java.math.BigDecimal;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;

/**
 * EARNED autonomy: keeps the schools' published ratings and grants a PENDING EARNED grant as soon as its
 * eligibility holds — when a rating is published, and when the grant is created (against ratings already held).
 * Symmetrically, an ACTIVE EARNED grant falls back to PENDING when a published rating makes its fall-back rule hold
 * (the latest {@code fallBackAfterYears} rated years all below its minimum tier), and is earned again later — or at
 * once, when a correction of one of the ratings that made it fall back takes the reason away. The same rating
 * published again (same id and tier) re-evaluates nothing.
 */
@ApplicationScoped
@Transactional
public class EligibilityService {

    private static final Logger LOG = Logger.getLogger(EligibilityService.class);

    /** A published rating (from SchoolRatingPublished). */
    public record RatingSpec(UUID ratingId, UUID schoolId, String schoolYear, RatingTier tier, BigDecimal percent,
                             Integer frameworkVersion, Instant publishedAt) {
    }

    /** The one clock of every time this service records or publishes (a test moves it). */
    @Inject
    Clock clock;

    @Inject
    StandingMisses standingMisses;

    @Inject
    SchoolRepository schools;

    @Inject
    SchoolRatingRepository ratings;

    @Inject
    GrantRepository grants;

    @Inject
    GrantService grantService;

    @Inject
    GrantHistoryRepository history;

    @Inject
    DecisionRightsService rights;

    /** Records the rating (the latest per school and year wins) and grants what it makes eligible. */
    public int ratingPublished(RatingSpec r, String eventId) {
        schools.lockOrCreate(r.schoolId());
        Instant now = clock.instant();
        SchoolRating.Key key = new SchoolRating.Key(r.schoolId(), r.schoolYear());
        SchoolRating existing = ratings.findById(key);
        if (existing != null && existing.publishedAt != null && r.publishedAt() != null
                && r.publishedAt().isBefore(existing.publishedAt)) {
            LOG.infof("Rating %s of school %s for %s is older than the one held (%s); kept the newer",
                    r.ratingId(), r.schoolId(), r.schoolYear(), existing.ratingId);
            return 0;
        }
        // the same rating again (an outbox replay, or a correction of its percent only): recorded, nothing to decide
        boolean unchanged = existing != null && r.ratingId().equals(existing.ratingId) && r.tier() == existing.tier;
        SchoolRating.Replaced replaced = existing == null || unchanged ? null
                : new SchoolRating.Replaced(existing.ratingId, existing.tier);
        SchoolRating s = existing != null ? existing : new SchoolRating();
        s.key = key;
        s.ratingId = r.ratingId();
        s.tier = r.tier();
        s.percent = r.percent();
        s.frameworkVersion = r.frameworkVersion();
        s.publishedAt = r.publishedAt();
        s.eventId = eventId;
        s.receivedAt = now;
        if (existing == null) {
            ratings.persist(s);
        }
        ratings.flush();
        if (unchanged) {
            LOG.infof("Rating %s of school %s for %s published again with the same tier; nothing to re-evaluate",
                    r.ratingId(), r.schoolId(), r.schoolYear());
            return 0;
        }
        List<EarnedEligibility.Rating> held = held(r.schoolId());
        for (Grant g : grants.activeEarned(r.schoolId())) {
            tryFallBack(g, r.schoolYear(), held, eventId, now);
        }
        for (Grant g : grants.revokedEarned(r.schoolId())) {
            // the ACTIVE ↔ PENDING machine while the benchmark guard holds the grant: a standing fall back is undone
            // by a correction as tryRestore undoes one; otherwise the fall back may be noted
            Optional<GrantHistory> standing = standingFallBack(g);
            if (standing.isPresent()) {
                if (replaced != null) {
                    undoFallBackWhileRevoked(g, standing.get(), r, replaced, held, eventId, now);
                }
            } else {
                noteFallBackWhileRevoked(g, r.schoolYear(), held, eventId, now);
            }
        }
        int granted = 0;
        for (Grant g : grants.pendingEarned(r.schoolId())) {
            if ((replaced != null && tryRestore(g, r, replaced, held, eventId, now)) || tryEarn(g, eventId, now)) {
                granted++;
            }
        }
        return granted;
    }

    /** The ratings held for a school, latest school year first. */
    @Transactional(Transactional.TxType.SUPPORTS)
    public List<SchoolRating> ratingsOf(UUID schoolId) {
        return ratings.ofSchool(schoolId);
    }

    /**
     * Grants a PENDING EARNED grant if the school's ratings qualify it now; records the ratings that earned it.
     * The caller holds the school's lock.
     */
    boolean tryEarn(Grant g, String eventId, Instant now) {
        if (g.status != GrantStatus.PENDING || g.model != GrantModel.EARNED || g.eligibilityMinimumTier == null) {
            return false;
        }
        if (pastTerm(g)) {
            return false;
        }
        int years = g.eligibilityConsecutiveYears == null ? 1 : g.eligibilityConsecutiveYears;
        Optional<EarnedEligibility.Qualified> q = EarnedEligibility.check(g.eligibilityMinimumTier, years,
                held(g.schoolId));
        if (q.isEmpty()) {
            return false;
        }
        grantService.activate(g, Cause.of(CauseKind.RATING_QUALIFIED, eventId, q.get().description()
                        + (g.everActive ? "; earned again after falling back" : ""))
                .withRatings(q.get()).withContract(g.contractId), now);
        standingMisses.holdIfRevoked(g, eventId, now);
        return true;
    }

    /**
     * Falls an ACTIVE EARNED grant back to PENDING when the ratings held make its fall-back rule hold and the rating
     * just published for {@code schoolYear} is one of those that do (a new weak year, or a correction within the
     * run): a publication outside the run — a late correction of an old year — changes nothing, so neither does it
     * undo an activation by hand. The caller holds the school's lock.
     */
    boolean tryFallBack(Grant g, String schoolYear, List<EarnedEligibility.Rating> held, String eventId, Instant now) {
        if (g.status != GrantStatus.ACTIVE || g.model != GrantModel.EARNED || g.eligibilityMinimumTier == null) {
            return false;
        }
        if (pastTerm(g)) {
            return false; // past its term: the term job ends it
        }
        Optional<EarnedEligibility.Qualified> q = fallsBackIn(g, schoolYear, held);
        if (q.isEmpty()) {
            return false;
        }
        grantService.fallBack(g, Cause.of(CauseKind.RATING_FELL, eventId, q.get().description())
                .withRatings(q.get()).withContract(g.contractId), now);
        return true;
    }

    /**
     * A REVOKED EARNED grant (a benchmark miss holds it) whose ratings make its fall-back rule hold, by the rating just
     * published for {@code schoolYear}: it stays REVOKED — the benchmark guard decides that — but the fall back is
     * recorded ({@code FELL_BACK}, REVOKED → REVOKED, cause RATING_FELL with the ratings), so that the MET that lets
     * the guard go leaves it PENDING instead of reinstating it ({@link #fellBackWhileRevoked}). No event: for
     * consumers the school already does not hold the autonomy. The note stands until a correction undoes it
     * ({@link #undoFallBackWhileRevoked}); while it stands no other is written (the caller checks
     * {@link #standingFallBack}), as a PENDING grant does not fall back again. The caller holds the school's lock.
     */
    boolean noteFallBackWhileRevoked(Grant g, String schoolYear, List<EarnedEligibility.Rating> held, String eventId,
                                     Instant now) {
        if (g.status != GrantStatus.REVOKED || g.model != GrantModel.EARNED || g.eligibilityMinimumTier == null
                || pastTerm(g)) {
            return false;
        }
        Optional<EarnedEligibility.Qualified> q = fallsBackIn(g, schoolYear, held);
        if (q.isEmpty()) {
            return false;
        }
        grantService.note(g, GrantAction.FELL_BACK, Cause.of(CauseKind.RATING_FELL, eventId, q.get().description()
                        + "; the grant is revoked for a missed benchmark: when that is met it stays pending until its "
                        + "ratings earn it again").withRatings(q.get()).withContract(g.contractId), now);
        return true;
    }

    /**
     * Undoes, at correction time, a fall back noted while the grant is REVOKED — the test of {@link #tryRestore}: the
     * note's cause names the rating just replaced, the fall-back rule no longer holds on the ratings held, and with the
     * replaced rating in its place it held (the correction itself took the reason away; a reason that went with a new
     * year, or a correction that leaves the year below the tier, undoes nothing). Recorded as {@code FALL_BACK_UNDONE}
     * (REVOKED → REVOKED, cause RATING_QUALIFIED naming the correcting rating; no event: the grant stays revoked), so
     * that the MET reinstates it. The caller holds the school's lock.
     */
    boolean undoFallBackWhileRevoked(Grant g, GrantHistory note, RatingSpec r, SchoolRating.Replaced replaced,
                                     List<EarnedEligibility.Rating> held, String eventId, Instant now) {
        if (g.status != GrantStatus.REVOKED || g.model != GrantModel.EARNED || g.eligibilityMinimumTier == null
                || note.cause == null || !note.cause.ratingIdList().contains(replaced.ratingId()) || pastTerm(g)) {
            return false;
        }
        Optional<String> correction = correctionTookReasonAway(g, r, replaced, held);
        if (correction.isEmpty()) {
            return false;
        }
        grantService.note(g, GrantAction.FALL_BACK_UNDONE, Cause.of(CauseKind.RATING_QUALIFIED, eventId,
                        "R" + correction.get().substring(1) + ": no longer rated below " + g.eligibilityMinimumTier
                                + " for " + fallBackYears(g) + " consecutive school year(s); the fall back while the "
                                + "grant is revoked is undone: when its missed benchmarks are met it is reinstated")
                .withReason(correction.get()).withRatings(List.of(r.ratingId())).withContract(g.contractId), now);
        return true;
    }

    /**
     * The fall back noted while a REVOKED grant is revoked that still stands: the latest {@code FELL_BACK} (REVOKED →
     * REVOKED) or {@code FALL_BACK_UNDONE} entry since it was revoked, when it is a {@code FELL_BACK}.
     */
    Optional<GrantHistory> standingFallBack(Grant g) {
        if (g.status != GrantStatus.REVOKED) {
            return Optional.empty();
        }
        List<GrantHistory> entries = history.ofGrant(g.id);
        for (int i = entries.size() - 1; i >= 0 && entries.get(i).toStatus == GrantStatus.REVOKED; i--) {
            GrantHistory h = entries.get(i);
            if (h.action == GrantAction.FALL_BACK_UNDONE) {
                return Optional.empty();
            }
            if (h.action == GrantAction.FELL_BACK && h.fromStatus == GrantStatus.REVOKED) {
                return Optional.of(h);
            }
            if (h.action == GrantAction.REVOKED) {
                return Optional.empty(); // the revocation itself: nothing fell since
            }
        }
        return Optional.empty();
    }

    /**
     * Whether a REVOKED grant comes back by itself once its missed benchmarks are met: it was revoked with automatic
     * reinstatement and no fall back stands (none was noted while it was revoked, or a correction undid it) — or its
     * ratings earn it again (a MET then leaves an EARNED grant that fell back PENDING). The same rule as the MET's
     * ({@link #fellBackWhileRevoked}, {@link #qualifiesNow}).
     */
    @Transactional(Transactional.TxType.SUPPORTS)
    public boolean reinstatesWhenMet(Grant g) {
        return g.autoReinstate && (fellBackWhileRevoked(g, "grant-query", "").isEmpty() || qualifiesNow(g));
    }

    /**
     * Whether an EARNED grant's ratings held now earn it (its criteria met, within its term): a grant that fell back
     * while revoked but whose ratings have earned it again meanwhile is reinstated by the MET, not taken to PENDING and
     * earned again in the same breath (which published a revocation that never happened).
     */
    boolean qualifiesNow(Grant g) {
        if (g.model != GrantModel.EARNED || g.eligibilityMinimumTier == null || pastTerm(g)) {
            return false;
        }
        int years = g.eligibilityConsecutiveYears == null ? 1 : g.eligibilityConsecutiveYears;
        return EarnedEligibility.check(g.eligibilityMinimumTier, years, held(g.schoolId)).isPresent();
    }

    /**
     * Whether a REVOKED EARNED grant whose guarding benchmark has just been met fell back meanwhile: a fall back noted
     * since it was revoked still stands ({@link #standingFallBack}: not undone by a correction at correction time,
     * {@link #undoFallBackWhileRevoked}). Returns the cause of the fall back to PENDING (RATING_FELL, the MET's event id,
     * the ratings — those that make the rule hold now, else the note's — the benchmark in words). The caller decides
     * with {@link #qualifiesNow} (ratings that earn the grant again reinstate it).
     */
    public Optional<Cause> fellBackWhileRevoked(Grant g, String eventId, String metDescription) {
        if (g.status != GrantStatus.REVOKED || g.model != GrantModel.EARNED || g.eligibilityMinimumTier == null) {
            return Optional.empty();
        }
        Optional<GrantHistory> standing = standingFallBack(g);
        if (standing.isEmpty()) {
            return Optional.empty();
        }
        GrantHistory note = standing.get();
        Optional<EarnedEligibility.Qualified> now = EarnedEligibility.fallsBack(g.eligibilityMinimumTier,
                fallBackYears(g), held(g.schoolId));
        List<UUID> noted = note.cause == null ? List.of() : note.cause.ratingIdList();
        String rule = now.map(EarnedEligibility.Qualified::description)
                .orElse(note.cause == null || note.cause.description == null ? "its ratings fell below its criteria"
                        : note.cause.description);
        int semicolon = rule.indexOf("; the grant is revoked");
        rule = semicolon < 0 ? rule : rule.substring(0, semicolon);
        return Optional.of(Cause.of(CauseKind.RATING_FELL, eventId, rule + " — while the grant was revoked; "
                        + metDescription + ": not reinstated, pending eligibility again")
                .withRatings(now.map(EarnedEligibility.Qualified::ratingIds).orElse(noted)).withContract(g.contractId));
    }

    /**
     * The successor contract of a renewal (or an amendment) brings new criteria: an ACTIVE EARNED grant whose ratings
     * held now fall below the new criteria — and did not under the old ones — falls back at once, as a PENDING grant
     * the new criteria qualify is earned at once ({@link #tryEarn}). A rule that already held under the old criteria
     * (an activation by hand) is left alone. The caller holds the school's lock.
     */
    boolean tryFallBackOnNewCriteria(Grant g, RatingTier oldTier, Integer oldFallBackYears, String eventId,
                                     String byWhat, Instant now) {
        if (g.status != GrantStatus.ACTIVE || g.model != GrantModel.EARNED || g.eligibilityMinimumTier == null
                || pastTerm(g)) {
            return false;
        }
        if (g.eligibilityMinimumTier == oldTier && Objects.equals(fallBackYears(g), oldFallBackYears)) {
            return false;
        }
        List<EarnedEligibility.Rating> held = held(g.schoolId);
        Optional<EarnedEligibility.Qualified> q = EarnedEligibility.fallsBack(g.eligibilityMinimumTier, fallBackYears(g),
                held);
        if (q.isEmpty() || (oldTier != null && oldFallBackYears != null
                && EarnedEligibility.fallsBack(oldTier, oldFallBackYears, held).isPresent())) {
            return false;
        }
        grantService.fallBack(g, Cause.of(CauseKind.RATING_FELL, eventId, q.get().description() + " (the criteria of "
                        + byWhat + ")").withRatings(q.get()).withContract(g.contractId), now);
        return true;
    }

    private Optional<EarnedEligibility.Qualified> fallsBackIn(Grant g, String schoolYear,
                                                            List<EarnedEligibility.Rating> held) {
        Optional<EarnedEligibility.Qualified> q = EarnedEligibility.fallsBack(g.eligibilityMinimumTier,
                fallBackYears(g), held);
        return q.filter(x -> x.ratings().stream().anyMatch(r -> r.schoolYear().equals(schoolYear)));
    }

    private static int fallBackYears(Grant g) {
        int consecutive = g.eligibilityConsecutiveYears == null ? 1 : g.eligibilityConsecutiveYears;
        return EarnedEligibility.fallBackAfterYears(g.eligibilityFallBackAfterYears, consecutive);
    }

    /**
     * Past its effective dates — unless its contract was renewed and it waits for the successor, when it stays in
     * force (the check answers from it) and both rules apply to it alike.
     */
    private boolean pastTerm(Grant g) {
        return g.effectiveTo != null && g.effectiveTo.isBefore(rights.today()) && g.successorContractId == null;
    }

    /**
     * Undoes a fall back that a correction took the reason away from: a PENDING EARNED grant whose current cause is
     * RATING_FELL, among whose ratings is the one just replaced for the same school and year, and whose fall-back
     * rule no longer holds is ACTIVE again (AutonomyReinstated, cause RATING_QUALIFIED naming the correcting rating).
     * A fall back whose reason went away with a new year (not a correction) still waits to be earned again. The
     * caller holds the school's lock.
     */
    boolean tryRestore(Grant g, RatingSpec r, SchoolRating.Replaced replaced, List<EarnedEligibility.Rating> held,
                       String eventId, Instant now) {
        if (g.status != GrantStatus.PENDING || g.model != GrantModel.EARNED || g.eligibilityMinimumTier == null
                || g.cause == null || g.cause.kind != CauseKind.RATING_FELL
                || !g.cause.ratingIdList().contains(replaced.ratingId())) {
            return false;
        }
        if (pastTerm(g)) {
            return false;
        }
        Optional<String> correction = correctionTookReasonAway(g, r, replaced, held);
        if (correction.isEmpty()) {
            return false;
        }
        grantService.activate(g, Cause.of(CauseKind.RATING_QUALIFIED, eventId, "R" + correction.get().substring(1)
                        + ": no longer rated below " + g.eligibilityMinimumTier + " for " + fallBackYears(g)
                        + " consecutive school year(s); in force again after the correction")
                .withReason(correction.get()).withRatings(List.of(r.ratingId())).withContract(g.contractId), now);
        standingMisses.holdIfRevoked(g, eventId, now);
        return true;
    }

    /**
     * Whether the correction {@code r} (replacing {@code replaced}) took a fall back's reason away: the grant's
     * fall-back rule no longer holds on the ratings held, and with the replaced rating in its place it held. Otherwise
     * the reason went with a new year (wait to be earned again), or the rule stopped holding for another reason (a
     * gap), and a correction that leaves the year below the tier undoes nothing. Returns the correction in words.
     */
    private Optional<String> correctionTookReasonAway(Grant g, RatingSpec r, SchoolRating.Replaced replaced,
                                                      List<EarnedEligibility.Rating> held) {
        int years = fallBackYears(g);
        if (EarnedEligibility.fallsBack(g.eligibilityMinimumTier, years, held).isPresent()) {
            return Optional.empty();
        }
        List<EarnedEligibility.Rating> before = held.stream().map(x -> x.schoolYear().equals(r.schoolYear())
                ? new EarnedEligibility.Rating(replaced.ratingId(), x.schoolYear(), replaced.tier()) : x).toList();
        if (EarnedEligibility.fallsBack(g.eligibilityMinimumTier, years, before).isEmpty()) {
            return Optional.empty();
        }
        return Optional.of("rating " + r.ratingId() + " corrected " + r.schoolYear() + " from " + replaced.tier()
                + " to " + r.tier());
    }

    private List<EarnedEligibility.Rating> held(UUID schoolId) {
        return ratings.ofSchool(schoolId).stream()
                .map(x -> new EarnedEligibility.Rating(x.ratingId, x.schoolYear(), x.tier)).toList();
    }
}
