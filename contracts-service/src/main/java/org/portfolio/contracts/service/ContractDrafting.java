package org.portfolio.contracts.service;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import org.portfolio.contracts.domain.AccountabilityTerms;
import org.portfolio.contracts.domain.BenchmarkSpec;
import org.portfolio.contracts.domain.Contract;
import org.portfolio.contracts.domain.ContractRules;
import org.portfolio.contracts.domain.ContractStatus;
import org.portfolio.contracts.domain.ContractVersion;
import org.portfolio.contracts.domain.HistoryKind;
import org.portfolio.contracts.domain.OversightBody;
import org.portfolio.contracts.domain.ProvisionSpec;
import org.portfolio.contracts.domain.RuleViolation;
import org.portfolio.contracts.domain.School;
import org.portfolio.contracts.domain.SchoolStatus;
import org.portfolio.contracts.domain.SchoolYear;
import org.portfolio.contracts.domain.TermSpec;
import org.portfolio.contracts.repository.ContractRepository;
import org.portfolio.contracts.repository.ContractVersionRepository;
import org.portfolio.contracts.repository.OversightBodyRepository;
import org.portfolio.contracts.repository.SchoolRepository;
import org.portfolio.platform.web.http.EntityTags;
import org.portfolio.platform.web.problem.FieldError;
import org.portfolio.platform.web.problem.ProblemException;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;

import static org.portfolio.contracts.service.ContractChecks.checkFormats;
import static org.portfolio.contracts.service.ContractChecks.checkIds;
import static org.portfolio.contracts.service.ContractChecks.fill;
import static org.portfolio.contracts.service.ContractChecks.renewalTermViolations;
import static org.portfolio.contracts.service.ContractChecks.requireStatus;
import static org.portfolio.contracts.service.ContractChecks.throwIfAny;

/** The first stage of a contract: a DRAFT is written, edited and discarded (a renewal starts as a draft too). */
@ApplicationScoped
@Transactional
public class ContractDrafting {

    @Inject
    ContractRepository contracts;

    @Inject
    ContractVersionRepository versions;

    @Inject
    SchoolRepository schools;

    @Inject
    OversightBodyRepository bodies;

    @Inject
    ContractQueries queries;

    @Inject
    HistoryService history;

    @Inject
    SchoolCalendar calendar;

    @Inject
    MetricDirectionService metricDirections;

    public UUID draft(UUID schoolId, UUID oversightBodyId, TermSpec term, List<ProvisionSpec> provisions,
                      List<BenchmarkSpec> benchmarks, UUID renewsContractId, AccountabilityTerms accountability,
                      String actor) {
        checkFormats(term, benchmarks);
        School school = schools.findByIdOptional(schoolId).orElseThrow(() -> ProblemException.unprocessable(
                "School " + schoolId + " does not exist", new FieldError("schoolId", "no such school")));
        OversightBody body = oversightBodyId == null ? school.oversightBody
                : bodies.findByIdOptional(oversightBodyId).orElseThrow(() -> ProblemException.unprocessable(
                "Oversight body " + oversightBodyId + " does not exist",
                new FieldError("oversightBodyId", "no such oversight body")));
        if (school.status == SchoolStatus.CLOSED) {
            throw ProblemException.conflict(ContractProblems.SCHOOL_STATUS_CONFLICT, "School " + school.id
                    + " is CLOSED; it takes no new contract");
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
        violations.addAll(metricDirections.violations(benchmarks));
        violations.addAll(ContractRules.accountabilityViolations(accountability));
        throwIfAny(violations);
        checkIds(provisions, benchmarks, Set.of(), Set.of());

        var now = calendar.now();
        Contract c = Contract.draft(school, body, start, end, renewsContractId, actor, now);
        contracts.persist(c);
        ContractVersion v = ContractVersion.of(c, 1, start, end, null, actor, now);
        fill(v, provisions, benchmarks);
        v.setAccountability(accountability);
        versions.persist(v);
        history.record(new HistoryService.Entry(school.id, c.id, HistoryKind.CONTRACT_DRAFTED,
                "Contract drafted for " + start + " to " + end
                        + (renewsContractId == null ? "" : ", renewing contract " + renewsContractId),
                actor, null, null, c.id, null));
        return c.id;
    }

    public void updateDraft(UUID id, String ifMatch, TermSpec term, List<ProvisionSpec> provisions,
                            List<BenchmarkSpec> benchmarks, AccountabilityTerms accountability, String actor) {
        Contract c = queries.lockedForChange(id);
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
        violations.addAll(metricDirections.violations(benchmarks));
        violations.addAll(ContractRules.accountabilityViolations(accountability));
        throwIfAny(violations);

        ContractVersion v = queries.current(c);
        Set<UUID> provisionIds = new HashSet<>(v.provisions.stream().map(p -> p.provisionId).toList());
        Set<UUID> benchmarkIds = new HashSet<>(v.benchmarks.stream().map(b -> b.benchmarkId).toList());
        checkIds(provisions, benchmarks, provisionIds, benchmarkIds);
        // delete the old rows before inserting the new ones: they may keep the same provision/benchmark ids
        v.provisions.clear();
        v.benchmarks.clear();
        versions.flush();
        fill(v, provisions, benchmarks);
        v.setAccountability(accountability);
        v.setTerm(start, end);
        c.setTerm(start, end, calendar.now());
        history.record(new HistoryService.Entry(c.schoolId(), c.id, HistoryKind.CONTRACT_DRAFT_EDITED,
                "Draft edited: " + start + " to " + end + ", " + provisions.size() + " provision(s), "
                        + benchmarks.size() + " benchmark(s)", actor, null, null, c.id, null));
    }

    public void discardDraft(UUID id, String ifMatch, String actor) {
        Contract c = queries.lockedForChange(id);
        EntityTags.checkIfMatch(ifMatch, c.version);
        requireStatus(c, ContractStatus.DRAFT, "discarded");
        versions.listFor(c.id).forEach(versions::delete);
        versions.flush();
        contracts.delete(c);
        history.record(new HistoryService.Entry(c.schoolId(), c.id, HistoryKind.CONTRACT_DRAFT_DISCARDED,
                "Draft discarded", actor, null, null, c.id, null));
    }
}
