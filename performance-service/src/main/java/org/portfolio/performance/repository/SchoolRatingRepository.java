package org.portfolio.performance.repository;

import io.quarkus.hibernate.orm.panache.PanacheRepositoryBase;
import io.quarkus.panache.common.Sort;
import jakarta.enterprise.context.ApplicationScoped;
import org.portfolio.performance.domain.SchoolRating;

import java.util.List;
import java.util.Optional;
import java.util.UUID;

@ApplicationScoped
public class SchoolRatingRepository implements PanacheRepositoryBase<SchoolRating, UUID> {

    public Optional<SchoolRating> current(UUID schoolId, String schoolYear) {
        return find("schoolId = ?1 and schoolYear = ?2 and current = true", schoolId, schoolYear).firstResultOptional();
    }

    public List<SchoolRating> history(UUID schoolId, String schoolYear) {
        if (schoolYear == null) {
            return list("schoolId", Sort.descending("schoolYear").and("computedAt", Sort.Direction.Descending), schoolId);
        }
        return list("schoolId = ?1 and schoolYear = ?2", Sort.descending("computedAt"), schoolId, schoolYear);
    }

    /** The schools with a current rating in the year (a year's recompute rates them again, values or not). */
    public List<UUID> schoolsRatedIn(String schoolYear) {
        return getEntityManager().createQuery("select distinct r.schoolId from SchoolRating r where r.schoolYear = ?1 "
                + "and r.current = true", UUID.class).setParameter(1, schoolYear).getResultList();
    }

    public List<SchoolRating> currentForYear(String schoolYear) {
        return list("schoolYear = ?1 and current = true", schoolYear);
    }

    /** The current ratings of these schools in the year. */
    public List<SchoolRating> currentForYear(String schoolYear, java.util.Collection<UUID> schoolIds) {
        if (schoolIds.isEmpty()) {
            return List.of();
        }
        return list("schoolYear = ?1 and current = true and schoolId in ?2", schoolYear, schoolIds);
    }

    public List<SchoolRating> currentForSchool(UUID schoolId) {
        return list("schoolId = ?1 and current = true", Sort.descending("schoolYear"), schoolId);
    }
}
