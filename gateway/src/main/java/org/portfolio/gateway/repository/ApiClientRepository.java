package org.portfolio.gateway.repository;

import io.quarkus.hibernate.orm.panache.PanacheQuery;
import io.quarkus.hibernate.orm.panache.PanacheRepositoryBase;
import io.quarkus.panache.common.Page;
import io.quarkus.panache.common.Parameters;
import io.quarkus.panache.common.Sort;
import jakarta.enterprise.context.ApplicationScoped;
import org.portfolio.gateway.domain.ApiClient;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

@ApplicationScoped
public class ApiClientRepository implements PanacheRepositoryBase<ApiClient, String> {

    /** One page of clients by name, optionally only enabled / disabled ones, with a role, or acting for a school. */
    public PanacheQuery<ApiClient> search(Boolean enabled, String role, String school, int page, int size) {
        List<String> where = new ArrayList<>();
        Parameters p = new Parameters();
        if (enabled != null) {
            where.add("enabled = :enabled");
            p = p.and("enabled", enabled);
        }
        if (role != null) {
            where.add("concat(',', roles, ',') like :role");
            p = p.and("role", "%," + role + ",%");
        }
        if (school != null) {
            where.add("concat(',', schools, ',') like :school");
            p = p.and("school", "%," + school + ",%");
        }
        PanacheQuery<ApiClient> q = where.isEmpty()
                ? findAll(Sort.by("name").and("clientId"))
                : find(String.join(" and ", where), Sort.by("name").and("clientId"), p);
        return q.page(Page.of(page, size));
    }

    /** What the gateway's hot path needs to know of every client: enabled, token generation, version. */
    public List<Object[]> statuses() {
        return getEntityManager()
                .createQuery("select c.clientId, c.enabled, c.tokenGeneration, c.version from ApiClient c", Object[].class)
                .getResultList();
    }

    /** Records a token issuance without touching the version (so it never conflicts with an administrator's edit). */
    public void markTokenIssued(String clientId, Instant at) {
        update("lastTokenAt = ?1 where clientId = ?2", at, clientId);
    }
}
