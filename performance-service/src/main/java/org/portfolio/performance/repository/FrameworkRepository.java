package org.portfolio.performance.repository;

import io.quarkus.hibernate.orm.panache.PanacheQuery;
import io.quarkus.hibernate.orm.panache.PanacheRepositoryBase;
import io.quarkus.panache.common.Parameters;
import io.quarkus.panache.common.Sort;
import jakarta.enterprise.context.ApplicationScoped;
import org.portfolio.performance.domain.Framework;
import org.portfolio.performance.domain.FrameworkStatus;

import java.util.Optional;
import java.util.UUID;

@ApplicationScoped
public class FrameworkRepository implements PanacheRepositoryBase<Framework, UUID> {

    /** The framework that rates the year. */
    public Optional<Framework> published(String schoolYear) {
        return find("schoolYear = ?1 and status = ?2", schoolYear, FrameworkStatus.PUBLISHED).firstResultOptional();
    }

    /** The published framework of the year, else of the latest earlier year (for suppression and aggregation rules). */
    public Optional<Framework> publishedOnOrBefore(String schoolYear) {
        return find("schoolYear <= ?1 and status = ?2", Sort.descending("schoolYear"), schoolYear,
                FrameworkStatus.PUBLISHED).firstResultOptional();
    }

    public int nextVersion(String schoolYear) {
        Integer max = getEntityManager().createQuery("select max(f.version) from Framework f where f.schoolYear = :y",
                Integer.class).setParameter("y", schoolYear).getSingleResult();
        return max == null ? 1 : max + 1;
    }

    public PanacheQuery<Framework> search(String schoolYear, FrameworkStatus status) {
        StringBuilder q = new StringBuilder("1 = 1");
        Parameters p = new Parameters();
        if (schoolYear != null) {
            q.append(" and schoolYear = :year");
            p.and("year", schoolYear);
        }
        if (status != null) {
            q.append(" and status = :status");
            p.and("status", status);
        }
        return find(q.toString(), Sort.descending("schoolYear").and("version", Sort.Direction.Descending), p);
    }
}
