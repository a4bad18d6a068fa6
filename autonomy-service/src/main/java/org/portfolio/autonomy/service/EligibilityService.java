package org.portfolio.autonomy.service;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import org.jboss.logging.Logger;
import org.portfolio.autonomy.domain.Cause;
import org.portfolio.autonomy.domain.CauseKind;
import org.portfolio.autonomy.domain.EarnedEligibility;
import org.portfolio.autonomy.domain.Grant;
import org.portfolio.autonomy.domain.GrantModel;
import org.portfolio.autonomy.domain.GrantStatus;
import org.portfolio.autonomy.domain.RatingTier;
import org.portfolio.autonomy.domain.SchoolRating;
import org.portfolio.autonomy.repository.GrantRepository;
import org.portfolio.autonomy.repository.SchoolRatingRepository;
import org.portfolio.autonomy.repository.SchoolRepository;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
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

    @Inject
    SchoolRepository schools;

    @Inject
    SchoolRatingRepository ratings;

    @Inject
    GrantRepository grants;

    @Inject
    GrantService grantService;

    @Inject
    DecisionRightsService rights;

    /** Records the rating (the latest per school and year wins) and grants what it makes eligible. */
    public int ratingPublished(RatingSpec r, String eventId) {
        schools.lockOrCreate(r.schoolId());
        Instant now = Instant.now();
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
        LocalDate today = rights.today();
        if (g.effectiveTo != null && g.effectiveTo.isBefore(today)) {
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
                .withRatings(q.get().ratingIds()).withContract(g.contractId), now);
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
        if (g.effectiveTo != null && g.effectiveTo.isBefore(rights.today()) && g.successorContractId == null) {
            return false; // past its term: the term job ends it
        }
        int consecutive = g.eligibilityConsecutiveYears == null ? 1 : g.eligibilityConsecutiveYears;
        int years = EarnedEligibility.fallBackAfterYears(g.eligibilityFallBackAfterYears, consecutive);
        Optional<EarnedEligibility.Qualified> q = EarnedEligibility.fallsBack(g.eligibilityMinimumTier, years, held);
        if (q.isEmpty() || q.get().ratings().stream().noneMatch(x -> x.schoolYear().equals(schoolYear))) {
            return false;
        }
        grantService.fallBack(g, Cause.of(CauseKind.RATING_FELL, eventId, q.get().description())
                .withRatings(q.get().ratingIds()).withContract(g.contractId), now);
        return true;
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
        if (g.effectiveTo != null && g.effectiveTo.isBefore(rights.today())) {
            return false;
        }
        int consecutive = g.eligibilityConsecutiveYears == null ? 1 : g.eligibilityConsecutiveYears;
        int years = EarnedEligibility.fallBackAfterYears(g.eligibilityFallBackAfterYears, consecutive);
        if (EarnedEligibility.fallsBack(g.eligibilityMinimumTier, years, held).isPresent()) {
            return false;
        }
        String correction = "rating " + r.ratingId() + " corrected " + r.schoolYear() + " from " + replaced.tier()
                + " to " + r.tier();
        grantService.activate(g, Cause.of(CauseKind.RATING_QUALIFIED, eventId, "R" + correction.substring(1)
                        + ": no longer rated below " + g.eligibilityMinimumTier + " for " + years
                        + " consecutive school year(s); in force again after the correction")
                .withReason(correction).withRatings(List.of(r.ratingId())).withContract(g.contractId), now);
        return true;
    }

    private List<EarnedEligibility.Rating> held(UUID schoolId) {
        return ratings.ofSchool(schoolId).stream()
                .map(x -> new EarnedEligibility.Rating(x.ratingId, x.schoolYear(), x.tier)).toList();
    }
}
