package org.portfolio.contracts.repository;

import io.quarkus.hibernate.orm.panache.PanacheRepositoryBase;
import jakarta.enterprise.context.ApplicationScoped;
import org.portfolio.contracts.domain.SchoolRating;

import java.util.List;
import java.util.Optional;
import java.util.UUID;

@ApplicationScoped
public class SchoolRatingRepository implements PanacheRepositoryBase<SchoolRating, UUID> {

    public Optional<SchoolRating> find(UUID schoolId, String schoolYear) {
        return find("schoolId = ?1 and schoolYear = ?2", schoolId, schoolYear).firstResultOptional();
    }

    /** The latest ratings, newest year first. */
    public List<SchoolRating> latest(UUID schoolId, int years) {
        return find("schoolId = ?1 order by schoolYear desc", schoolId).page(0, years).list();
    }
}
