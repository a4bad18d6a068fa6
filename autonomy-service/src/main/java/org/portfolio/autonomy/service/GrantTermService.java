package org.portfolio.autonomy.service;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.jboss.logging.Logger;
import org.portfolio.autonomy.domain.Cause;
import org.portfolio.autonomy.domain.CauseKind;
import org.portfolio.autonomy.domain.Grant;
import org.portfolio.autonomy.repository.GrantRepository;

import java.time.Clock;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.UUID;

/**
 * Ends grants whose effective dates ran out (TERM_ENDED, publishing AutonomyEnded), e.g. an approved request's
 * end date, or a contract whose ContractEnded never came. The decision-rights check already answers TERM_ENDED
 * for such a date on its own; this keeps statuses and the other services in step. Runs hourly and at start.
 */
@ApplicationScoped
public class GrantTermService {

    private static final Logger LOG = Logger.getLogger(GrantTermService.class);

    /** The one clock of every time this service records or publishes (a test moves it). */
    @Inject
    Clock clock;

    @Inject
    GrantRepository grants;

    @Inject
    GrantService grantService;

    @Inject
    DecisionRightsService rights;

    @Inject
    AutonomyConfig config;

    @Scheduled(every = "${portfolio.autonomy.term-check.every:1h}", delayed = "${portfolio.autonomy.term-check.delay:30s}",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void scheduled() {
        try {
            endExpired(rights.today());
        } catch (Exception e) {
            LOG.warnf(org.portfolio.platform.web.http.LoggedErrors.of(e), "Ending grants whose term ran out failed; retrying at the next run");
        }
    }

    /**
     * Ends every live grant whose effective dates ended before {@code today}; returns how many. A grant whose ending
     * fails is logged and left for the next run, and the others are ended (hostile read of the twenty-second pass, L2:
     * one grant failing every time stopped the run at it every hour, and the grants after it never ended).
     */
    public int endExpired(LocalDate today) {
        LocalDate graceCutoff = today.minus(config.renewalGrace().toDays(), ChronoUnit.DAYS);
        int total = 0;
        java.util.Set<UUID> failed = new java.util.HashSet<>();
        while (true) {
            List<UUID> ids = QuarkusTransaction.requiringNew().call(() ->
                    grants.liveEndedBefore(today, graceCutoff, config.termCheck().batchSize(), failed));
            if (ids.isEmpty()) {
                return total;
            }
            int ended = 0;
            int failures = failed.size();
            for (UUID id : ids) {
                try {
                    ended += QuarkusTransaction.requiringNew().call(() -> endOne(id, today, graceCutoff)) ? 1 : 0;
                } catch (RuntimeException e) {
                    failed.add(id);
                    LOG.warnf(org.portfolio.platform.web.http.LoggedErrors.of(e),
                            "Ending grant %s, whose term ran out, failed; the others go on, it is tried again at the next run", id);
                }
            }
            total += ended;
            if (ended == 0 && failed.size() == failures) {
                return total;
            }
        }
    }

    private boolean endOne(UUID id, LocalDate today, LocalDate graceCutoff) {
        Grant g = grantService.lock(id);
        if (!g.status.isLive() || g.effectiveTo == null || !g.effectiveTo.isBefore(today)
                || (g.successorContractId != null && !g.effectiveTo.isBefore(graceCutoff))) {
            return false;
        }
        grantService.end(g, Cause.of(CauseKind.TERM_ENDED, null, "Effective dates ended on " + g.effectiveTo
                + (g.successorContractId == null ? "" : "; the successor contract " + g.successorContractId
                + " was never activated")), clock.instant());
        LOG.infof("Grant %s of school %s ended: its term ran out on %s", g.id, g.schoolId, g.effectiveTo);
        return true;
    }
}
