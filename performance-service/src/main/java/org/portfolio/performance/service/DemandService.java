package org.portfolio.performance.service;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import org.jboss.logging.Logger;
import org.portfolio.performance.domain.Decimals;
import org.portfolio.performance.domain.MetricCandidate;
import org.portfolio.performance.domain.MetricComputation;
import org.portfolio.performance.domain.MetricSource;
import org.portfolio.performance.domain.SchoolYearKey;
import org.portfolio.performance.repository.DemandStore;
import org.portfolio.performance.repository.MetricDefinitionRepository;
import org.portfolio.performance.repository.StudentRecordStore;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;
import java.util.UUID;

/**
 * FAMILY_DEMAND from enrollment: first-choice applicants per seat for a school and school year (over the periods
 * of the year's earliest round — the main match; later rounds only see families still looking), n = applicants.
 */
@ApplicationScoped
@Transactional(Transactional.TxType.MANDATORY)
public class DemandService {

    private static final Logger LOG = Logger.getLogger(DemandService.class);

    @Inject
    DemandStore demand;

    @Inject
    StudentRecordStore locks;

    @Inject
    MetricDefinitionRepository metrics;

    @Inject
    RecomputeService recompute;

    public record Report(UUID periodId, String schoolYear, int round, UUID schoolId, int applicants, int firstChoices,
                         int seats, Integer offers) {
    }

    public RecomputeService.Result reported(Report r, String eventId) throws SQLException {
        SchoolYearKey key = new SchoolYearKey(r.schoolId(), r.schoolYear());
        try (Connection c = locks.connection()) {
            locks.lock(c, List.of(key));
        }
        demand.upsert(r.schoolId(), r.periodId(), r.schoolYear(), r.round(), r.applicants(), r.firstChoices(), r.seats(),
                r.offers(), eventId);
        DemandStore.Demand d = demand.demand(r.schoolId(), r.schoolYear());
        if (d == null || d.seats() == 0) {
            LOG.infof("No seats reported for school %s in %s: family demand left unchanged", r.schoolId(), r.schoolYear());
            return new RecomputeService.Result(0, 0, 0, 0, 0);
        }
        BigDecimal value = BigDecimal.valueOf(d.firstChoices()).divide(BigDecimal.valueOf(d.seats()), 2, RoundingMode.HALF_UP);
        LOG.infof("Family demand of school %s in %s: %d first choices for %d seats = %s (n = %d applicants)",
                r.schoolId(), r.schoolYear(), d.firstChoices(), d.seats(), value.toPlainString(), d.applicants());
        List<MetricCandidate> candidates = metrics.catalog().values().stream()
                .filter(m -> m.computation == MetricComputation.FAMILY_DEMAND)
                .map(m -> new MetricCandidate(key, m.code, Decimals.clean(value), (int) Math.min(d.applicants(), Integer.MAX_VALUE),
                        MetricSource.ENROLLMENT_DEMAND))
                .toList();
        return recompute.candidates(candidates);
    }
}
