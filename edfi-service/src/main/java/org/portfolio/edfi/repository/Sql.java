package org.portfolio.edfi.repository;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import org.hibernate.Session;
import org.hibernate.jdbc.ReturningWork;

/** Plain JDBC on the connection of the current transaction (jsonb containment and advisory locks). */
@ApplicationScoped
public class Sql {

    /** Advisory lock class of an Ed-Fi school: its writes and derivations take turns. */
    static final int SCHOOL_LOCK = 17;

    @Inject
    EntityManager em;

    <T> T work(ReturningWork<T> work) {
        return em.unwrap(Session.class).doReturningWork(work);
    }
}
