package org.portfolio.autonomy.service;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.portfolio.autonomy.domain.AutonomyDomain;
import org.portfolio.autonomy.domain.DecisionInfo;
import org.portfolio.autonomy.domain.DecisionRightsRules;
import org.portfolio.autonomy.domain.DomainControl;
import org.portfolio.autonomy.domain.GrantSnapshot;
import org.portfolio.autonomy.domain.GrantStatus;
import org.portfolio.autonomy.domain.RightsAnswer;
import org.portfolio.autonomy.domain.RightsReason;
import org.portfolio.autonomy.domain.SchoolRights;
import org.portfolio.platform.web.problem.ProblemException;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The decision-rights check ("may school S take decision D on date T?"), the per-school matrix and the
 * portfolio view. Not transactional: answers come from {@link RightsCache} snapshots (read from the database
 * on a miss), so the hot path costs no database round trip.
 */
@ApplicationScoped
public class DecisionRightsService {

    /** A domain of one school: who holds it, and the answer for each of its decisions. */
    public record DomainRights(AutonomyDomain domain, DomainControl control, List<RightsAnswer> decisions) {
    }

    public record SchoolMatrix(SchoolRights school, LocalDate date, int catalogVersion, List<DomainRights> domains) {
    }

    /** One cell of the portfolio view: a school's hold on one domain. */
    public record DomainSummary(AutonomyDomain domain, DomainControl control, RightsReason reason,
                                String grantStatus, int schoolDecides, int decisions, List<GrantSnapshot> liveGrants) {
    }

    public record PortfolioRow(SchoolRights school, List<DomainSummary> domains) {
    }

    public record Portfolio(LocalDate date, int catalogVersion, long total, int page, int size,
                            List<PortfolioRow> rows, Map<AutonomyDomain, Map<DomainControl, Long>> totals) {
    }

    /** Filters of the portfolio view (all optional); {@code text} matches school name or district code. */
    /** {@code schools}: the schools the caller may see (an authorizer's), or null for every school. */
    public record PortfolioFilter(String text, String schoolStatus, AutonomyDomain domain, DomainControl control,
                                  RightsReason reason, java.util.Set<UUID> schools) {

        public PortfolioFilter(String text, String schoolStatus, AutonomyDomain domain, DomainControl control,
                               RightsReason reason) {
            this(text, schoolStatus, domain, control, reason, null);
        }
    }

    @Inject
    RightsCache cache;

    @Inject
    RightsLoader loader;

    @Inject
    AutonomyConfig config;

    @Inject
    Clock clock;

    private volatile DecisionRightsRules rules;

    public RightsAnswer check(UUID schoolId, String decisionCode, LocalDate date) {
        Instant now = clock.instant();
        LocalDate on = date == null ? rules().today(now) : date;
        DecisionInfo decision = catalogOn(on, now).get(decisionCode);
        if (decision == null) {
            if (catalog().get(decisionCode) != null) {
                throw ProblemException.notFound("Decision", decisionCode + " (added to the decision catalog after "
                        + on + ")");
            }
            throw ProblemException.notFound("Decision", decisionCode);
        }
        SchoolRights school = school(schoolId);
        return rules().answer(school, decision, on, now);
    }

    public SchoolMatrix matrix(UUID schoolId, LocalDate date) {
        SchoolRights school = school(schoolId);
        Instant now = clock.instant();
        LocalDate on = date == null ? rules().today(now) : date;
        CatalogSnapshot catalog = catalogOn(on, now);
        List<DomainRights> domains = new ArrayList<>();
        for (AutonomyDomain d : AutonomyDomain.values()) {
            domains.add(domainRights(school, catalog, d, on, now));
        }
        return new SchoolMatrix(school, on, catalog.version(), domains);
    }

    public Portfolio portfolio(PortfolioFilter filter, LocalDate date, int page, int size) {
        Instant now = clock.instant();
        LocalDate on = date == null ? rules().today(now) : date;
        CatalogSnapshot catalog = catalogOn(on, now);
        Map<UUID, SchoolRights> all = cache.schools(loader.schoolIds(), loader::loadAll);
        List<PortfolioRow> rows = new ArrayList<>();
        Map<AutonomyDomain, Map<DomainControl, Long>> totals = new EnumMap<>(AutonomyDomain.class);
        for (AutonomyDomain d : AutonomyDomain.values()) {
            Map<DomainControl, Long> m = new EnumMap<>(DomainControl.class);
            for (DomainControl c : DomainControl.values()) {
                m.put(c, 0L);
            }
            totals.put(d, m);
        }
        for (SchoolRights s : all.values()) {
            if (filter.schools() != null && !filter.schools().contains(s.schoolId())) {
                continue;
            }
            if (filter.schoolStatus() != null && !filter.schoolStatus().equalsIgnoreCase(String.valueOf(s.status()))) {
                continue;
            }
            if (filter.text() != null && !contains(s.name(), filter.text()) && !contains(s.districtCode(), filter.text())) {
                continue;
            }
            List<DomainSummary> cells = cells(s, catalog, on, now);
            if (!matches(filter, cells)) {
                continue;
            }
            cells.forEach(c -> totals.get(c.domain()).merge(c.control(), 1L, Long::sum));
            rows.add(new PortfolioRow(s, cells));
        }
        rows.sort(Comparator.comparing((PortfolioRow r) -> r.school().name(), Comparator.nullsLast(String::compareToIgnoreCase))
                .thenComparing(r -> r.school().districtCode(), Comparator.nullsLast(String::compareTo))
                .thenComparing(r -> r.school().schoolId()));
        int from = Math.min(rows.size(), page * size);
        int to = Math.min(rows.size(), from + size);
        return new Portfolio(on, catalog.version(), rows.size(), page, size, List.copyOf(rows.subList(from, to)), totals);
    }

    public CatalogSnapshot catalog() {
        return cache.catalog(loader::catalog);
    }

    /**
     * The catalog that counts on a date: today's for today and later; for a past date the version in force at the
     * end of that day (a decision retired since was still covered then, one added since did not exist yet).
     */
    private CatalogSnapshot catalogOn(LocalDate on, Instant now) {
        if (!on.isBefore(rules().today(now))) {
            return catalog();
        }
        return loader.catalogAt(on.plusDays(1).atStartOfDay(rules().zone()).toInstant(), catalog());
    }

    /** One school's cells of the portfolio view, as computed from one rights snapshot on one day. */
    private record Cells(SchoolRights school, LocalDate on, LocalDate today, int catalogVersion,
                         List<DomainSummary> cells) {
    }

    /**
     * The portfolio view's cells per school, reused while they cannot differ: the same rights snapshot (the very
     * object {@link RightsCache} hands out until the school's grants change or its entry expires; a new load is a new
     * object), the same date asked for, the same day today, the same catalog version. The view answers for every
     * school of the district (its totals count them all), so recomputing every decision of every school on every
     * page made a page cost grow with the district (issue 18: 2,000 schools × 4 domains × their decisions).
     */
    private final ConcurrentHashMap<UUID, Cells> portfolioCells = new ConcurrentHashMap<>();
    private final AtomicLong portfolioCellsComputed = new AtomicLong();

    private List<DomainSummary> cells(SchoolRights s, CatalogSnapshot catalog, LocalDate on, Instant now) {
        LocalDate today = rules().today(now);
        Cells memo = portfolioCells.get(s.schoolId());
        if (memo != null && memo.school() == s && memo.on().equals(on) && memo.today().equals(today)
                && memo.catalogVersion() == catalog.version()) {
            return memo.cells();
        }
        List<DomainSummary> cells = new ArrayList<>();
        for (AutonomyDomain d : AutonomyDomain.values()) {
            cells.add(summary(domainRights(s, catalog, d, on, now), rules().grantsAsOf(s, d, on, now)));
        }
        cells = List.copyOf(cells);
        portfolioCellsComputed.incrementAndGet();
        portfolioCells.put(s.schoolId(), new Cells(s, on, today, catalog.version(), cells));
        return cells;
    }

    /** How many schools' portfolio cells were computed (not reused) since start: for tests of the view's cost. */
    public long portfolioCellsComputed() {
        return portfolioCellsComputed.get();
    }

    public LocalDate today() {
        return rules().today(clock.instant());
    }

    private SchoolRights school(UUID schoolId) {
        SchoolRights school = cache.school(schoolId, loader::load);
        if (!school.known()) {
            throw ProblemException.notFound("School", schoolId + " (unknown to the autonomy service)");
        }
        return school;
    }

    private DomainRights domainRights(SchoolRights school, CatalogSnapshot catalog, AutonomyDomain d, LocalDate on,
                                      Instant now) {
        List<RightsAnswer> answers = new ArrayList<>();
        for (DecisionInfo decision : catalog.current(d)) {
            answers.add(rules().answer(school, decision, on, now));
        }
        return new DomainRights(d, rules().control(answers), answers);
    }

    /** A domain's cell: who decides and why (of the date), and the school's grants on it as they stood then. */
    private static DomainSummary summary(DomainRights r, List<GrantSnapshot> grants) {
        int allowed = (int) r.decisions().stream().filter(RightsAnswer::allowed).count();
        RightsReason reason = r.control() == DomainControl.SCHOOL ? RightsReason.GRANTED
                : r.decisions().stream().filter(a -> !a.allowed()).map(RightsAnswer::reason)
                .min(Comparator.comparingInt(Enum::ordinal)).orElse(RightsReason.NO_GRANT);
        List<GrantSnapshot> live = grants.stream().filter(g -> g.status().isLive()).toList();
        String status = grants.isEmpty() ? "NONE" : grants.stream().map(GrantSnapshot::status)
                .min(Comparator.comparingInt(DecisionRightsService::statusRank)).map(Enum::name).orElse("NONE");
        return new DomainSummary(r.domain(), r.control(), reason, status, allowed, r.decisions().size(), live);
    }

    private static int statusRank(GrantStatus s) {
        return switch (s) {
            case ACTIVE -> 0;
            case REVOKED -> 1;
            case PENDING -> 2;
            case ENDED -> 3;
        };
    }

    private static boolean matches(PortfolioFilter f, List<DomainSummary> cells) {
        if (f.control() == null && f.reason() == null) {
            return true;
        }
        for (DomainSummary c : cells) {
            if (f.domain() != null && c.domain() != f.domain()) {
                continue;
            }
            if ((f.control() == null || c.control() == f.control()) && (f.reason() == null || c.reason() == f.reason())) {
                return true;
            }
        }
        return false;
    }

    private static boolean contains(String value, String part) {
        return value != null && value.toLowerCase(java.util.Locale.ROOT).contains(part.toLowerCase(java.util.Locale.ROOT));
    }

    private DecisionRightsRules rules() {
        DecisionRightsRules r = rules;
        if (r == null) {
            r = new DecisionRightsRules(config.timeZone());
            rules = r;
        }
        return r;
    }
}
