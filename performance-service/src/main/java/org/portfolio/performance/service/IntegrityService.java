package org.portfolio.performance.service;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import org.jboss.logging.Logger;
import org.portfolio.performance.domain.Framework;
import org.portfolio.performance.domain.IntegrityCheck;
import org.portfolio.performance.domain.IntegrityChecks;
import org.portfolio.performance.domain.IntegrityFlag;
import org.portfolio.performance.domain.IntegrityFlagStatus;
import org.portfolio.performance.domain.IntegrityOutcome;
import org.portfolio.performance.domain.IntegrityResolutionCode;
import org.portfolio.performance.domain.IntegrityRules;
import org.portfolio.performance.domain.MetricCategory;
import org.portfolio.performance.domain.MetricDefinition;
import org.portfolio.performance.domain.SchoolYear;
import org.portfolio.performance.domain.SchoolYearKey;
import org.portfolio.performance.domain.YearRules;
import org.portfolio.performance.events.IntegrityFlagRaised;
import org.portfolio.performance.events.IntegrityFlagResolved;
import org.portfolio.performance.repository.IntegrityStore;
import org.portfolio.performance.repository.MetricDefinitionRepository;
import org.portfolio.platform.events.outbox.Outbox;
import org.portfolio.platform.web.problem.ProblemException;
import org.portfolio.platform.web.problem.ProblemType;

import java.math.BigDecimal;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/**
 * Integrity flags (issue 15.4): the rules run when data arrives, in the transaction that stored it (so neither the
 * outcome nor the event can be lost), over aggregate counts. Each outcome is kept per school, year, rule and scope;
 * a FLAGGED outcome raises a flag and publishes IntegrityFlagRaised unless a flag of that key is already OPEN (its
 * evidence is then brought up to date, without an event) or the newest resolved one rests on the same evidence (the
 * same data never raises a flag twice). A flag never clears itself and never changes a rating, a benchmark or a
 * grant: oversight resolves it with a note.
 */
@ApplicationScoped
@Transactional(Transactional.TxType.MANDATORY)
public class IntegrityService {

    @jakarta.inject.Inject
    java.time.Clock clock;

    private static final Logger LOG = Logger.getLogger(IntegrityService.class);

    public static final ProblemType FLAG_RESOLVED =
            ProblemType.custom("integrity-flag-resolved", "The integrity flag is already resolved", 409);

    @Inject
    IntegrityStore store;

    @Inject
    FrameworkService frameworks;

    @Inject
    MetricDefinitionRepository metrics;

    @Inject
    Outbox outbox;

    /** What an evaluation found: flags raised (each one event) and checks recorded. */
    public record Evaluated(int checks, int raised) {
        static final Evaluated NONE = new Evaluated(0, 0);
    }

    /**
     * Runs the rules for the school-years whose student records changed ({@code recordKeys}: participation,
     * exclusion, enrollment drop) and those whose metric values changed ({@code valueKeys}: year-over-year change).
     * The caller holds the advisory locks of these school-years.
     */
    public Evaluated evaluate(Collection<SchoolYearKey> recordKeys, Collection<SchoolYearKey> valueKeys, UUID jobId)
            throws SQLException {
        if (recordKeys.isEmpty() && valueKeys.isEmpty()) {
            return Evaluated.NONE;
        }
        Map<String, YearRules> rules = new HashMap<>();
        List<IntegrityCheck> checks = new ArrayList<>();
        if (!recordKeys.isEmpty()) {
            Map<SchoolYearKey, List<IntegrityChecks.Participation>> participation = store.participation(recordKeys);
            Map<SchoolYearKey, List<IntegrityStore.FallRow>> fall = store.fallCount(recordKeys);
            for (SchoolYearKey k : recordKeys) {
                YearRules r = rules.computeIfAbsent(k.schoolYear(), frameworks::rulesFor);
                IntegrityRules ir = integrityRules(r);
                int minimumN = r.studentMinimumN();
                for (IntegrityChecks.Participation p : participation.getOrDefault(k, List.of())) {
                    checks.addAll(IntegrityChecks.participation(k, p, ir, minimumN));
                }
                checks.add(IntegrityChecks.enrollmentDrop(k, fallCount(fall.get(k), r.proficientLevel()), ir,
                        r.proficientLevel()));
            }
        }
        if (!valueKeys.isEmpty()) {
            Map<String, MetricDefinition> catalog = metrics.catalog();
            Map<String, Map<UUID, BigDecimal[]>> pairs = new HashMap<>();
            for (SchoolYearKey k : valueKeys) {
                YearRules r = rules.computeIfAbsent(k.schoolYear(), frameworks::rulesFor);
                if (r.basis() == null) {
                    continue; // no framework says which metrics are academic, nor k
                }
                IntegrityRules ir = integrityRules(r);
                for (var fm : r.basis().definition.metrics()) {
                    MetricDefinition d = catalog.get(fm.metricCode());
                    if (d == null || d.category != MetricCategory.ACADEMIC) {
                        continue;
                    }
                    IntegrityStore.Value cur = store.value(k.schoolId(), k.schoolYear(), d.code);
                    if (cur == null) {
                        continue; // nothing of this metric arrived for the school
                    }
                    Map<UUID, BigDecimal[]> all = pairs.computeIfAbsent(k.schoolYear() + "|" + d.code, x -> {
                        try {
                            return store.valuePairs(k.schoolYear(), d.code);
                        } catch (SQLException e) {
                            throw new IllegalStateException(e);
                        }
                    });
                    BigDecimal[] mine = all.get(k.schoolId());
                    List<BigDecimal> others = new ArrayList<>();
                    all.forEach((school, v) -> {
                        if (!school.equals(k.schoolId())) {
                            others.add(v[0].subtract(v[1]));
                        }
                    });
                    checks.add(IntegrityChecks.yearOverYear(k, d.code, SchoolYear.previous(k.schoolYear()),
                            mine == null ? (cur.suppressed() ? null : cur.value()) : mine[0],
                            mine == null ? null : mine[1], others, ir));
                }
            }
        }
        Instant now = clock.instant();
        int raised = 0;
        for (IntegrityCheck c : checks) {
            store.saveCheck(c, now);
            if (c.outcome() == IntegrityOutcome.FLAGGED && raise(c, rules.get(c.key().schoolYear()), jobId, now)) {
                raised++;
            }
        }
        return new Evaluated(checks.size(), raised);
    }

    private static IntegrityRules integrityRules(YearRules r) {
        return r.basis() == null ? IntegrityRules.DEFAULTS : r.basis().definition.integrityRules();
    }

    private static IntegrityChecks.FallCount fallCount(List<IntegrityStore.FallRow> rows, int proficientLevel) {
        if (rows == null) {
            return null;
        }
        long fall = 0, stated = 0, leavers = 0, leaversPrior = 0, leaversLow = 0, stayersPrior = 0, stayersLow = 0;
        for (IntegrityStore.FallRow r : rows) {
            fall += r.students();
            if (r.exited() == null) {
                continue; // not said: neither a leaver nor a stayer
            }
            stated += r.students();
            boolean left = r.exited();
            if (left) {
                leavers += r.students();
            }
            if (r.priorLevel() != null) {
                boolean low = r.priorLevel() < proficientLevel;
                if (left) {
                    leaversPrior += r.students();
                    leaversLow += low ? r.students() : 0;
                } else {
                    stayersPrior += r.students();
                    stayersLow += low ? r.students() : 0;
                }
            }
        }
        return new IntegrityChecks.FallCount(fall, stated, leavers, leaversPrior, leaversLow, stayersPrior, stayersLow);
    }

    /** @return true when a new flag was raised (and its event written) */
    private boolean raise(IntegrityCheck c, YearRules r, UUID jobId, Instant now) throws SQLException {
        String fingerprint = store.json(c.evidence());
        Optional<IntegrityStore.StoredFlag> latest = store.latest(c.key(), c.rule(), c.scope());
        if (latest.isPresent()) {
            IntegrityFlag f = latest.get().flag();
            if (fingerprint.equals(latest.get().fingerprint())) {
                return false; // open with this evidence, or resolved on this very evidence: the same data does not raise it again
            }
            if (f.status() == IntegrityFlagStatus.OPEN && store.updateEvidence(f.id(), c.evidence(), fingerprint, now)) {
                return false;
            }
            // resolved, on other evidence (also when resolved between the read above and the update: the resolution
            // keeps what oversight saw, and this data raises a flag of its own; third pass of 2026-12-05)
        }
        Framework fw = r == null ? null : r.basis();
        IntegrityFlag flag = new IntegrityFlag(UUID.randomUUID(), c.key().schoolId(), c.key().schoolYear(), c.rule(),
                c.scope(), IntegrityFlagStatus.OPEN, c.evidence(), c.reason(), fw == null ? null : fw.id,
                fw == null ? null : fw.version, jobId, now, now, null, null, null, null, 0);
        store.insert(flag, fingerprint);
        outbox.publish("IntegrityFlag", flag.id().toString(), IntegrityFlagRaised.NAME, flag.schoolId(),
                new IntegrityFlagRaised(flag.id(), flag.schoolId(), flag.schoolYear(), flag.rule().name(), flag.scope(),
                        c.reason(), c.evidence(), flag.frameworkId(), flag.frameworkVersion(), now));
        LOG.infof("Integrity flag %s raised: %s %s of school %s, %s", flag.id(), c.rule(),
                c.scope().isEmpty() ? "" : c.scope(), flag.schoolId(), flag.schoolYear());
        return true;
    }

    // --- reads and resolution -------------------------------------------------------------------------------------

    @Transactional(Transactional.TxType.SUPPORTS)
    public IntegrityFlag get(UUID id) throws SQLException {
        return store.find(id).map(IntegrityStore.StoredFlag::flag)
                .orElseThrow(() -> ProblemException.notFound("Integrity flag", id));
    }

    @Transactional(Transactional.TxType.SUPPORTS)
    public List<IntegrityFlag> forSchool(UUID school) throws SQLException {
        return store.forSchool(school);
    }

    @Transactional(Transactional.TxType.SUPPORTS)
    public List<org.portfolio.performance.domain.IntegrityCheckResult> checks(UUID school) throws SQLException {
        return store.checks(school);
    }

    /**
     * Resolves an OPEN flag with a resolution code and an optional note (who and when are kept with them) and publishes
     * IntegrityFlagResolved with the code only (the note is never published), in one transaction. 409 when it is already resolved. The caller has checked that the client decides for the school.
     */
    @Transactional(Transactional.TxType.REQUIRED)
    /**
     * @param ifMatch the flag's {@code rowVersion} the resolver read (If-Match; optional): when its evidence was brought
     *                up to date since, 412, so that nobody resolves a flag on evidence they have not seen
     */
    public IntegrityFlag resolve(UUID id, IntegrityResolutionCode code, String note, String by, String ifMatch) throws SQLException {
        IntegrityFlag f = store.findForUpdate(id).map(IntegrityStore.StoredFlag::flag)
                .orElseThrow(() -> ProblemException.notFound("Integrity flag", id));
        if (f.status() != IntegrityFlagStatus.OPEN) {
            throw new ProblemException(FLAG_RESOLVED, "Integrity flag " + id + " was resolved at " + f.resolvedAt()
                    + " by " + f.resolvedBy());
        }
        org.portfolio.platform.web.http.EntityTags.checkIfMatch(ifMatch, f.rowVersion());
        Instant now = clock.instant();
        store.resolve(id, by, code, note, now);
        outbox.publish("IntegrityFlag", id.toString(), IntegrityFlagResolved.NAME, f.schoolId(),
                IntegrityFlagResolved.of(id, f.schoolId(), f.schoolYear(), f.rule().name(), f.scope(), by, code.name(), now));
        LOG.infof("Integrity flag %s resolved by %s", id, by);
        return store.find(id).orElseThrow().flag();
    }
}
