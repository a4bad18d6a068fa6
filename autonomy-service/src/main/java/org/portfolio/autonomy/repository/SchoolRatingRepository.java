package org.portfolio.autonomy.repository;

import io.quarkus.hibernate.orm.panache.PanacheRepositoryBase;
import jakarta.enterprise.context.ApplicationScoped;
import org.portfolio.autonomy.domain.SchoolRating;

import java.util.List;
import java.util.UUID;

@ApplicationScoped
public class SchoolRatingRepository implements PanacheRepositoryBase<SchoolRating, SchoolRating.Key> {

    public List<SchoolRating> ofSchool(UUID schoolId) {
        return list("key.schoolId = ?1 order by key.schoolYear desc", schoolId);
    }
}
