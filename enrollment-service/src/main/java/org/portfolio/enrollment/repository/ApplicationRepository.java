package org.portfolio.enrollment.repository;

import io.quarkus.hibernate.orm.panache.PanacheRepositoryBase;
import jakarta.enterprise.context.ApplicationScoped;
import org.portfolio.enrollment.domain.Application;

import java.util.Optional;
import java.util.UUID;

@ApplicationScoped
public class ApplicationRepository implements PanacheRepositoryBase<Application, UUID> {

    public Optional<Application> find(UUID periodId, UUID applicantId) {
        return find("periodId = ?1 and applicantId = ?2", periodId, applicantId).firstResultOptional();
    }
}
