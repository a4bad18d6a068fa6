package org.portfolio.contracts.repository;

import io.quarkus.hibernate.orm.panache.PanacheRepositoryBase;
import jakarta.enterprise.context.ApplicationScoped;
import org.portfolio.contracts.domain.InterventionChange;

import java.util.List;
import java.util.Optional;
import java.util.UUID;

@ApplicationScoped
public class InterventionChangeRepository implements PanacheRepositoryBase<InterventionChange, UUID> {

    public Optional<InterventionChange> latest(UUID contractId) {
        return find("contractId = ?1 order by changedAt desc, id desc", contractId).firstResultOptional();
    }

    public List<InterventionChange> forContract(UUID contractId) {
        return find("contractId = ?1 order by changedAt, id", contractId).list();
    }
}
