package org.portfolio.contracts.repository;

import io.quarkus.hibernate.orm.panache.PanacheRepositoryBase;
import jakarta.enterprise.context.ApplicationScoped;
import org.portfolio.contracts.domain.AutonomyGrantState;

import java.util.List;
import java.util.UUID;

@ApplicationScoped
public class AutonomyGrantStateRepository implements PanacheRepositoryBase<AutonomyGrantState, UUID> {

    public List<AutonomyGrantState> forSchool(UUID schoolId) {
        return find("schoolId = ?1 order by domain, since desc", schoolId).list();
    }
}
