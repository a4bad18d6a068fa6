package org.portfolio.contracts.service;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import org.jboss.logging.Logger;
import org.portfolio.contracts.domain.AutonomyGrantState;
import org.portfolio.contracts.repository.AutonomyGrantStateRepository;

import java.time.Instant;
import java.util.UUID;

/** Keeps the state of each autonomy grant as autonomy-service announces it, for the scorecard. */
@ApplicationScoped
@Transactional
public class AutonomyStateService {

    private static final Logger LOG = Logger.getLogger(AutonomyStateService.class);

    /**
     * One announced change of a grant: status ACTIVE, PENDING (fell back), REVOKED or ENDED; the cause's kind, one-line
     * summary, sentence and the ratings it names (comma-separated; null when none).
     */
    public record GrantChange(UUID grantId, UUID schoolId, String domain, String model, UUID contractId, String status,
                              String causeKind, String causeSummary, String causeDescription, String causeRatingIds,
                              Instant at) {
    }

    @Inject
    AutonomyGrantStateRepository grants;

    public void apply(GrantChange c, String eventId) {
        AutonomyGrantState g = grants.findById(c.grantId());
        if (g != null && c.at().isBefore(g.since)) {
            LOG.infof("Grant %s change from event %s is older than the state kept; ignored", c.grantId(), eventId);
            return;
        }
        boolean isNew = g == null;
        if (isNew) {
            g = new AutonomyGrantState();
            g.grantId = c.grantId();
        }
        g.schoolId = c.schoolId();
        g.domain = c.domain();
        if (c.model() != null) {
            g.model = c.model();
        }
        if (c.contractId() != null) {
            g.contractId = c.contractId();
        }
        g.status = c.status();
        g.since = c.at();
        g.causeKind = c.causeKind();
        g.causeSummary = c.causeSummary();
        g.causeDescription = c.causeDescription();
        g.causeRatingIds = c.causeRatingIds();
        g.lastEventId = eventId;
        if (isNew) {
            grants.persist(g);
        }
    }
}
