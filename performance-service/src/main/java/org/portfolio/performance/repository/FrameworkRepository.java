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

    /** The framework, its row locked for a change: two changes of one framework happen one after the other. */
    public java.util.Optional<Framework> findForChange(java.util.UUID id) {
        return findByIdOptional(id, jakarta.persistence.LockModeType.PESSIMISTIC_WRITE);
    }

    /**
     * The namespace of the advisory locks on a school year's framework numbering: the two-key form
     * ({@code pg_advisory_xact_lock(int, int)}), whose keys PostgreSQL keeps apart from the single-key ones the
     * school years' locks take.
     */
    public static final int VERSION_LOCK = 7301;

    /** The namespace of the advisory locks on a school year's publication (two-key form, as {@link #VERSION_LOCK}). */
    public static final int PUBLICATION_LOCK = 7302;

    /**
     * Locks the school year's publication to the end of the transaction: two drafts of one year published at the same
     * moment are published one after the other, the later superseding the earlier, as when sent one after the other.
     * Before (twentieth pass, the outside check run again), the loser was a 409 from the one-published-per-year index.
     */
    public void lockPublication(String schoolYear) {
        getEntityManager().createNativeQuery("select count(*) from (select pg_advisory_xact_lock(" + PUBLICATION_LOCK
                + ", hashtext(?1))) published").setParameter(1, schoolYear).getSingleResult();
    }

    /**
     * The next version number of a school year's frameworks, under a lock on that year's numbering held to the end of
     * the transaction: two versions made at once are numbered one after the other. Before (twentieth pass, an outside
     * check of races), both read the same maximum and the second was a 409 from the unique index.
     */
    public int nextVersion(String schoolYear) {
        getEntityManager().createNativeQuery("select count(*) from (select pg_advisory_xact_lock(" + VERSION_LOCK
                        + ", hashtext(?1))) numbered").setParameter(1, schoolYear).getSingleResult();
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
