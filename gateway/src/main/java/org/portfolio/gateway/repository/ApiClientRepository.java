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

    /**
     * Records that this version of the client is being published; false when it was already (nothing to publish).
     * A native update: published_version is not part of the entity, so it never changes the client's version.
     */
    public boolean markPublished(String clientId, long version) {
        return getEntityManager().createNativeQuery(
                        "update api_client set published_version = ?1 where client_id = ?2 and published_version is distinct from ?1")
                .setParameter(1, version).setParameter(2, clientId).executeUpdate() == 1;
    }

    /**
     * The published clients whose event the relay had sent: a sent outbox row of that type, or none left (sent rows are
     * deleted after the relay's retention). A client whose row still waits for the relay is not among them.
     */
    @SuppressWarnings("unchecked")
    public List<String> sentClients(String type) {
        return getEntityManager().createNativeQuery(
                        "select c.client_id from api_client c where c.published_version is not null and ("
                                + "exists (select 1 from outbox_event o where o.aggregate_id = c.client_id and o.type = ?1 "
                                + "and o.sent_at is not null) "
                                + "or not exists (select 1 from outbox_event o where o.aggregate_id = c.client_id and o.type = ?1))")
                .setParameter(1, type).getResultList();
    }

    /** Marks these clients unpublished (the registry's topic lost their records); how many had been published. */
    public int forgetPublished(java.util.Collection<String> clientIds) {
        return getEntityManager().createNativeQuery(
                        "update api_client set published_version = null where published_version is not null and client_id in (:ids)")
                .setParameter("ids", clientIds).executeUpdate();
    }

    /**
     * The clients whose current version has not been published, locked, at most 500 (one pass of the 2-s publisher: a
     * republish of every client is never one transaction); rows another replica holds are skipped.
     */
    @SuppressWarnings("unchecked")
    public List<ApiClient> lockUnpublished() {
        return getEntityManager().createNativeQuery(
                        "select * from api_client where published_version is distinct from version order by client_id "
                                + "limit 500 for update skip locked", ApiClient.class)
                .getResultList();
    }

    /** Records a token issuance without touching the version (so it never conflicts with an administrator's edit). */
    public void markTokenIssued(String clientId, Instant at) {
        update("lastTokenAt = ?1 where clientId = ?2", at, clientId);
    }
}
