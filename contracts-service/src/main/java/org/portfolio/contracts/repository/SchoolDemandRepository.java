package org.portfolio.contracts.repository;

import io.quarkus.hibernate.orm.panache.PanacheRepositoryBase;
import jakarta.enterprise.context.ApplicationScoped;
import org.portfolio.contracts.domain.SchoolDemand;

import java.util.List;
import java.util.Optional;
import java.util.UUID;

@ApplicationScoped
public class SchoolDemandRepository implements PanacheRepositoryBase<SchoolDemand, UUID> {

    public Optional<SchoolDemand> find(UUID schoolId, UUID periodId) {
        return find("schoolId = ?1 and periodId = ?2", schoolId, periodId).firstResultOptional();
    }

    /** Every round of the latest school year with demand figures for the school, by round. */
    public List<SchoolDemand> latestYear(UUID schoolId) {
        Optional<SchoolDemand> newest = find("schoolId = ?1 order by schoolYear desc", schoolId).firstResultOptional();
        return newest.map(d -> find("schoolId = ?1 and schoolYear = ?2 order by round", schoolId, d.schoolYear).list())
                .orElse(List.of());
    }
}
