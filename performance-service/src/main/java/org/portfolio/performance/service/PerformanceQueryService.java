package org.portfolio.performance.service;

import io.quarkus.panache.common.Page;
import io.quarkus.panache.common.Parameters;
import io.quarkus.panache.common.Sort;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import org.portfolio.performance.domain.Framework;
import org.portfolio.performance.domain.MetricDefinition;
import org.portfolio.performance.domain.MetricChange;
import org.portfolio.performance.domain.MetricSnapshot;
import org.portfolio.performance.domain.RatingTier;
import org.portfolio.performance.domain.School;
import org.portfolio.performance.domain.SchoolRating;
import org.portfolio.performance.domain.SchoolYear;
import org.portfolio.performance.domain.SchoolYearKey;
import org.portfolio.performance.domain.Trend;
import org.portfolio.performance.repository.FrameworkRepository;
import org.portfolio.performance.repository.MetricDefinitionRepository;
import org.portfolio.performance.repository.MetricValueStore;
import org.portfolio.performance.repository.SchoolRatingRepository;
import org.portfolio.performance.repository.SchoolRepository;
import org.portfolio.platform.web.problem.ProblemException;

import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.UUID;
import java.util.stream.Collectors;

/** Read models: school profiles, ratings across the portfolio, the public (suppressed) view and exports. */
@ApplicationScoped
@Transactional(Transactional.TxType.SUPPORTS)
public class PerformanceQueryService {

    @Inject
    org.portfolio.performance.repository.IntegrityStore integrity;

    @Inject
    SchoolRepository schools;

    @Inject
    SchoolRatingRepository ratings;

    @Inject
    MetricValueStore values;

    @Inject
    MetricDefinitionRepository metrics;

    @Inject
    FrameworkRepository frameworks;

    /** A metric value with its definition and its trend since the previous year. */
    public record MetricView(MetricDefinition definition, MetricSnapshot value, Trend trend) {
    }

    public record YearView(String schoolYear, SchoolRating rating, List<MetricView> metrics,
                           List<org.portfolio.performance.domain.IntegrityCheckResult> integrityChecks) {
    }

    public record Profile(UUID schoolId, School school, List<YearView> years, List<SchoolRating> ratingHistory,
                          List<org.portfolio.performance.domain.IntegrityFlag> integrityFlags) {
    }

    public Profile profile(UUID schoolId) throws SQLException {
        School school = schools.findById(schoolId);
        List<MetricSnapshot> all = values.forSchool(schoolId);
        List<SchoolRating> history = ratings.history(schoolId, null);
        var checks = integrity.checks(schoolId);
        var flags = integrity.forSchool(schoolId);
        if (school == null && all.isEmpty() && history.isEmpty() && checks.isEmpty()) {
            throw ProblemException.notFound("School", schoolId);
        }
        Map<String, MetricDefinition> catalog = metrics.catalog();
        Map<String, Map<String, MetricSnapshot>> byYear = new TreeMap<>(Comparator.reverseOrder());
        for (MetricSnapshot s : all) {
            byYear.computeIfAbsent(s.schoolYear(), y -> new LinkedHashMap<>()).put(s.metricCode(), s);
        }
        Map<String, SchoolRating> currentByYear = new HashMap<>();
        for (SchoolRating r : history) {
            if (r.current) {
                currentByYear.put(r.schoolYear, r);
                byYear.computeIfAbsent(r.schoolYear, y -> new LinkedHashMap<>());
            }
        }
        Map<String, List<org.portfolio.performance.domain.IntegrityCheckResult>> checksByYear = new HashMap<>();
        for (var c : checks) {
            checksByYear.computeIfAbsent(c.check().key().schoolYear(), y -> new ArrayList<>()).add(c);
            byYear.computeIfAbsent(c.check().key().schoolYear(), y -> new LinkedHashMap<>());
        }
        List<YearView> years = new ArrayList<>();
        for (Map.Entry<String, Map<String, MetricSnapshot>> y : byYear.entrySet()) {
            Map<String, MetricSnapshot> previous = byYear.getOrDefault(SchoolYear.previous(y.getKey()), Map.of());
            List<MetricView> views = new ArrayList<>();
            for (MetricSnapshot s : y.getValue().values()) {
                MetricDefinition d = catalog.get(s.metricCode());
                MetricSnapshot p = previous.get(s.metricCode());
                Trend t = p == null ? null : Trend.of(p.schoolYear(), p.value(), s.value(), d.direction);
                views.add(new MetricView(d, s, t));
            }
            views.sort(Comparator.comparing((MetricView v) -> v.definition().category).thenComparing(v -> v.definition().code));
            years.add(new YearView(y.getKey(), currentByYear.get(y.getKey()), views,
                    checksByYear.getOrDefault(y.getKey(), List.of())));
        }
        return new Profile(schoolId, school, years, history, flags);
    }

    public List<SchoolRating> ratingHistory(UUID schoolId, String schoolYear) {
        List<SchoolRating> history = ratings.history(schoolId, schoolYear);
        if (history.isEmpty() && schools.findById(schoolId) == null) {
            throw ProblemException.notFound("School", schoolId);
        }
        return history;
    }

    public SchoolRating rating(UUID ratingId) {
        return ratings.findByIdOptional(ratingId).orElseThrow(() -> ProblemException.notFound("Rating", ratingId));
    }

    public record RatingRow(SchoolRating rating, School school) {
    }

    /** Current ratings across the portfolio, filtered; {@code scope} null = every school. */
    public org.portfolio.platform.web.http.Page<RatingRow> ratings(String schoolYear, RatingTier tier, String type,
                                                                   Boolean rated, Set<UUID> scope, int page, int size) {
        StringBuilder q = new StringBuilder("current = true");
        Parameters p = new Parameters();
        if (schoolYear != null) {
            q.append(" and schoolYear = :year");
            p.and("year", schoolYear);
        }
        if (tier != null) {
            q.append(" and tier = :tier");
            p.and("tier", tier);
        }
        if (rated != null) {
            q.append(" and rated = :rated");
            p.and("rated", rated);
        }
        if (type != null) {
            q.append(" and schoolId in (select s.id from School s where s.type = :type)");
            p.and("type", type);
        }
        if (scope != null) {
            if (scope.isEmpty()) {
                return new org.portfolio.platform.web.http.Page<>(List.of(), page, size, 0);
            }
            q.append(" and schoolId in :scope");
            p.and("scope", scope);
        }
        // best first, and a rating without a percent (every metric missing or suppressed) last: PostgreSQL would sort
        // its NULL first in a descending order
        var query = ratings.find(q.toString(), Sort.descending("schoolYear")
                .and("percent", Sort.Direction.Descending, Sort.NullPrecedence.NULLS_LAST)
                .and("schoolId"), p).page(Page.of(page, size));
        List<SchoolRating> list = query.list();
        Map<UUID, School> bySchool = schoolsById(list.stream().map(r -> r.schoolId).collect(Collectors.toSet()));
        return new org.portfolio.platform.web.http.Page<>(list.stream()
                .map(r -> new RatingRow(r, bySchool.get(r.schoolId))).toList(), page, size, query.count());
    }

    /** One school's year as the public may see it. */
    public record PublicSchool(UUID schoolId, School school, String schoolYear, SchoolRating rating,
                               List<MetricSnapshot> values) {
    }

    /**
     * Every school with a rating or a value in the year (sorted by name), for the public view and exports. The page is
     * chosen in SQL and only its schools' values, ratings and registry entries are read: a page of 50 costs the same
     * in a district of 60 schools as in one of 2,000.
     */
    public org.portfolio.platform.web.http.Page<PublicSchool> year(String schoolYear, Set<UUID> scope, int page, int size)
            throws SQLException {
        if (scope != null && scope.isEmpty()) {
            return new org.portfolio.platform.web.http.Page<>(List.of(), page, size, 0);
        }
        MetricValueStore.SchoolPage ids = values.schoolsOfYear(schoolYear, scope, (long) page * size, size);
        Map<UUID, List<MetricSnapshot>> bySchool = new HashMap<>();
        for (MetricSnapshot s : values.current(ids.ids().stream().map(id -> new SchoolYearKey(id, schoolYear)).toList())) {
            bySchool.computeIfAbsent(s.schoolId(), k -> new ArrayList<>()).add(s);
        }
        bySchool.values().forEach(l -> l.sort(Comparator.comparing(MetricSnapshot::metricCode)));
        Map<UUID, SchoolRating> current = new HashMap<>();
        for (SchoolRating r : ratings.currentForYear(schoolYear, ids.ids())) {
            current.put(r.schoolId, r);
        }
        Map<UUID, School> known = schoolsById(ids.ids());
        List<PublicSchool> items = ids.ids().stream().map(id -> new PublicSchool(id, known.get(id), schoolYear,
                current.get(id), bySchool.getOrDefault(id, new ArrayList<>()))).toList();
        return new org.portfolio.platform.web.http.Page<>(items, page, size, ids.total());
    }

    public Optional<PublicSchool> publicSchool(UUID schoolId, String schoolYear) throws SQLException {
        List<MetricSnapshot> v = values.forSchool(schoolId).stream().filter(s -> s.schoolYear().equals(schoolYear)).toList();
        SchoolRating r = ratings.current(schoolId, schoolYear).orElse(null);
        School school = schools.findById(schoolId);
        if (school == null && v.isEmpty() && r == null) {
            return Optional.empty();
        }
        return Optional.of(new PublicSchool(schoolId, school, schoolYear, r, v));
    }

    public Map<String, MetricDefinition> catalog() {
        return metrics.catalog();
    }

    public Optional<Framework> publishedFramework(String schoolYear) {
        return frameworks.published(schoolYear);
    }

    public List<MetricChange> metricHistory(UUID schoolId, String metricCode) throws SQLException {
        if (metrics.findById(metricCode) == null) {
            throw ProblemException.notFound("Metric", metricCode);
        }
        List<MetricChange> history = values.history(schoolId, metricCode);
        if (history.isEmpty() && schools.findById(schoolId) == null) {
            throw ProblemException.notFound("School", schoolId);
        }
        return history;
    }

    private Map<UUID, School> schoolsById(Collection<UUID> ids) {
        if (ids.isEmpty()) {
            return Map.of();
        }
        return schools.list("id in ?1", ids).stream().collect(Collectors.toMap(s -> s.id, s -> s));
    }
}
