package org.portfolio.autonomy.consumer;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.jboss.logging.Logger;
import org.portfolio.autonomy.domain.AutonomyDomain;
import org.portfolio.autonomy.domain.BenchmarkComparator;
import org.portfolio.autonomy.domain.EvaluationResult;
import org.portfolio.autonomy.domain.GrantModel;
import org.portfolio.autonomy.domain.RatingTier;
import org.portfolio.autonomy.domain.SchoolStatus;
import org.portfolio.autonomy.domain.SchoolYears;
import org.portfolio.autonomy.service.BenchmarkService;
import org.portfolio.autonomy.service.ContractEventsService;
import org.portfolio.autonomy.service.ContractSpec;
import org.portfolio.autonomy.service.ProvisionSpec;
import org.portfolio.platform.events.EventTypes;
import org.portfolio.platform.events.consumer.EventHandler;
import org.portfolio.platform.events.consumer.IncomingEvent;
import org.portfolio.platform.events.consumer.PoisonEventException;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;

/**
 * contracts-service's events: the school registry, contracts (activation, amendment, end) and benchmark
 * evaluations. Each is applied in the consumer's transaction (idempotent through processed_event). Events
 * about schools or contracts this service has not heard of are applied, not dead-lettered: the school is
 * learned from them. Only an event that can never be applied (no school or contract id, a malformed school year)
 * is poison. Unknown domains, models or tiers in provisions are skipped with a warning (tolerant reader).
 */
@ApplicationScoped
public class ContractEventsHandler implements EventHandler {

    private static final Logger LOG = Logger.getLogger(ContractEventsHandler.class);

    static final String SCHOOL_REGISTERED = EventTypes.of("contracts", "SchoolRegistered");
    static final String SCHOOL_STATUS_CHANGED = EventTypes.of("contracts", "SchoolStatusChanged");
    /** An edit in the registry (name, code, type): read as a registration, which never moves a known status. */
    static final String SCHOOL_UPDATED = EventTypes.of("contracts", "SchoolUpdated");
    static final String CONTRACT_ACTIVATED = EventTypes.of("contracts", "ContractActivated");
    static final String CONTRACT_AMENDED = EventTypes.of("contracts", "ContractAmended");
    static final String CONTRACT_ENDED = EventTypes.of("contracts", "ContractEnded");
    static final String BENCHMARK_EVALUATED = EventTypes.of("contracts", "BenchmarkEvaluated");

    record SchoolRegisteredData(UUID schoolId, String districtCode, String name, String type, String status) {
    }

    record SchoolStatusChangedData(UUID schoolId, String districtCode, String name, String type,
                                   String previousStatus, String status, String reason) {
    }

    record Term(String startYear, String endYear) {
    }

    record Eligibility(String minimumTier, Integer consecutiveYears, Integer fallBackAfterYears) {
    }

    record Provision(UUID provisionId, String domain, String model, String scope, List<String> decisions,
                     Eligibility eligibility) {
    }

    record ContractData(UUID contractId, UUID schoolId, Integer version, Term term, UUID renewsContractId,
                        List<Provision> provisions, Integer previousVersion, String reason) {
    }

    record ContractEndedData(UUID contractId, UUID schoolId, Integer version, String endedAs, String reason,
                             LocalDate effectiveDate, UUID renewedByContractId) {
    }

    record Consequence(String interventionLevel, Boolean reinstateOnMet) {
    }

    record BenchmarkEvaluatedData(UUID evaluationId, UUID benchmarkId, UUID contractId, UUID schoolId,
                                  String metricCode, String period, String comparator, BigDecimal target,
                                  BigDecimal actual, Integer n, String result, List<String> guardsDomains,
                                  Consequence consequence, String dataStatus, LocalDate dataDueBy,
                                  Correction correction, String trigger) {
    }

    /**
     * The correction of student records behind the evaluated value (issue 15.3; absent otherwise): its id and reason
     * code. An event published before issue 15 carries a free-text {@code reason} and no code: never copied (OTHER).
     */
    record Correction(UUID correctionId, String reasonCode) {

        /** performance-service's closed list (the AsyncAPI enum): anything else, even code-shaped, is read as OTHER. */
        private static final java.util.Set<String> CODES = java.util.Set.of("DATA_ENTRY_ERROR", "SCORING_ERROR",
                "LATE_SUBMISSION", "SIS_MIGRATION", "DUPLICATE_RECORD", "SOURCE_RECORD_CHANGED", "WITHDRAWAL_RECORDED",
                "OTHER");

        String code() {
            return reasonCode != null && CODES.contains(reasonCode) ? reasonCode : "OTHER";
        }
    }

    @Inject
    ContractEventsService contracts;

    @Inject
    BenchmarkService benchmarks;

    @Override
    public String name() {
        return "contract-events";
    }

    @Override
    public Set<String> topics() {
        return Set.of("contracts.events");
    }

    @Override
    public Set<String> types() {
        return Set.of(SCHOOL_REGISTERED, SCHOOL_UPDATED, SCHOOL_STATUS_CHANGED, CONTRACT_ACTIVATED, CONTRACT_AMENDED, CONTRACT_ENDED,
                BENCHMARK_EVALUATED);
    }

    @Override
    public void handle(IncomingEvent event) {
        String type = event.type();
        if (SCHOOL_REGISTERED.equals(type) || SCHOOL_UPDATED.equals(type)) {
            SchoolRegisteredData d = event.data(SchoolRegisteredData.class);
            require(d.schoolId(), "schoolId", event);
            requireOneOf(SchoolStatus.class, d.status(), "status", event);
            contracts.schoolRegistered(d.schoolId(), d.districtCode(), d.name(), d.type(), d.status());
        } else if (SCHOOL_STATUS_CHANGED.equals(type)) {
            SchoolStatusChangedData d = event.data(SchoolStatusChangedData.class);
            require(d.schoolId(), "schoolId", event);
            require(d.status(), "status", event);
            requireOneOf(SchoolStatus.class, d.status(), "status", event);
            contracts.schoolStatusChanged(d.schoolId(), d.districtCode(), d.name(), d.type(), d.status(), d.reason(),
                    event.id());
        } else if (CONTRACT_ACTIVATED.equals(type)) {
            contracts.contractActivated(spec(event.data(ContractData.class), event), event.id());
        } else if (CONTRACT_AMENDED.equals(type)) {
            ContractData d = event.data(ContractData.class);
            contracts.contractAmended(spec(d, event), d.reason(), event.id());
        } else if (CONTRACT_ENDED.equals(type)) {
            ContractEndedData d = event.data(ContractEndedData.class);
            require(d.contractId(), "contractId", event);
            require(d.schoolId(), "schoolId", event);
            require(d.endedAs(), "endedAs", event);
            contracts.contractEnded(d.contractId(), d.schoolId(), d.version(), d.endedAs(), d.reason(),
                    d.effectiveDate(), d.renewedByContractId(), event.id());
        } else if (BENCHMARK_EVALUATED.equals(type)) {
            BenchmarkEvaluatedData d = event.data(BenchmarkEvaluatedData.class);
            require(d.schoolId(), "schoolId", event);
            require(d.benchmarkId(), "benchmarkId", event);
            require(d.result(), "result", event);
            requireOneOf(EvaluationResult.class, d.result(), "result", event);
            requireOneOf(BenchmarkComparator.class, d.comparator(), "comparator", event);
            Set<AutonomyDomain> domains = EnumSet.noneOf(AutonomyDomain.class);
            for (String s : d.guardsDomains() == null ? List.<String>of() : d.guardsDomains()) {
                AutonomyDomain domain = parse(AutonomyDomain.class, s, "guarded domain", event);
                if (domain != null) {
                    domains.add(domain);
                }
            }
            Consequence c = d.consequence();
            // a miss without a usable value keeps no value, whatever the event carries: contracts published a
            // suppressed value as `actual` before 2026-12-06 (eighth pass), and the public check showed it
            String noValue = noValue(d);
            benchmarks.evaluated(new BenchmarkService.Evaluation(d.evaluationId(), d.benchmarkId(), d.contractId(),
                    d.schoolId(), d.metricCode(), d.period(), d.comparator(), d.target(),
                    noValue == null ? d.actual() : null, noValue == null ? d.n() : null,
                    d.result(), domains, c != null && Boolean.TRUE.equals(c.reinstateOnMet()),
                    c == null ? null : c.interventionLevel(), noValue,
                    d.correction() == null ? null : d.correction().correctionId(),
                    d.correction() == null || d.correction().correctionId() == null ? null : d.correction().code(),
                    "AMENDMENT".equals(d.trigger())), event.id());
        }
    }

    /**
     * Why a MISSED has no value, in words (the contract counts missing or suppressed data as a miss); null for a MET
     * or a MISSED on a value. An unknown dataStatus is poison rather than a miss without a reason.
     */
    private static String noValue(BenchmarkEvaluatedData d) {
        if (d.dataStatus() == null) {
            return null;
        }
        return switch (d.dataStatus()) {
            case "MISSING_DATA" -> BenchmarkService.NO_DATA_REPORTED + (d.dataDueBy() == null ? "the due date" : d.dataDueBy());
            // no n: the reason is shown by the public decision-rights check (seventh pass)
            case "INSUFFICIENT_DATA" -> "the value was suppressed (fewer students than the framework's minimum n)";
            default -> throw new PoisonEventException("BenchmarkEvaluated has an unknown dataStatus " + d.dataStatus());
        };
    }

    private static ContractSpec spec(ContractData d, IncomingEvent event) {
        require(d.contractId(), "contractId", event);
        require(d.schoolId(), "schoolId", event);
        String start = d.term() == null ? null : d.term().startYear();
        String end = d.term() == null ? null : d.term().endYear();
        for (String year : new String[]{start, end}) {
            if (year != null && !SchoolYears.isValid(year)) {
                throw new PoisonEventException("event " + event.id() + " has a term year " + year
                        + " that is not a school year like 2026-27");
            }
        }
        List<ProvisionSpec> provisions = new ArrayList<>();
        for (Provision p : d.provisions() == null ? List.<Provision>of() : d.provisions()) {
            AutonomyDomain domain = parse(AutonomyDomain.class, p.domain(), "provision domain", event);
            GrantModel model = parse(GrantModel.class, p.model(), "provision model", event);
            if (domain == null || model == null) {
                continue;
            }
            RatingTier tier = null;
            Integer years = null;
            Integer fallBack = null;
            if (p.eligibility() != null) {
                tier = parse(RatingTier.class, p.eligibility().minimumTier(), "eligibility tier", event);
                years = p.eligibility().consecutiveYears();
                if (years != null && years < 1) {
                    years = 1;
                }
                fallBack = p.eligibility().fallBackAfterYears();
                if (fallBack != null && fallBack < 1) {
                    fallBack = null; // outside the contract (1–10): the default, as if absent
                }
            }
            provisions.add(new ProvisionSpec(p.provisionId(), domain, model, p.scope(),
                    p.decisions() == null ? List.of() : p.decisions(), tier, years, fallBack));
        }
        int version = d.version() == null || d.version() < 1 ? 1 : d.version();
        return new ContractSpec(d.contractId(), d.schoolId(), version, start, end, d.renewsContractId(), provisions);
    }

    private static <E extends Enum<E>> E parse(Class<E> type, String value, String what, IncomingEvent event) {
        if (value == null) {
            return null;
        }
        try {
            return Enum.valueOf(type, value);
        } catch (IllegalArgumentException e) {
            LOG.warnf("Event %s (%s): unknown %s %s skipped", event.id(), event.type(), what, value);
            return null;
        }
    }

    /**
     * A value answers show as a documented enum (issue 12): one outside it is poison, not stored. Null passes (the
     * field is then absent).
     */
    private static <E extends Enum<E>> void requireOneOf(Class<E> type, String value, String field, IncomingEvent event) {
        if (value == null) {
            return;
        }
        for (E e : type.getEnumConstants()) {
            if (e.name().equals(value)) {
                return;
            }
        }
        throw new PoisonEventException("event " + event.id() + " (" + event.type() + ") has " + field + " " + value
                + ", not one of " + java.util.Arrays.toString(type.getEnumConstants()));
    }

    private static void require(Object value, String field, IncomingEvent event) {
        if (value == null) {
            throw new PoisonEventException("event " + event.id() + " (" + event.type() + ") has no " + field);
        }
    }
}
