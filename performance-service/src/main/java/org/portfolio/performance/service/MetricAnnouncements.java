package org.portfolio.performance.service;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.runtime.StartupEvent;
import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import org.jboss.logging.Logger;
import org.portfolio.performance.domain.MetricDefinition;
import org.portfolio.performance.events.MetricDefined;
import org.portfolio.performance.repository.MetricDefinitionRepository;
import org.portfolio.platform.events.outbox.Outbox;

import java.util.List;

/**
 * Announces the metric definitions no MetricDefined event has announced yet: those made before the event existed (the
 * defaults and the district's own; migration V8), and one a replica of the previous release made during a rolling
 * deploy. At start and every 10 minutes, in one transaction that locks the rows it announces (another replica skips
 * them), so each definition is announced once. A definition made by this release is announced in its own transaction
 * ({@link MetricCatalogService#define}) and never here.
 */
@ApplicationScoped
public class MetricAnnouncements {

    private static final Logger LOG = Logger.getLogger(MetricAnnouncements.class);

    @Inject
    MetricDefinitionRepository metrics;

    @Inject
    Outbox outbox;

    void onStart(@Observes StartupEvent ev) {
        run();
    }

    @Scheduled(every = "10m", delayed = "10m", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    public void run() {
        try {
            int n = QuarkusTransaction.requiringNew().call(this::announce);
            if (n > 0) {
                LOG.infof("Announced %d metric definition(s) made before MetricDefined existed", n);
            }
        } catch (RuntimeException e) {
            LOG.warnf("Announcing the metric definitions failed (%s); it runs again in 10 minutes", e.toString());
        }
    }

    /** In the caller's transaction: announces every unannounced definition; returns how many. */
    int announce() {
        List<MetricDefinition> pending = metrics.lockUnannounced();
        for (MetricDefinition m : pending) {
            m.definedEventId = outbox.publish("Metric", m.code, MetricDefined.NAME, 1, m.code, MetricDefined.of(m),
                    m.createdAt);
        }
        return pending.size();
    }
}
