package org.portfolio.contracts.consumer;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.portfolio.contracts.domain.RatingTier;
import org.portfolio.contracts.domain.SchoolYear;
import org.portfolio.contracts.service.EvidenceService;
import org.portfolio.platform.events.EventTypes;
import org.portfolio.platform.events.consumer.EventHandler;
import org.portfolio.platform.events.consumer.IncomingEvent;
import org.portfolio.platform.events.consumer.PoisonEventException;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.Set;
import java.util.UUID;

/** Keeps the evidence for status decisions: school ratings (performance) and family demand (enrollment). */
@ApplicationScoped
public class EvidenceHandler implements EventHandler {

    static final String RATING = EventTypes.of("performance", "SchoolRatingPublished");
    static final String DEMAND = EventTypes.of("enrollment", "DemandReported");

    /** The part of SchoolRatingPublished contracts keeps; a tier outside {@link RatingTier} is poison (DLQ). */
    record SchoolRatingPublished(UUID ratingId, UUID schoolId, String schoolYear, Integer frameworkVersion,
                                 BigDecimal totalPoints, BigDecimal maxPoints, BigDecimal percent, RatingTier tier,
                                 Instant publishedAt) {
    }

    /** The part of DemandReported contracts keeps. */
    record DemandReported(UUID periodId, String schoolYear, Integer round, UUID schoolId, Integer applicants,
                          Integer firstChoices, Integer seats, Integer offers) {
    }

    @Inject
    EvidenceService evidence;

    @Inject
    org.portfolio.contracts.service.SchoolCalendar calendar;

    @Override
    public String name() {
        return "decision-evidence";
    }

    @Override
    public Set<String> topics() {
        return Set.of("performance.events", "enrollment.events");
    }

    @Override
    public Set<String> types() {
        return Set.of(RATING, DEMAND);
    }

    @Override
    public void handle(IncomingEvent event) {
        Instant at = event.time() != null ? event.time() : calendar.now();
        if (RATING.equals(event.type())) {
            SchoolRatingPublished r = event.data(SchoolRatingPublished.class);
            if (r.schoolId() == null || r.schoolYear() == null || SchoolYear.tryParse(r.schoolYear()).isEmpty()) {
                throw new PoisonEventException("SchoolRatingPublished " + event.id() + " lacks schoolId or a schoolYear");
            }
            evidence.onRating(new EvidenceService.RatingFacts(r.schoolId(), r.schoolYear(), r.ratingId(),
                    r.frameworkVersion(), r.totalPoints(), r.maxPoints(), r.percent(), r.tier() == null ? null : r.tier().name(),
                    r.publishedAt() != null ? r.publishedAt() : at), event.id());
        } else {
            DemandReported d = event.data(DemandReported.class);
            if (d.schoolId() == null || d.periodId() == null || d.schoolYear() == null
                    || SchoolYear.tryParse(d.schoolYear()).isEmpty() || d.applicants() == null || d.seats() == null) {
                throw new PoisonEventException("DemandReported " + event.id()
                        + " lacks schoolId, periodId, schoolYear, applicants or seats");
            }
            evidence.onDemand(new EvidenceService.DemandFacts(d.schoolId(), d.periodId(), d.schoolYear(),
                    d.round() == null ? 1 : d.round(), d.applicants(), orZero(d.firstChoices()), d.seats(),
                    orZero(d.offers()), at), event.id());
        }
    }

    private static int orZero(Integer v) {
        return v == null ? 0 : v;
    }
}
