package org.portfolio.platform.events.consumer;

import io.quarkus.narayana.jta.QuarkusTransaction;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;

/**
 * Asks the database whether it answers now ({@code select 1} in a transaction of its own, 10 s at most). The consumer
 * asks after a failure: while the database does not answer, the failure is an outage and is waited out however long
 * it lasts; when it does answer, an error that only looks like an outage (a connection the event's own statement
 * broke) is retried a bounded number of times, so a poison event cannot stop its partition for good.
 */
@ApplicationScoped
public class DatabaseProbe {

    @Inject
    EntityManager em;

    public boolean answers() {
        try {
            QuarkusTransaction.requiringNew().timeout(10).run(() -> em.createNativeQuery("select 1").getSingleResult());
            return true;
        } catch (RuntimeException e) {
            return false;
        }
    }
}
