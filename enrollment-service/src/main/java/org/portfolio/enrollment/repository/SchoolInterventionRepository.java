package org.portfolio.enrollment.repository;

import io.quarkus.hibernate.orm.panache.PanacheRepositoryBase;
import jakarta.enterprise.context.ApplicationScoped;
import org.portfolio.enrollment.domain.SchoolIntervention;

import java.util.UUID;

@ApplicationScoped
public class SchoolInterventionRepository implements PanacheRepositoryBase<SchoolIntervention, UUID> {
}
