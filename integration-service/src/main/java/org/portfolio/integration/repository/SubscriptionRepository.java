package org.portfolio.integration.repository;

import io.quarkus.hibernate.orm.panache.PanacheRepositoryBase;
import io.quarkus.panache.common.Page;
import io.quarkus.panache.common.Sort;
import jakarta.enterprise.context.ApplicationScoped;
import org.portfolio.integration.domain.Subscription;

import java.util.List;
import java.util.UUID;

@ApplicationScoped
public class SubscriptionRepository implements PanacheRepositoryBase<Subscription, UUID> {

    /** Every subscription (any status: paused and disabled ones keep their queue). */
    public List<Subscription> all() {
        return listAll(Sort.by("createdAt").and("id"));
    }

    public List<Subscription> page(String owner, int page, int size) {
        var q = owner == null ? findAll(Sort.by("createdAt").and("id"))
                : find("ownerClient", Sort.by("createdAt").and("id"), owner);
        return q.page(Page.of(page, size)).list();
    }

    /** Serialises registrations of one client until the transaction ends (the per-client limit). */
    public void lockOwner(String owner) {
        getEntityManager().createNativeQuery("select count(*) from (select pg_advisory_xact_lock(" + Sql.OWNER_LOCK
                + ", hashtext(?1))) l").setParameter(1, owner).getSingleResult();
    }

    public long countOf(String owner) {
        return owner == null ? count() : count("ownerClient", owner);
    }
}
