package org.portfolio.contracts.service;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import org.jboss.logging.Logger;
import org.portfolio.contracts.domain.Evidence;
import org.portfolio.contracts.domain.RatingTier;
import org.portfolio.contracts.domain.SchoolDemand;
import org.portfolio.contracts.domain.SchoolRating;
import org.portfolio.contracts.repository.SchoolDemandRepository;
import org.portfolio.contracts.repository.SchoolRatingRepository;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/**
 * The evidence shown with status decisions, kept from other services' events: ratings (SchoolRatingPublished)
 * and family demand (DemandReported). A fact older than the one kept (it arrived late) does not replace it.
 */
@ApplicationScoped
@Transactional
public class EvidenceService {

    private static final Logger LOG = Logger.getLogger(EvidenceService.class);
    private static final int RATING_YEARS = 3;

    /** A published rating. */
    public record RatingFacts(UUID schoolId, String schoolYear, UUID ratingId, Integer frameworkVersion,
                              BigDecimal totalPoints, BigDecimal maxPoints, BigDecimal percent, String tier,
                              Instant publishedAt) {
    }

    /** Demand for a school in one enrollment round. */
    public record DemandFacts(UUID schoolId, UUID periodId, String schoolYear, int round, int applicants,
                              int firstChoices, int seats, int offers, Instant reportedAt) {
    }

    @Inject
    SchoolRatingRepository ratings;

    @Inject
    SchoolDemandRepository demand;

    @Inject
    ScorecardService scorecards;

    @Inject
    SchoolCalendar calendar;

    public void onRating(RatingFacts f, String eventId) {
        Optional<SchoolRating> known = ratings.find(f.schoolId(), f.schoolYear());
        if (known.isPresent() && f.publishedAt().isBefore(known.get().publishedAt)) {
            LOG.infof("Rating %s of school %s from event %s is older than the one kept; ignored", f.schoolYear(),
                    f.schoolId(), eventId);
            return;
        }
        SchoolRating r = known.orElseGet(SchoolRating::new);
        if (r.id == null) {
            r.id = UUID.randomUUID();
            r.schoolId = f.schoolId();
            r.schoolYear = f.schoolYear();
        }
        r.ratingId = f.ratingId();
        r.frameworkVersion = f.frameworkVersion();
        r.totalPoints = f.totalPoints();
        r.maxPoints = f.maxPoints();
        r.percent = f.percent();
        r.tier = f.tier();
        r.publishedAt = f.publishedAt();
        r.sourceEventId = eventId;
        if (known.isEmpty()) {
            ratings.persist(r);
        }
    }

    public void onDemand(DemandFacts f, String eventId) {
        Optional<SchoolDemand> known = demand.find(f.schoolId(), f.periodId());
        if (known.isPresent() && f.reportedAt().isBefore(known.get().reportedAt)) {
            LOG.infof("Demand of school %s in period %s from event %s is older than the one kept; ignored", f.schoolId(),
                    f.periodId(), eventId);
            return;
        }
        SchoolDemand d = known.orElseGet(SchoolDemand::new);
        if (d.id == null) {
            d.id = UUID.randomUUID();
            d.schoolId = f.schoolId();
            d.periodId = f.periodId();
        }
        d.schoolYear = f.schoolYear();
        d.round = f.round();
        d.applicants = f.applicants();
        d.firstChoices = f.firstChoices();
        d.seats = f.seats();
        d.offers = f.offers();
        d.reportedAt = f.reportedAt();
        d.sourceEventId = eventId;
        if (known.isEmpty()) {
            demand.persist(d);
        }
    }

    /** The evidence about a school right now. */
    @Transactional(Transactional.TxType.SUPPORTS)
    public Evidence snapshot(UUID schoolId) {
        List<Evidence.Rating> rs = ratings.latest(schoolId, RATING_YEARS).stream().map(r -> new Evidence.Rating(
                r.schoolYear, r.tier == null ? null : RatingTier.valueOf(r.tier), r.percent, r.totalPoints, r.maxPoints, r.frameworkVersion, r.ratingId,
                r.publishedAt)).toList();
        List<Evidence.Demand> ds = demand.latestYear(schoolId).stream().map(d -> new Evidence.Demand(d.periodId,
                d.schoolYear, d.round, d.applicants, d.firstChoices, d.seats, d.offers,
                d.seats == 0 ? null : BigDecimal.valueOf(d.applicants).divide(BigDecimal.valueOf(d.seats), 2,
                        RoundingMode.HALF_UP), d.reportedAt)).toList();
        return new Evidence(calendar.now(), rs.isEmpty() ? null : rs.get(0), rs, ds,
                scorecards.activeStanding(schoolId).orElse(null));
    }
}
