package org.portfolio.platform.events;

import io.quarkus.narayana.jta.QuarkusTransaction;
import jakarta.persistence.EntityManager;

import java.util.List;

/** What the backbone's tests ask the database, each in a transaction of its own. */
final class TestDb {

    private TestDb() {
    }

    /** A {@code select count(*)} with positional parameters ?1, ?2, …. */
    static long count(EntityManager em, String sql, Object... params) {
        return QuarkusTransaction.requiringNew().call(() -> {
            var q = em.createNativeQuery(sql);
            for (int i = 0; i < params.length; i++) {
                q.setParameter(i + 1, params[i]);
            }
            return ((Number) q.getSingleResult()).longValue();
        });
    }

    /** Ids as a SQL list of string literals (test ids only: UUIDs). */
    static String quoted(List<String> ids) {
        return String.join(",", ids.stream().map(i -> "'" + i + "'").toList());
    }
}
