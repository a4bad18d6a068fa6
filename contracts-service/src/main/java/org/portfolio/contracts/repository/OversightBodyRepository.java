package org.portfolio.contracts.repository;

import io.quarkus.hibernate.orm.panache.PanacheRepositoryBase;
import jakarta.enterprise.context.ApplicationScoped;
import org.portfolio.contracts.domain.OversightBody;

import java.util.Optional;
import java.util.UUID;

@ApplicationScoped
public class OversightBodyRepository implements PanacheRepositoryBase<OversightBody, UUID> {

    public Optional<OversightBody> findByName(String name) {
        return find("lower(name) = lower(?1)", name).firstResultOptional();
    }
}
