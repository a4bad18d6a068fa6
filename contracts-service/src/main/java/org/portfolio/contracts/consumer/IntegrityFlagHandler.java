package org.portfolio.contracts.consumer;

import com.fasterxml.jackson.databind.JsonNode;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.portfolio.contracts.domain.SchoolYear;
import org.portfolio.contracts.service.IntegrityFlagService;
import org.portfolio.platform.events.EventTypes;
import org.portfolio.platform.events.consumer.EventHandler;
import org.portfolio.platform.events.consumer.IncomingEvent;
import org.portfolio.platform.events.consumer.PoisonEventException;

import java.time.Instant;
import java.util.Set;
import java.util.UUID;

/**
 * performance-service's integrity flags, for the scorecard only (its own consumer group, so that it never queues in
 * front of the benchmark evaluation). Idempotent: the inbox skips a redelivered event, and a flag is keyed by its id.
 */
@ApplicationScoped
public class IntegrityFlagHandler implements EventHandler {

    static final String RAISED = EventTypes.of("performance", "IntegrityFlagRaised");
    static final String RESOLVED = EventTypes.of("performance", "IntegrityFlagResolved");
    static final Set<String> RULES = Set.of("LOW_PARTICIPATION", "HIGH_EXCLUSION", "YEAR_OVER_YEAR_CHANGE", "ENROLLMENT_DROP");

    /** The part of IntegrityFlagRaised contracts keeps. */
    record Raised(UUID flagId, UUID schoolId, String schoolYear, String rule, String scope, String reason,
                  JsonNode evidence, Instant raisedAt) {
    }

    /**
     * The part of IntegrityFlagResolved contracts keeps: the resolution code, never a note. An event published before
     * issue 15 carries a free-text {@code note} and no code: kept as OTHER, the note not copied.
     */
    record Resolved(UUID flagId, UUID schoolId, String schoolYear, String rule, String scope, String resolvedBy,
                    String resolutionCode, Instant resolvedAt) {
    }


    @Inject
    IntegrityFlagService flags;

    @Inject
    org.portfolio.contracts.service.SchoolCalendar calendar;

    @Override
    public String name() {
        return "integrity-flags";
    }

    @Override
    public Set<String> topics() {
        return Set.of("performance.events");
    }

    @Override
    public Set<String> types() {
        return Set.of(RAISED, RESOLVED);
    }

    @Override
    public void handle(IncomingEvent event) {
        Instant at = event.time() != null ? event.time() : calendar.now();
        if (RAISED.equals(event.type())) {
            Raised f = event.data(Raised.class);
            String scope = check(event, f.flagId(), f.schoolId(), f.schoolYear(), f.rule(), f.scope());
            String evidence = f.evidence() == null || !f.evidence().isObject() ? null : f.evidence().toString();
            flags.raised(f.flagId(), f.schoolId(), f.schoolYear(), f.rule(), scope, cut(f.reason(), 300),
                    evidence == null || evidence.length() > 20_000 ? null : evidence,
                    f.raisedAt() != null ? f.raisedAt() : at, event.id());
        } else {
            Resolved f = event.data(Resolved.class);
            String scope = check(event, f.flagId(), f.schoolId(), f.schoolYear(), f.rule(), f.scope());
            if (f.resolvedBy() == null || f.resolvedBy().isBlank()) {
                throw new PoisonEventException("IntegrityFlagResolved " + event.id() + " lacks resolvedBy");
            }
            String code = CorrectionCodes.resolution(f.resolutionCode());
            flags.resolved(f.flagId(), f.schoolId(), f.schoolYear(), f.rule(), scope, cut(f.resolvedBy(), 200),
                    code, f.resolvedAt() != null ? f.resolvedAt() : at, event.id());
        }
    }

    /** @return the scope ("" when absent); poison when the event cannot name its flag */
    private static String check(IncomingEvent event, UUID flagId, UUID schoolId, String schoolYear, String rule,
                                String scope) {
        if (flagId == null || schoolId == null || schoolYear == null || rule == null) {
            throw new PoisonEventException(event.name() + " " + event.id() + " lacks flagId, schoolId, schoolYear or rule");
        }
        if (SchoolYear.tryParse(schoolYear).isEmpty() || !RULES.contains(rule)) {
            throw new PoisonEventException(event.name() + " " + event.id() + " has an unknown school year or rule");
        }
        String s = scope == null ? "" : scope;
        if (s.length() > 60) {
            throw new PoisonEventException(event.name() + " " + event.id() + " has a scope over 60 characters");
        }
        return s;
    }

    private static String cut(String s, int max) {
        return org.portfolio.platform.web.text.Texts.cut(s, max);
    }
}
