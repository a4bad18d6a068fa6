package org.portfolio.contracts.repository;

import io.quarkus.hibernate.orm.panache.PanacheRepositoryBase;
import jakarta.enterprise.context.ApplicationScoped;
import org.portfolio.contracts.domain.MetricObservation;

import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

@ApplicationScoped
public class MetricObservationRepository implements PanacheRepositoryBase<MetricObservation, UUID> {

    public Optional<MetricObservation> find(UUID schoolId, String metricCode, String period) {
        return find("schoolId = ?1 and metricCode = ?2 and period = ?3", schoolId, metricCode, period)
                .firstResultOptional();
    }

    /** A school's values of these metrics over every period known, oldest period first. */
    public List<MetricObservation> forSchool(UUID schoolId, Collection<String> metricCodes) {
        if (metricCodes.isEmpty()) {
            return List.of();
        }
        return find("schoolId = ?1 and metricCode in ?2 order by metricCode, period", schoolId, metricCodes).list();
    }
}
