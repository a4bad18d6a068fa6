package org.portfolio.contracts.service;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.PersistenceException;
import jakarta.transaction.Transactional;
import org.portfolio.contracts.domain.Benchmark;
import org.portfolio.contracts.domain.BenchmarkSpec;
import org.portfolio.contracts.domain.Contract;
import org.portfolio.contracts.domain.ContractRules;
import org.portfolio.contracts.domain.ContractStatus;
import org.portfolio.contracts.domain.ContractVersion;
import org.portfolio.contracts.domain.EvaluationTrigger;
import org.portfolio.contracts.domain.HistoryKind;
import org.portfolio.contracts.domain.InterventionCauseKind;
import org.portfolio.contracts.domain.InterventionLevel;
import org.portfolio.contracts.domain.OversightBody;
import org.portfolio.contracts.domain.Provision;
import org.portfolio.contracts.domain.ProvisionSpec;
import org.portfolio.contracts.domain.RuleViolation;
import org.portfolio.contracts.domain.School;
import org.portfolio.contracts.domain.SchoolStatus;
import org.portfolio.contracts.domain.SchoolYear;
import org.portfolio.contracts.domain.TermSpec;
import org.portfolio.contracts.events.ContractActivated;
import org.portfolio.contracts.events.ContractAmended;
import org.portfolio.contracts.events.ContractEnded;
import org.portfolio.contracts.repository.ContractRepository;
import org.portfolio.contracts.repository.ContractVersionRepository;
import org.portfolio.contracts.repository.OversightBodyRepository;
import org.portfolio.contracts.repository.SchoolRepository;
import org.portfolio.platform.events.outbox.Outbox;
import org.portfolio.platform.web.http.EntityTags;
import org.portfolio.platform.web.problem.FieldError;
import org.portfolio.platform.web.problem.ProblemException;
import org.portfolio.platform.web.problem.ProblemType;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.function.Function;

/**
 * The contract lifecycle: draft (editable), activate (one ACTIVE per school, enforced by a partial unique index),
 * amend (a new version), renew (the old contract RENEWED, a new ACTIVE one that renews it), non-renew and
 * terminate (now or on a later date), expire at term end, and the intervention level set by hand.
 */
@ApplicationScoped
@Transactional
public class ContractService {

    public static final ProblemType ACTIVE_CONTRACT_EXISTS =
            ProblemType.custom("active-contract-exists", "The school already has an active contract", 409);
    public static final ProblemType CONTRACT_STATUS_CONFLICT =
            ProblemType.custom("contract-status-conflict", "The contract's status does not allow this", 409);
    public static final ProblemType SCHOOL_STATUS_CONFLICT =
            ProblemType.custom("school-status-conflict", "The school's status does not allow this", 409);

    private static final String ONE_ACTIVE_INDEX = "contract_one_active_per_school";
    private static final Set<SchoolStatus> ACTIVATABLE = EnumSet.of(SchoolStatus.OPEN, SchoolStatus.PROPOSED);

    @Inject
    ContractRepository contracts;

    @Inject
    ContractVersionRepository versions;

    @Inject
    SchoolRepository schools;

    @Inject
    OversightBodyRepository bodies;

    @Inject
    EvaluationService evaluation;

    @Inject
    InterventionService interventions;

    @Inject
    HistoryService history;

    @Inject
    Outbox outbox;

    @Inject
    SchoolCalendar calendar;

    // ---------------------------------------------------------------- drafting

    public UUID draft(UUID schoolId, UUID oversightBodyId, TermSpec term, List<ProvisionSpec> provisions,
                      List<BenchmarkSpec> benchmarks, UUID renewsContractId, String actor) {
        checkFormats(term, benchmarks);
        School school = schools.findByIdOptional(schoolId).orElseThrow(() -> ProblemException.unprocessable(
                "School " + schoolId + " does not exist", new FieldError("schoolId", "no such school")));
        OversightBody body = oversightBodyId == null ? school.oversightBody
                : bodies.findByIdOptional(oversightBodyId).orElseThrow(() -> ProblemException.unprocessable(
                "Oversight body " + oversightBodyId + " does not exist",
                new FieldError("oversightBodyId", "no such oversight body")));
        if (school.status == SchoolStatus.CLOSED) {
            throw ProblemException.conflict(SCHOOL_STATUS_CONFLICT, "School " + school.id + " is CLOSED; it takes no new contract");
        }
        SchoolYear start = SchoolYear.parse(term.startYear());
        SchoolYear end = SchoolYear.parse(term.endYear());
        List<RuleViolation> violations = new ArrayList<>();
        if (renewsContractId != null) {
            Contract renewed = contracts.findByIdOptional(renewsContractId).orElseThrow(() -> ProblemException.unprocessable(
                    "Contract " + renewsContractId + " does not exist", new FieldError("renewsContractId", "no such contract")));
            if (!renewed.schoolId().equals(schoolId)) {
                throw ProblemException.unprocessable("Contract " + renewsContractId + " is another school's",
                        new FieldError("renewsContractId", "is not a contract of school " + schoolId));
            }
            requireStatus(renewed, ContractStatus.ACTIVE, "renewed");
            violations.addAll(renewalTermViolations(renewed, start));
        }
        violations.addAll(ContractRules.termViolations(start, end, calendar.limits()));
        violations.addAll(ContractRules.contentViolations(start, end, provisions, benchmarks));
        throwIfAny(violations);
        checkIds(provisions, benchmarks, Set.of(), Set.of());

        var now = calendar.now();
        Contract c = Contract.draft(school, body, start, end, renewsContractId, actor, now);
        contracts.persist(c);
        ContractVersion v = ContractVersion.of(c, 1, start, end, null, actor, now);
        fill(v, provisions, benchmarks);
        versions.persist(v);
        history.record(new HistoryService.Entry(school.id, c.id, HistoryKind.CONTRACT_DRAFTED,
                "Contract drafted for " + start + " to " + end
                        + (renewsContractId == null ? "" : ", renewing contract " + renewsContractId),
                actor, null, null, c.id, null));
        return c.id;
    }

    public void updateDraft(UUID id, String ifMatch, TermSpec term, List<ProvisionSpec> provisions,
                            List<BenchmarkSpec> benchmarks, String actor) {
        Contract c = get(id);
        EntityTags.checkIfMatch(ifMatch, c.version);
        requireStatus(c, ContractStatus.DRAFT, "edited; amend an ACTIVE contract");
        checkFormats(term, benchmarks);
        SchoolYear start = SchoolYear.parse(term.startYear());
        SchoolYear end = SchoolYear.parse(term.endYear());
        List<RuleViolation> violations = new ArrayList<>();
        if (c.renewsContractId != null) {
            violations.addAll(renewalTermViolations(contracts.findById(c.renewsContractId), start));
        }
        violations.addAll(ContractRules.termViolations(start, end, calendar.limits()));
        violations.addAll(ContractRules.contentViolations(start, end, provisions, benchmarks));
        throwIfAny(violations);

        ContractVersion v = current(c);
        Set<UUID> provisionIds = new HashSet<>(v.provisions.stream().map(p -> p.provisionId).toList());
        Set<UUID> benchmarkIds = new HashSet<>(v.benchmarks.stream().map(b -> b.benchmarkId).toList());
        checkIds(provisions, benchmarks, provisionIds, benchmarkIds);
        // delete the old rows before inserting the new ones: they may keep the same provision/benchmark ids
        v.provisions.clear();
        v.benchmarks.clear();
        versions.flush();
        fill(v, provisions, benchmarks);
        v.setTerm(start, end);
        c.setTerm(start, end, calendar.now());
        history.record(new HistoryService.Entry(c.schoolId(), c.id, HistoryKind.CONTRACT_DRAFT_EDITED,
                "Draft edited: " + start + " to " + end + ", " + provisions.size() + " provision(s), "
                        + benchmarks.size() + " benchmark(s)", actor, null, null, c.id, null));
    }

    public void discardDraft(UUID id, String ifMatch, String actor) {
        Contract c = get(id);
        EntityTags.checkIfMatch(ifMatch, c.version);
        requireStatus(c, ContractStatus.DRAFT, "discarded");
        versions.listFor(c.id).forEach(versions::delete);
        versions.flush();
        contracts.delete(c);
        history.record(new HistoryService.Entry(c.schoolId(), c.id, HistoryKind.CONTRACT_DRAFT_DISCARDED,
                "Draft discarded", actor, null, null, c.id, null));
    }

    // ---------------------------------------------------------------- activation

    public void activate(UUID id, String ifMatch, String reason, String actor) {
        Contract c = get(id);
        EntityTags.checkIfMatch(ifMatch, c.version);
        requireStatus(c, ContractStatus.DRAFT, "activated");
        School school = c.school;
        if (!ACTIVATABLE.contains(school.status)) {
            throw ProblemException.conflict(SCHOOL_STATUS_CONFLICT, "School " + school.id + " is " + school.status
                    + "; a contract is activated only for an OPEN or PROPOSED school");
        }
        ContractVersion v = current(c);
        List<RuleViolation> violations = new ArrayList<>(
                ContractRules.termViolations(c.termStart(), c.termEnd(), calendar.limits()));
        if (v.benchmarks.isEmpty()) {
            violations.add(new RuleViolation("benchmarks", "an active contract needs at least one benchmark"));
        }
        throwIfAny(violations);
        Contract renewed = null;
        if (c.renewsContractId != null) {
            renewed = contracts.findById(c.renewsContractId);
            if (renewed.status != ContractStatus.ACTIVE) {
                throw ProblemException.conflict(CONTRACT_STATUS_CONFLICT, "Contract " + renewed.id + ", which this draft "
                        + "renews, is " + renewed.status + ", no longer ACTIVE");
            }
        }
        UUID renewedId = renewed == null ? null : renewed.id;
        contracts.findActiveBySchool(school.id).filter(a -> !a.id.equals(renewedId)).ifPresent(a -> {
            throw ProblemException.conflict(ACTIVE_CONTRACT_EXISTS, "School " + school.id + " already has the ACTIVE contract "
                    + a.id + "; end or renew it first");
        });

        var now = calendar.now();
        LocalDate today = calendar.today();
        String superseded = renewed == null || renewed.scheduledEndAs == null ? ""
                : "; supersedes the decided end as " + renewed.scheduledEndAs + " on " + renewed.scheduledEndDate;
        if (renewed != null) {
            renewed.renewedByContractId = c.id;
            renewed.end(ContractStatus.RENEWED, reason == null ? "Renewed by contract " + c.id : reason, actor, today, now);
            c.interventionLevel = renewed.interventionLevel;
            c.interventionSince = renewed.interventionSince;
            flushOneActive(school.id);
        }
        c.activate(actor, now);
        flushOneActive(school.id);

        if (renewed != null) {
            outbox.publish("Contract", renewed.id, ContractEnded.NAME, school.id, ContractEnded.of(renewed));
            history.record(new HistoryService.Entry(school.id, renewed.id, HistoryKind.CONTRACT_ENDED,
                    "Contract ended as RENEWED by contract " + c.id + superseded, actor, renewed.endReason, today, renewed.id,
                    HistoryService.cause("renewedByContractId", c.id)));
        }
        outbox.publish("Contract", c.id, ContractActivated.NAME, school.id, ContractActivated.of(c, v, calendar.lastDay()));
        history.record(new HistoryService.Entry(school.id, c.id, HistoryKind.CONTRACT_ACTIVATED,
                "Contract activated (version " + v.number + ", " + c.termStartYear + " to " + c.termEndYear + ")"
                        + (renewed == null ? "" : ", renewing contract " + renewed.id
                        + (c.interventionLevel == InterventionLevel.NONE ? ""
                        : "; intervention level " + c.interventionLevel + " carried over")),
                actor, reason, null, c.id, HistoryService.cause("renewsContractId", c.renewsContractId)));
        evaluation.evaluateKnown(c, v.benchmarks, EvaluationTrigger.ACTIVATION);
    }

    /** Renewal in one step: a new contract for the new term, activated at once; the old one ends as RENEWED. */
    public UUID renew(UUID id, String ifMatch, String reason, TermSpec term, List<ProvisionSpec> provisions,
                      List<BenchmarkSpec> benchmarks, String actor) {
        Contract old = get(id);
        EntityTags.checkIfMatch(ifMatch, old.version);
        requireStatus(old, ContractStatus.ACTIVE, "renewed");
        List<ProvisionSpec> ps = provisions != null ? provisions : current(old).provisions.stream()
                .map(p -> withoutId(p.toSpec())).toList();
        List<BenchmarkSpec> bs = benchmarks != null ? benchmarks : List.of();
        UUID newId = draft(old.schoolId(), old.oversightBody.id, term, ps, bs, old.id, actor);
        activate(newId, null, reason, actor);
        return newId;
    }

    // ---------------------------------------------------------------- amendment

    /** Makes a new version from the current one; null parts are kept. Returns the new version number. */
    public int amend(UUID id, String ifMatch, String reason, TermSpec term, List<ProvisionSpec> provisions,
                     List<BenchmarkSpec> benchmarks, String actor) {
        Contract c = get(id);
        EntityTags.checkIfMatch(ifMatch, c.version);
        requireStatus(c, ContractStatus.ACTIVE, "amended; edit a DRAFT");
        ContractVersion cur = current(c);
        TermSpec t = term != null ? term : new TermSpec(cur.termStartYear, cur.termEndYear);
        List<ProvisionSpec> ps = provisions != null ? provisions : cur.provisions.stream().map(Provision::toSpec).toList();
        List<BenchmarkSpec> bs = benchmarks != null ? benchmarks : cur.benchmarks.stream().map(Benchmark::toSpec).toList();
        checkFormats(t, bs);
        SchoolYear start = SchoolYear.parse(t.startYear());
        SchoolYear end = SchoolYear.parse(t.endYear());
        List<RuleViolation> violations = new ArrayList<>(ContractRules.termViolations(start, end, calendar.limits()));
        violations.addAll(ContractRules.contentViolations(start, end, ps, bs));
        if (bs.isEmpty()) {
            violations.add(new RuleViolation("benchmarks", "an active contract needs at least one benchmark"));
        }
        throwIfAny(violations);
        checkIds(ps, bs, new HashSet<>(cur.provisions.stream().map(p -> p.provisionId).toList()),
                new HashSet<>(cur.benchmarks.stream().map(b -> b.benchmarkId).toList()));

        var now = calendar.now();
        ContractVersion next = ContractVersion.of(c, cur.number + 1, start, end, reason, actor, now);
        fill(next, ps, bs);
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
        List<Benchmark> changed = next.benchmarks.stream()
                .filter(b -> !before.containsKey(b.benchmarkId) || !before.get(b.benchmarkId).sameMeasureAs(b)).toList();
        evaluation.evaluateKnown(c, changed, EvaluationTrigger.AMENDMENT);
        return next.number;
    }

    // ---------------------------------------------------------------- ending

    /** Non-renewal: the contract ends as NON_RENEWED at the end of its term, or on an earlier date given. */
    public void nonRenew(UUID id, String ifMatch, String reason, LocalDate effectiveDate, String actor) {
        Contract c = get(id);
        EntityTags.checkIfMatch(ifMatch, c.version);
        requireStatus(c, ContractStatus.ACTIVE, "non-renewed");
        if (c.scheduledEndAs != null) {
            throw ProblemException.conflict(CONTRACT_STATUS_CONFLICT, "Contract " + id + " is already to end as "
                    + c.scheduledEndAs + " on " + c.scheduledEndDate);
        }
        LocalDate termEnd = calendar.lastDayOf(c.termEnd());
        LocalDate date = effectiveDate != null ? effectiveDate : termEnd;
        endOrSchedule(c, ContractStatus.NON_RENEWED, reason, date, termEnd, actor);
    }

    /** Termination: now, or on a later date within the term. A termination replaces a decided non-renewal. */
    public void terminate(UUID id, String ifMatch, String reason, LocalDate effectiveDate, String actor) {
        Contract c = get(id);
        EntityTags.checkIfMatch(ifMatch, c.version);
        requireStatus(c, ContractStatus.ACTIVE, "terminated");
        LocalDate termEnd = calendar.lastDayOf(c.termEnd());
        LocalDate date = effectiveDate != null ? effectiveDate : calendar.today();
        endOrSchedule(c, ContractStatus.TERMINATED, reason, date, termEnd, actor);
    }

    /** The school closed: its ACTIVE contract is terminated at once. */
    @Transactional(Transactional.TxType.MANDATORY)
    public void terminateForClosure(UUID schoolId, String reason, LocalDate effectiveDate, String actor) {
        contracts.findActiveBySchool(schoolId).ifPresent(c -> endNow(c, ContractStatus.TERMINATED, reason, effectiveDate, actor));
    }

    /** Ends the contract if a decided end or its term's end is due; called by the expiry job, one contract per call. */
    public boolean endIfDue(UUID id) {
        Contract c = contracts.findByIdOptional(id).orElse(null);
        if (c == null || c.status != ContractStatus.ACTIVE) {
            return false;
        }
        LocalDate today = calendar.today();
        if (c.scheduledEndDate != null && !c.scheduledEndDate.isAfter(today)) {
            endNow(c, c.scheduledEndAs, c.scheduledEndReason, c.scheduledEndDate, c.scheduledEndBy);
            return true;
        }
        LocalDate termEnd = calendar.lastDayOf(c.termEnd());
        if (termEnd.isBefore(today)) {
            endNow(c, ContractStatus.EXPIRED, "The term " + c.termStartYear + " to " + c.termEndYear + " ended on " + termEnd,
                    termEnd, EvaluationService.SYSTEM);
            return true;
        }
        return false;
    }

    private void endOrSchedule(Contract c, ContractStatus as, String reason, LocalDate date, LocalDate termEnd, String actor) {
        if (date.isAfter(termEnd)) {
            throw ProblemException.unprocessable("The term ends on " + termEnd + "; an end after it is not an end",
                    new FieldError("effectiveDate", "must not be after the term's last day " + termEnd));
        }
        if (!date.isAfter(calendar.today())) {
            endNow(c, as, reason, date, actor);
            return;
        }
        c.scheduleEnd(as, date, reason, actor, calendar.now());
        history.record(new HistoryService.Entry(c.schoolId(), c.id, HistoryKind.CONTRACT_END_SCHEDULED,
                "Contract to end as " + as + " on " + date, actor, reason, date, c.id, null));
    }

    private void endNow(Contract c, ContractStatus as, String reason, LocalDate effectiveDate, String actor) {
        c.end(as, reason, actor, effectiveDate, calendar.now());
        outbox.publish("Contract", c.id, ContractEnded.NAME, c.schoolId(), ContractEnded.of(c));
        history.record(new HistoryService.Entry(c.schoolId(), c.id, HistoryKind.CONTRACT_ENDED,
                "Contract ended as " + as, actor, reason, effectiveDate, c.id, null));
        if (c.interventionLevel != InterventionLevel.NONE) {
            interventions.change(c, InterventionLevel.NONE, "Contract ended as " + as + "; its intervention closes",
                    InterventionCauseKind.CONTRACT_ENDED, null, null, actor, effectiveDate);
        }
    }

    // ---------------------------------------------------------------- intervention by hand

    public void setIntervention(UUID id, String ifMatch, InterventionLevel level, String reason, LocalDate effectiveDate,
                                String actor) {
        Contract c = get(id);
        EntityTags.checkIfMatch(ifMatch, c.version);
        requireStatus(c, ContractStatus.ACTIVE, "moved on the intervention ladder");
        if (c.interventionLevel == level) {
            throw ProblemException.conflict("Contract " + id + " is already at " + level);
        }
        interventions.change(c, level, reason, InterventionCauseKind.MANUAL, null, null, actor,
                effectiveDate != null ? effectiveDate : calendar.today());
    }

    // ---------------------------------------------------------------- reads

    @Transactional(Transactional.TxType.SUPPORTS)
    public Contract get(UUID id) {
        return contracts.findByIdOptional(id).orElseThrow(() -> ProblemException.notFound("Contract", id));
    }

    @Transactional(Transactional.TxType.SUPPORTS)
    public ContractVersion current(Contract c) {
        return versions.find(c.id, c.currentVersion).orElseThrow();
    }

    @Transactional(Transactional.TxType.SUPPORTS)
    public ContractVersion version(UUID contractId, int number) {
        get(contractId);
        return versions.find(contractId, number).orElseThrow(() -> ProblemException.notFound("Version", number
                + " of contract " + contractId));
    }

    @Transactional(Transactional.TxType.SUPPORTS)
    public List<ContractVersion> versions(UUID contractId) {
        get(contractId);
        return versions.listFor(contractId);
    }

    // ---------------------------------------------------------------- helpers

    /** 409 unless the contract is in the status; "Contract … is DRAFT; only an ACTIVE contract can be amended". */
    private static void requireStatus(Contract c, ContractStatus required, String beWhat) {
        if (c.status != required) {
            throw ProblemException.conflict(CONTRACT_STATUS_CONFLICT, "Contract " + c.id + " is " + c.status
                    + "; only a" + (required == ContractStatus.ACTIVE ? "n " : " ") + required + " contract can be " + beWhat);
        }
    }

    /** A renewal starts after the renewed contract's first year and no later than the year after its last. */
    private static List<RuleViolation> renewalTermViolations(Contract renewed, SchoolYear start) {
        SchoolYear oldStart = renewed.termStart();
        SchoolYear oldEnd = renewed.termEnd();
        if (start.compareTo(oldStart) <= 0 || start.compareTo(oldEnd.plusYears(1)) > 0) {
            return List.of(new RuleViolation("term.startYear", "a renewal of " + oldStart + " to " + oldEnd
                    + " starts after " + oldStart + " and no later than " + oldEnd.plusYears(1)));
        }
        return List.of();
    }

    private static void checkFormats(TermSpec term, List<BenchmarkSpec> benchmarks) {
        List<RuleViolation> format = ContractRules.formatViolations(term, benchmarks);
        if (!format.isEmpty()) {
            throw ProblemException.invalid(format.stream().map(v -> new FieldError(v.field(), v.message())).toList());
        }
    }

    private static void throwIfAny(List<RuleViolation> violations) {
        if (!violations.isEmpty()) {
            throw new ProblemException(ProblemType.UNPROCESSABLE, violations.size() == 1
                    ? violations.get(0).field() + ": " + violations.get(0).message()
                    : violations.size() + " rules broken",
                    violations.stream().map(v -> new FieldError(v.field(), v.message())).toList(), Map.of());
        }
    }

    /** Ids sent with provisions and benchmarks must name ones of the version being replaced, each once. */
    private static void checkIds(List<ProvisionSpec> ps, List<BenchmarkSpec> bs, Set<UUID> provisionIds, Set<UUID> benchmarkIds) {
        List<FieldError> errors = new ArrayList<>();
        Set<UUID> seen = new HashSet<>();
        for (int i = 0; i < ps.size(); i++) {
            UUID pid = ps.get(i).provisionId();
            if (pid != null && (!provisionIds.contains(pid) || !seen.add(pid))) {
                errors.add(new FieldError("provisions[" + i + "].provisionId", "names no provision of the current version, "
                        + "or appears twice; leave it out to add a new provision"));
            }
        }
        seen.clear();
        for (int i = 0; i < bs.size(); i++) {
            UUID bid = bs.get(i).benchmarkId();
            if (bid != null && (!benchmarkIds.contains(bid) || !seen.add(bid))) {
                errors.add(new FieldError("benchmarks[" + i + "].benchmarkId", "names no benchmark of the current version, "
                        + "or appears twice; leave it out to add a new benchmark"));
            }
        }
        if (!errors.isEmpty()) {
            throw new ProblemException(ProblemType.UNPROCESSABLE, errors.size() + " unknown id(s)", errors, Map.of());
        }
    }

    /** Adds the provisions and benchmarks to the version, keeping the ids sent (already checked) or making new ones. */
    private static void fill(ContractVersion v, List<ProvisionSpec> ps, List<BenchmarkSpec> bs) {
        for (int i = 0; i < ps.size(); i++) {
            ProvisionSpec p = ps.get(i);
            v.provisions.add(Provision.of(v, p.provisionId() != null ? p.provisionId() : UUID.randomUUID(), i, p));
        }
        for (int i = 0; i < bs.size(); i++) {
            BenchmarkSpec b = bs.get(i);
            v.benchmarks.add(Benchmark.of(v, b.benchmarkId() != null ? b.benchmarkId() : UUID.randomUUID(), i, b));
        }
    }

    private static boolean sameContent(ContractVersion a, ContractVersion b) {
        if (!a.termStartYear.equals(b.termStartYear) || !a.termEndYear.equals(b.termEndYear)
                || a.provisions.size() != b.provisions.size() || a.benchmarks.size() != b.benchmarks.size()) {
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

    private static ProvisionSpec withoutId(ProvisionSpec p) {
        return new ProvisionSpec(null, p.domain(), p.model(), p.scope(), p.decisions(), p.minimumTier(), p.consecutiveYears());
    }

    /** Flushes; a second ACTIVE contract for the school (a concurrent activation) becomes a 409. */
    private void flushOneActive(UUID schoolId) {
        try {
            contracts.flush();
        } catch (PersistenceException e) {
            for (Throwable t = e; t != null; t = t.getCause()) {
                if (t instanceof org.hibernate.exception.ConstraintViolationException cve
                        && ONE_ACTIVE_INDEX.equals(cve.getConstraintName())) {
                    throw ProblemException.conflict(ACTIVE_CONTRACT_EXISTS, "School " + schoolId
                            + " got another ACTIVE contract at the same moment; end or renew it first");
                }
            }
            throw e;
        }
    }
}
