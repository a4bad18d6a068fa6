package org.portfolio.enrollment.repository;

import io.quarkus.hibernate.orm.panache.PanacheRepositoryBase;
import io.quarkus.panache.common.Sort;
import jakarta.enterprise.context.ApplicationScoped;
import org.portfolio.enrollment.domain.Program;

import java.util.List;
import java.util.Optional;
import java.util.UUID;

@ApplicationScoped
public class ProgramRepository implements PanacheRepositoryBase<Program, UUID> {

    public List<Program> listByPeriod(UUID periodId) {
        return list("periodId", Sort.by("createdAt").and("id"), periodId);
    }

    public Optional<Program> findInPeriod(UUID periodId, UUID id) {
        return find("periodId = ?1 and id = ?2", periodId, id).firstResultOptional();
    }

    public Optional<Program> findSame(UUID periodId, UUID schoolId, String grade, String name) {
        return find("periodId = ?1 and schoolId = ?2 and grade = ?3 and lower(name) = lower(?4)", periodId, schoolId, grade, name)
                .firstResultOptional();
    }
}
