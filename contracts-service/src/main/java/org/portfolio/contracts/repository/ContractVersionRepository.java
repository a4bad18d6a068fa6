package org.portfolio.contracts.repository;

import io.quarkus.hibernate.orm.panache.PanacheQuery;
import io.quarkus.hibernate.orm.panache.PanacheRepositoryBase;
import jakarta.enterprise.context.ApplicationScoped;
import org.portfolio.contracts.domain.ContractVersion;

import java.util.List;
import java.util.Optional;
import java.util.UUID;

@ApplicationScoped
public class ContractVersionRepository implements PanacheRepositoryBase<ContractVersion, UUID> {

    public Optional<ContractVersion> find(UUID contractId, int number) {
        return find("contract.id = ?1 and number = ?2", contractId, number).firstResultOptional();
    }

    public List<ContractVersion> listFor(UUID contractId) {
        return queryFor(contractId).list();
    }

    public PanacheQuery<ContractVersion> queryFor(UUID contractId) {
        return find("contract.id = ?1 order by number", contractId);
    }
}
