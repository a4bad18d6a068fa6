package org.portfolio.platform.events;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import io.quarkus.narayana.jta.QuarkusTransaction;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Readiness;

import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;

/**
 * Reports the outbox backlog (unsent events and the age of the oldest) with readiness. It stays UP while the
 * broker is away (that is what the outbox is for); the Kafka check next to it reports the broker itself.
 */
@Readiness
@ApplicationScoped
public class OutboxHealthCheck implements HealthCheck {

    @Inject
    EntityManager em;

    /** The clock the outbox stamps occurred_at with. */
    @Inject
    java.time.Clock clock;

    @Override
    public HealthCheckResponse call() {
        Object[] row;
        try {
            row = QuarkusTransaction.requiringNew().call(() -> (Object[]) em.createNativeQuery(
                    "select count(*), min(occurred_at) from outbox_event where sent_at is null").getSingleResult());
        } catch (RuntimeException e) {
            // the database away: the datasource's own check says so (DOWN); this one threw, and every readiness probe
            // logged an ERROR with a stack trace for an outage already reported (outside check of database outages,
            // twenty-first pass)
            return HealthCheckResponse.named("outbox").up()
                    .withData("unsent", "unknown: the database did not answer (see the datasource check)").build();
        }
        long backlog = ((Number) row[0]).longValue();
        long oldestSeconds = 0;
        if (row[1] != null) {
            Instant oldest = row[1] instanceof Timestamp ts ? ts.toInstant()
                    : row[1] instanceof Instant i ? i : ((java.time.OffsetDateTime) row[1]).toInstant();
            oldestSeconds = Duration.between(oldest, clock.instant()).toSeconds();
        }
        return HealthCheckResponse.named("outbox")
                .up()
                .withData("unsent", backlog)
                .withData("oldestUnsentSeconds", oldestSeconds)
                .build();
    }
}
