package org.portfolio.performance.service;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import org.portfolio.performance.domain.Decimals;
import org.portfolio.performance.domain.Framework;
import org.portfolio.performance.domain.MetricDefinition;
import org.portfolio.performance.domain.MetricSnapshot;
import org.portfolio.performance.domain.RatingCalculator;
import org.portfolio.performance.domain.RatingResult;
import org.portfolio.performance.domain.SchoolRating;
import org.portfolio.performance.domain.SchoolYearKey;
import org.portfolio.performance.domain.YearRules;
import org.portfolio.performance.events.SchoolRatingPublished;
import org.portfolio.performance.repository.MetricDefinitionRepository;
import org.portfolio.performance.repository.MetricValueStore;
import org.portfolio.performance.repository.SchoolRatingRepository;
import org.portfolio.platform.events.outbox.Outbox;

import java.sql.SQLException;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * Recomputes school ratings on the framework published for their year. A rating whose content (framework,
 * points, tier, values, what was left out) differs from the current one becomes a new current version — history is
 * kept — and, when it rates the school, one SchoolRatingPublished; an identical recomputation publishes nothing.
 */
@ApplicationScoped
@Transactional(Transactional.TxType.MANDATORY)
public class RatingService {

    @jakarta.inject.Inject
    java.time.Clock clock;

    @Inject
    FrameworkService frameworks;

    @Inject
    MetricDefinitionRepository metrics;

    @Inject
    MetricValueStore values;

    @Inject
    SchoolRatingRepository ratings;

    @Inject
    Outbox outbox;

    @Inject
    ObjectMapper mapper;

    /** @return how many ratings changed */
    public int recompute(Collection<SchoolYearKey> keys) throws SQLException {
        if (keys.isEmpty()) {
            return 0;
        }
        Map<String, Optional<Framework>> byYear = new HashMap<>();
        List<SchoolYearKey> rateable = new TreeSet<>(keys).stream().filter(k -> byYear.computeIfAbsent(k.schoolYear(),
                y -> Optional.ofNullable(frameworks.rulesFor(y)).map(YearRules::framework)).isPresent()).toList();
        if (rateable.isEmpty()) {
            return 0;
        }
        Map<SchoolYearKey, Map<String, MetricSnapshot>> valuesByKey = new TreeMap<>();
        for (MetricSnapshot s : values.current(rateable)) {
            valuesByKey.computeIfAbsent(new SchoolYearKey(s.schoolId(), s.schoolYear()), k -> new HashMap<>())
                    .put(s.metricCode(), s);
        }
        Map<String, MetricDefinition> catalog = metrics.catalog();
        int changed = 0;
        for (SchoolYearKey k : rateable) {
            Map<String, MetricSnapshot> v = valuesByKey.getOrDefault(k, Map.of());
            Optional<SchoolRating> current = ratings.current(k.schoolId(), k.schoolYear());
            if (v.isEmpty() && current.isEmpty()) {
                continue;
            }
            // a school-year whose values were all withdrawn is rated again on nothing: not rated (it kept its tier, on
            // the public page too: hostile review of the twenty-seventh pass, Q1)
            Framework f = byYear.get(k.schoolYear()).orElseThrow();
            RatingResult r = RatingCalculator.rate(f, catalog, v);
            String fingerprint = fingerprint(f, r);
            if (current.isPresent() && current.get().fingerprint.equals(fingerprint)) {
                continue;
            }
            current.ifPresent(c -> {
                c.current = false;
                ratings.flush();
            });
            SchoolRating next = SchoolRating.of(k.schoolId(), f, r, fingerprint, clock.instant());
            if (current.isPresent() && current.get().computedAt != null && !next.computedAt.isAfter(current.get().computedAt)
                    && !current.get().computedAt.isAfter(next.computedAt.plus(MetricResultService.MAX_SKEW))) {
                // after the rating it replaces whatever this replica's clock says: autonomy-service drops a rating
                // published before the one it knows (seventh pass M1, as MetricResultService.after)
                next.computedAt = current.get().computedAt.truncatedTo(java.time.temporal.ChronoUnit.MICROS)
                        .plus(1, java.time.temporal.ChronoUnit.MICROS);
            }
            if (r.rated()) {
                next.eventId = outbox.publish("SchoolRating", next.id, SchoolRatingPublished.NAME, k.schoolId(),
                        event(next, r));
            }
            ratings.persist(next);
            changed++;
        }
        return changed;
    }

    private String fingerprint(Framework f, RatingResult r) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("framework", f.id);
        m.put("result", r);
        try {
            return mapper.writeValueAsString(m);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    static SchoolRatingPublished event(SchoolRating s, RatingResult r) {
        return new SchoolRatingPublished(s.id, s.schoolId, s.schoolYear, s.frameworkId, s.frameworkVersion,
                Decimals.toDouble(r.totalPoints()), Decimals.toDouble(r.maxPoints()), Decimals.toDouble(r.percent()),
                r.tier() == null ? null : r.tier().name(),
                r.categories().stream().map(c -> new SchoolRatingPublished.Category(c.category().name(),
                        Decimals.toDouble(c.points()), Decimals.toDouble(c.maxPoints()), Decimals.toDouble(c.percent())))
                        .toList(),
                r.metrics().stream().map(m -> new SchoolRatingPublished.Metric(m.metricCode(), Decimals.toDouble(m.value()),
                        m.n(), Decimals.toDouble(m.points()), Decimals.toDouble(m.maxPoints()), m.suppressed(), m.missing()))
                        .toList(),
                Decimals.toDouble(r.coveragePercent()), s.computedAt);
    }
}
