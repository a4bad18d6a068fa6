package org.portfolio.contracts.service;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.PersistenceException;
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
import org.portfolio.contracts.domain.InterventionLevel;
import org.portfolio.contracts.domain.ProvisionSpec;
import org.portfolio.contracts.domain.RuleViolation;
import org.portfolio.contracts.domain.School;
import org.portfolio.contracts.domain.SchoolStatus;
import org.portfolio.contracts.domain.TermSpec;
import org.portfolio.contracts.events.ContractActivated;
import org.portfolio.contracts.events.ContractEnded;
import org.portfolio.contracts.repository.ContractRepository;
import org.portfolio.platform.events.outbox.Outbox;
import org.portfolio.platform.web.http.EntityTags;
import org.portfolio.platform.web.problem.ProblemException;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;

import static org.portfolio.contracts.service.ContractChecks.requireStatus;
import static org.portfolio.contracts.service.ContractChecks.throwIfAny;

/**
 * A DRAFT becomes ACTIVE: one ACTIVE contract per school (enforced by a partial unique index, so two activations at
 * once cannot both win); a renewal draft ends the contract it renews as RENEWED. Renewal in one step is a draft
 * activated at once.
 */
@ApplicationScoped
@Transactional
public class ContractActivation {

    private static final String ONE_ACTIVE_INDEX = "contract_one_active_per_school";
    private static final Set<SchoolStatus> ACTIVATABLE = EnumSet.of(SchoolStatus.OPEN, SchoolStatus.PROPOSED);

    @Inject
    ContractRepository contracts;

    @Inject
    ContractQueries queries;

    @Inject
    ContractDrafting drafting;

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


    public void activate(UUID id, String ifMatch, String reason, String actor) {
        // the school's lock first (as a status decision and an incoming value take it): a CLOSE waits for this
        // activation and then ends the contract, or this activation sees the school CLOSED
        Contract c = queries.lockedForChange(id);
        School school = c.school;
        EntityTags.checkIfMatch(ifMatch, c.version);
        requireStatus(c, ContractStatus.DRAFT, "activated");
        if (!ACTIVATABLE.contains(school.status)) {
            throw ProblemException.conflict(ContractProblems.SCHOOL_STATUS_CONFLICT, "School " + school.id + " is "
                    + school.status + "; a contract is activated only for an OPEN or PROPOSED school");
        }
        ContractVersion v = queries.current(c);
        List<RuleViolation> violations = new ArrayList<>(
                ContractRules.termViolations(c.termStart(), c.termEnd(), calendar.limits()));
        if (v.benchmarks.isEmpty()) {
            violations.add(new RuleViolation("benchmarks", "an active contract needs at least one benchmark"));
        }
        // a draft written before its metric's direction was known is checked again now
        violations.addAll(metricDirections.violations(v.benchmarks.stream().map(Benchmark::toSpec).toList()));
        throwIfAny(violations);
        Contract renewed = null;
        if (c.renewsContractId != null) {
            renewed = contracts.findById(c.renewsContractId);
            if (renewed.status != ContractStatus.ACTIVE) {
                throw ProblemException.conflict(ContractProblems.CONTRACT_STATUS_CONFLICT, "Contract " + renewed.id
                        + ", which this draft renews, is " + renewed.status + ", no longer ACTIVE");
            }
        }
        UUID renewedId = renewed == null ? null : renewed.id;
        contracts.findActiveBySchool(school.id).filter(a -> !a.id.equals(renewedId)).ifPresent(a -> {
            throw ProblemException.conflict(ContractProblems.ACTIVE_CONTRACT_EXISTS, "School " + school.id
                    + " already has the ACTIVE contract " + a.id + "; end or renew it first");
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
            c.interventionDueDate = renewed.interventionDueDate;       // the step goes on: same dates
            c.interventionReviewDate = renewed.interventionReviewDate;
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
                      List<BenchmarkSpec> benchmarks, AccountabilityTerms accountability, String actor) {
        Contract old = queries.lockedForChange(id);
        EntityTags.checkIfMatch(ifMatch, old.version);
        requireStatus(old, ContractStatus.ACTIVE, "renewed");
        List<ProvisionSpec> ps = provisions != null ? provisions : queries.current(old).provisions.stream()
                .map(p -> withoutId(p.toSpec())).toList();
        List<BenchmarkSpec> bs = benchmarks != null ? benchmarks : List.of();
        AccountabilityTerms terms = accountability != null ? accountability : queries.current(old).accountabilityTerms();
        UUID newId = drafting.draft(old.schoolId(), old.oversightBody.id, term, ps, bs, old.id, terms, actor);
        activate(newId, null, reason, actor);
        return newId;
    }

    private static ProvisionSpec withoutId(ProvisionSpec p) {
        return new ProvisionSpec(null, p.domain(), p.model(), p.scope(), p.decisions(), p.minimumTier(), p.consecutiveYears(),
                p.fallBackAfterYears());
    }

    /** Flushes; a second ACTIVE contract for the school (a concurrent activation) becomes a 409. */
    private void flushOneActive(UUID schoolId) {
        try {
            contracts.flush();
        } catch (PersistenceException e) {
            for (Throwable t = e; t != null; t = t.getCause()) {
                if (t instanceof org.hibernate.exception.ConstraintViolationException cve
                        && ONE_ACTIVE_INDEX.equals(cve.getConstraintName())) {
                    throw ProblemException.conflict(ContractProblems.ACTIVE_CONTRACT_EXISTS, "School " + schoolId
                            + " got another ACTIVE contract at the same moment; end or renew it first");
                }
            }
            throw e;
        }
    }
}
