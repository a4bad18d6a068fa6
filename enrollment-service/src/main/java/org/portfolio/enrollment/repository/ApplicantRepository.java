package org.portfolio.enrollment.repository;

import io.quarkus.hibernate.orm.panache.PanacheRepositoryBase;
import jakarta.enterprise.context.ApplicationScoped;
import org.portfolio.enrollment.domain.Applicant;

import java.util.Optional;
import java.util.UUID;

@ApplicationScoped
public class ApplicantRepository implements PanacheRepositoryBase<Applicant, UUID> {

    public Optional<Applicant> findByExternalRef(String ref) {
        return find("externalRef", ref).firstResultOptional();
    }
}
