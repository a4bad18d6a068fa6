package org.portfolio.contracts.repository;

import io.quarkus.hibernate.orm.panache.PanacheQuery;
import io.quarkus.hibernate.orm.panache.PanacheRepositoryBase;
import jakarta.enterprise.context.ApplicationScoped;
import org.portfolio.contracts.domain.SchoolStatusDecision;

import java.util.Optional;
import java.util.UUID;

@ApplicationScoped
public class StatusDecisionRepository implements PanacheRepositoryBase<SchoolStatusDecision, UUID> {

    public PanacheQuery<SchoolStatusDecision> forSchool(UUID schoolId) {
        return find("schoolId = ?1 order by decidedAt, id", schoolId);
    }

    public Optional<SchoolStatusDecision> latest(UUID schoolId) {
        return find("schoolId = ?1 order by decidedAt desc, id desc", schoolId).firstResultOptional();
    }
}
