package org.portfolio.performance.events;

import org.portfolio.performance.domain.IntegrityEvidence;

import java.time.Instant;
import java.util.UUID;

/**
 * Data of {@code portfolio.performance.IntegrityFlagRaised.v1} (subject: the school id): an integrity rule flagged a
 * school's data when it arrived. Evidence as aggregate counts, never a student id. A signal for oversight: no
 * consumer revokes, lowers or escalates anything because of it. See docs/events.md.
 */
public record IntegrityFlagRaised(UUID flagId, UUID schoolId, String schoolYear, String rule, String scope,
                                  String reason, IntegrityEvidence evidence, UUID frameworkId, Integer frameworkVersion,
                                  Instant raisedAt) {

    public static final String NAME = "IntegrityFlagRaised";
}
