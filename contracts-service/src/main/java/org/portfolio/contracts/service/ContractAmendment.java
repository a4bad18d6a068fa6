package org.portfolio.contracts.service;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import org.portfolio.contracts.domain.AccountabilityTerms;
import org.portfolio.contracts.domain.Benchmark;
import org.portfolio.contracts.domain.BenchmarkSpec;
import org.portfolio.contracts.domain.Contract;
import org.portfolio.contracts.domain.ContractRules;
import org.portfolio.contracts.domain.ContractStatus;
import org.portfolio.contracts.domain.ContractVersion;
import org.portfolio.contracts.domain.EvaluationTrigger;
import org.portfolio.contracts.domain.HistoryKind;
import org.portfolio.contracts.domain.Provision;
import org.portfolio.contracts.domain.ProvisionSpec;
import org.portfolio.contracts.domain.RuleViolation;
import org.portfolio.contracts.domain.SchoolYear;
import org.portfolio.contracts.domain.TermSpec;
import org.portfolio.contracts.events.ContractAmended;
import org.portfolio.contracts.repository.ContractVersionRepository;
import org.portfolio.platform.events.outbox.Outbox;
import org.portfolio.platform.web.http.EntityTags;
import org.portfolio.platform.web.problem.ProblemException;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Function;

import static org.portfolio.contracts.service.ContractChecks.checkFormats;
import static org.portfolio.contracts.service.ContractChecks.checkIds;
import static org.portfolio.contracts.service.ContractChecks.fill;
import static org.portfolio.contracts.service.ContractChecks.requireStatus;
import static org.portfolio.contracts.service.ContractChecks.throwIfAny;

/** An ACTIVE contract is amended: a new version (the old ones stay readable), with who and why. */
@ApplicationScoped
@Transactional
public class ContractAmendment {

    @Inject
    ContractVersionRepository versions;

    @Inject
    ContractQueries queries;

    @Inject
    EvaluationService evaluation;

    @Inject
    HistoryService history;

    @Inject
    Outbox outbox;

    @Inject
    SchoolCalendar calendar;

    @Inject
    MetricDirectionService metricDirections;


    /** Makes a new version from the current one; null parts are kept. Returns the new version number. */
    public int amend(UUID id, String ifMatch, String reason, TermSpec term, List<ProvisionSpec> provisions,
                     List<BenchmarkSpec> benchmarks, AccountabilityTerms accountability, String actor) {
        // the school's lock first, as a status decision and an incoming value take it; then the contract as it is now
        Contract c = queries.lockedForChange(id);
        EntityTags.checkIfMatch(ifMatch, c.version);
        requireStatus(c, ContractStatus.ACTIVE, "amended; edit a DRAFT");
        ContractVersion cur = queries.current(c);
        TermSpec t = term != null ? term : new TermSpec(cur.termStartYear, cur.termEndYear);
        List<ProvisionSpec> ps = provisions != null ? provisions : cur.provisions.stream().map(Provision::toSpec).toList();
        List<BenchmarkSpec> bs = benchmarks != null ? benchmarks : cur.benchmarks.stream().map(Benchmark::toSpec).toList();
        AccountabilityTerms terms = accountability != null ? accountability : cur.accountabilityTerms();
        checkFormats(t, bs);
        SchoolYear start = SchoolYear.parse(t.startYear());
        SchoolYear end = SchoolYear.parse(t.endYear());
        List<RuleViolation> violations = new ArrayList<>(ContractRules.termViolations(start, end, calendar.limits()));
        violations.addAll(ContractRules.contentViolations(start, end, ps, bs));
        // every benchmark of the new version, also one kept from the current version unchanged
        violations.addAll(metricDirections.violations(bs));
        violations.addAll(ContractRules.accountabilityViolations(terms));
        if (bs.isEmpty()) {
            violations.add(new RuleViolation("benchmarks", "an active contract needs at least one benchmark"));
        }
        throwIfAny(violations);
        checkIds(ps, bs, new HashSet<>(cur.provisions.stream().map(p -> p.provisionId).toList()),
                new HashSet<>(cur.benchmarks.stream().map(b -> b.benchmarkId).toList()));

        var now = calendar.now();
        ContractVersion next = ContractVersion.of(c, cur.number + 1, start, end, reason, actor, now);
        fill(next, ps, bs);
        next.setAccountability(terms);
        if (sameContent(cur, next)) {
            throw ProblemException.unprocessable("The amendment changes nothing in version " + cur.number);
        }
        versions.persist(next);
        c.currentVersion = next.number;
        c.setTerm(start, end, now);
        outbox.publish("Contract", c.id, ContractAmended.NAME, c.schoolId(),
                ContractAmended.of(c, next, cur.number, calendar.lastDay()));
        history.record(new HistoryService.Entry(c.schoolId(), c.id, HistoryKind.CONTRACT_AMENDED,
                "Contract amended: version " + cur.number + " → " + next.number, actor, reason, null, next.id,
                HistoryService.cause("previousVersion", cur.number, "version", next.number)));
        Map<UUID, Benchmark> before = byId(cur.benchmarks, b -> b.benchmarkId);
        // a benchmark whose measure changed is evaluated anew; one that only guards other domains has its standing
        // result published again, so that autonomy revokes what it guards now (hostile read of the twenty-sixth pass,
        // C2: moved from PEOPLE to MONEY while missed, MONEY stayed ACTIVE). A change of the level a miss triggers or
        // of reinstatement alone publishes nothing: it applies from the benchmark's next result (a miss published
        // again re-revoked a grant oversight had reinstated by hand: the pass's own read, R1)
        List<Benchmark> changed = next.benchmarks.stream()
                .filter(b -> !before.containsKey(b.benchmarkId) || !before.get(b.benchmarkId).sameMeasureAs(b)
                        || !before.get(b.benchmarkId).sameGuardsAs(b)).toList();
        evaluation.evaluateKnown(c, changed, EvaluationTrigger.AMENDMENT);
        return next.number;
    }

    private static boolean sameContent(ContractVersion a, ContractVersion b) {
        if (!a.termStartYear.equals(b.termStartYear) || !a.termEndYear.equals(b.termEndYear)
                || a.provisions.size() != b.provisions.size() || a.benchmarks.size() != b.benchmarks.size()
                || !a.accountabilityTerms().equals(b.accountabilityTerms())) {
            return false;
        }
        Map<UUID, Provision> ap = byId(a.provisions, p -> p.provisionId);
        Map<UUID, Benchmark> ab = byId(a.benchmarks, x -> x.benchmarkId);
        return b.provisions.stream().allMatch(p -> ap.containsKey(p.provisionId) && ap.get(p.provisionId).sameTermsAs(p))
                && b.benchmarks.stream().allMatch(x -> ab.containsKey(x.benchmarkId) && ab.get(x.benchmarkId).sameTermsAs(x));
    }

    private static <T> Map<UUID, T> byId(List<T> items, Function<T, UUID> id) {
        Map<UUID, T> m = new HashMap<>();
        items.forEach(i -> m.put(id.apply(i), i));
        return m;
    }
}
