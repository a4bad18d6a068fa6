package org.portfolio.autonomy.consumer;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.jboss.logging.Logger;
import org.portfolio.autonomy.domain.RatingTier;
import org.portfolio.autonomy.domain.SchoolYears;
import org.portfolio.autonomy.service.EligibilityService;
import org.portfolio.platform.events.EventTypes;
import org.portfolio.platform.events.consumer.EventHandler;
import org.portfolio.platform.events.consumer.IncomingEvent;
import org.portfolio.platform.events.consumer.PoisonEventException;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.Set;
import java.util.UUID;

/** performance-service's published school ratings: the evidence for EARNED autonomy. */
@ApplicationScoped
public class RatingEventsHandler implements EventHandler {

    private static final Logger LOG = Logger.getLogger(RatingEventsHandler.class);

    static final String RATING_PUBLISHED = EventTypes.of("performance", "SchoolRatingPublished");

    record RatingData(UUID ratingId, UUID schoolId, String schoolYear, Integer frameworkVersion, BigDecimal percent,
                      String tier, Instant publishedAt) {
    }

    @Inject
    EligibilityService eligibility;

    @Override
    public String name() {
        return "school-ratings";
    }

    @Override
    public Set<String> topics() {
        return Set.of("performance.events");
    }

    @Override
    public Set<String> types() {
        return Set.of(RATING_PUBLISHED);
    }

    @Override
    public void handle(IncomingEvent event) {
        RatingData d = event.data(RatingData.class);
        if (d.schoolId() == null || d.ratingId() == null || d.tier() == null) {
            throw new PoisonEventException("SchoolRatingPublished " + event.id() + " without schoolId, ratingId or tier");
        }
        if (!SchoolYears.isValid(d.schoolYear())) {
            throw new PoisonEventException("SchoolRatingPublished " + event.id() + " has school year " + d.schoolYear()
                    + ", not one like 2026-27");
        }
        RatingTier tier;
        try {
            tier = RatingTier.valueOf(d.tier());
        } catch (IllegalArgumentException e) {
            LOG.warnf("SchoolRatingPublished %s has unknown tier %s: ignored", event.id(), d.tier());
            return;
        }
        eligibility.ratingPublished(new EligibilityService.RatingSpec(d.ratingId(), d.schoolId(), d.schoolYear(), tier,
                d.percent(), d.frameworkVersion(), d.publishedAt()), event.id());
    }
}
