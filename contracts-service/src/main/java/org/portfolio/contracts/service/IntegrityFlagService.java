package org.portfolio.contracts.service;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import org.jboss.logging.Logger;
import org.portfolio.contracts.domain.IntegrityFlagState;
import org.portfolio.contracts.repository.IntegrityFlagStateRepository;

import java.time.Instant;
import java.util.UUID;

/**
 * Keeps performance-service's integrity flags for the scorecard. Deliberately nothing else: a flag never evaluates
 * a benchmark, moves an intervention or touches autonomy (issue 15.4: "never revokes anything by itself").
 */
@ApplicationScoped
@Transactional
public class IntegrityFlagService {

    private static final Logger LOG = Logger.getLogger(IntegrityFlagService.class);

    @Inject
    IntegrityFlagStateRepository flags;

    /** IntegrityFlagRaised: a new flag (a redelivery of the same flag changes nothing; the consumer's inbox stops it first). */
    public void raised(UUID flagId, UUID schoolId, String schoolYear, String rule, String scope, String reason,
                       String evidence, Instant raisedAt, String eventId) {
        IntegrityFlagState f = flags.findById(flagId);
        if (f != null) {
            if (f.raisedAt == null) { // the resolution was read first: complete it
                f.reason = reason;
                f.evidence = evidence;
                f.raisedAt = raisedAt;
            }
            return;
        }
        f = new IntegrityFlagState();
        f.flagId = flagId;
        f.schoolId = schoolId;
        f.schoolYear = schoolYear;
        f.rule = rule;
        f.scope = scope;
        f.status = "OPEN";
        f.reason = reason;
        f.evidence = evidence;
        f.raisedAt = raisedAt;
        f.lastEventId = eventId;
        flags.persist(f);
        LOG.infof("Integrity flag %s (%s) of school %s recorded for the scorecard; nothing else changes", flagId, rule,
                schoolId);
    }

    /** IntegrityFlagResolved: the flag is RESOLVED with who, when and the resolution code (never a note). */
    public void resolved(UUID flagId, UUID schoolId, String schoolYear, String rule, String scope, String resolvedBy,
                         String resolutionCode, Instant resolvedAt, String eventId) {
        IntegrityFlagState f = flags.findById(flagId);
        if (f == null) {
            f = new IntegrityFlagState();
            f.flagId = flagId;
            f.schoolId = schoolId;
            f.schoolYear = schoolYear;
            f.rule = rule;
            f.scope = scope;
            flags.persist(f);
        }
        f.status = "RESOLVED";
        f.resolvedBy = resolvedBy;
        f.resolutionCode = resolutionCode;
        f.resolvedAt = resolvedAt;
        f.lastEventId = eventId;
    }
}
