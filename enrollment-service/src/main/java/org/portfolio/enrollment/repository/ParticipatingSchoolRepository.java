package org.portfolio.enrollment.repository;

import io.quarkus.hibernate.orm.panache.PanacheRepositoryBase;
import io.quarkus.panache.common.Sort;
import jakarta.enterprise.context.ApplicationScoped;
import org.portfolio.enrollment.domain.ParticipatingSchool;

import java.util.List;
import java.util.UUID;

@ApplicationScoped
public class ParticipatingSchoolRepository implements PanacheRepositoryBase<ParticipatingSchool, UUID> {

    public List<ParticipatingSchool> listByName() {
        return listAll(Sort.by("name"));
    }
}
