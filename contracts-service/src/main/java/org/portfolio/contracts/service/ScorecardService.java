package org.portfolio.contracts.service;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import org.portfolio.contracts.domain.AutonomyGrantState;
import org.portfolio.contracts.domain.Benchmark;
import org.portfolio.contracts.domain.Contract;
import org.portfolio.contracts.domain.ContractVersion;
import org.portfolio.contracts.domain.Evidence;
import org.portfolio.contracts.domain.InterventionChange;
import org.portfolio.contracts.domain.Scorecards;
import org.portfolio.contracts.repository.AutonomyGrantStateRepository;
import org.portfolio.contracts.repository.ContractRepository;
import org.portfolio.contracts.repository.ContractVersionRepository;
import org.portfolio.contracts.repository.EvaluationRepository;
import org.portfolio.contracts.repository.InterventionChangeRepository;
import org.portfolio.contracts.repository.MetricObservationRepository;
import org.portfolio.platform.web.problem.ProblemException;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/** A contract's scorecard: every benchmark with its status and trend, the intervention level, the autonomy state. */
@ApplicationScoped
@Transactional(Transactional.TxType.SUPPORTS)
public class ScorecardService {

    public record Scorecard(Contract contract, ContractVersion version, List<Scorecards.Standing> standings,
                            InterventionChange lastInterventionChange, List<AutonomyGrantState> autonomy,
                            List<org.portfolio.contracts.domain.IntegrityFlagState> integrityFlags,
                            Map<UUID, String> directionConflicts) {

        /** Why the benchmark's comparator points against its metric's known direction; null when it does not. */
        public String directionConflict(UUID benchmarkId) {
            return directionConflicts.get(benchmarkId);
        }
    }

    @Inject
    ContractRepository contracts;

    @Inject
    ContractVersionRepository versions;

    @Inject
    EvaluationRepository evaluations;

    @Inject
    MetricObservationRepository observations;

    @Inject
    InterventionChangeRepository changes;

    @Inject
    AutonomyGrantStateRepository autonomy;

    @Inject
    org.portfolio.contracts.repository.IntegrityFlagStateRepository integrityFlags;

    @Inject
    MetricDirectionService metricDirections;

    public Scorecard scorecard(UUID contractId) {
        Contract c = contracts.findByIdOptional(contractId).orElseThrow(() -> ProblemException.notFound("Contract", contractId));
        ContractVersion v = versions.find(c.id, c.currentVersion).orElseThrow();
        return new Scorecard(c, v, standings(c, v), changes.latest(c.id).orElse(null), autonomy.forSchool(c.schoolId()),
                integrityFlags.forSchool(c.schoolId()), directionConflicts(v));
    }

    /**
     * The benchmarks of the version whose comparator points against their metric's direction as it is known now (one
     * written before the direction was known: ninth pass, N11), by benchmark id, with the rule's message.
     */
    private Map<UUID, String> directionConflicts(ContractVersion v) {
        Map<UUID, String> out = new HashMap<>();
        List<Benchmark> bs = v.benchmarks;
        metricDirections.conflicts(bs.stream().map(Benchmark::toSpec).toList())
                .forEach((i, why) -> out.put(bs.get(i).benchmarkId, why));
        return out;
    }

    /** The summary of the school's ACTIVE contract, if it has one. */
    public Optional<Evidence.ContractStanding> activeStanding(UUID schoolId) {
        return contracts.findActiveBySchool(schoolId).map(c -> {
            ContractVersion v = versions.find(c.id, c.currentVersion).orElseThrow();
            return Scorecards.summary(c, standings(c, v));
        });
    }

    private List<Scorecards.Standing> standings(Contract c, ContractVersion v) {
        List<String> metrics = v.benchmarks.stream().map(b -> b.metricCode).distinct().toList();
        List<Benchmark> bs = v.benchmarks;
        return Scorecards.standings(bs, evaluations.latestPerMeasure(c.id), observations.forSchool(c.schoolId(), metrics));
    }
}
