package org.portfolio.contracts.domain;

import java.util.EnumSet;
import java.util.Set;

/**
 * The decisions an oversight body takes on a school, from which statuses each is allowed and where it leads.
 * RENEW keeps an OPEN school OPEN: it is recorded (with its evidence) but is not a status change.
 */
public enum StatusDecisionKind {
    /** A proposed school is approved and opens. */
    OPEN(EnumSet.of(SchoolStatus.PROPOSED), SchoolStatus.OPEN),
    /** An open school's authorization is renewed. */
    RENEW(EnumSet.of(SchoolStatus.OPEN), SchoolStatus.OPEN),
    /** The school will close: it finishes its year(s) and takes no new students. */
    BEGIN_CLOSURE(EnumSet.of(SchoolStatus.OPEN), SchoolStatus.CLOSING),
    /** A closure is called off. */
    RESCIND_CLOSURE(EnumSet.of(SchoolStatus.CLOSING), SchoolStatus.OPEN),
    /** The school is closed (a proposal denied, an immediate closure, or the end of a closure). */
    CLOSE(EnumSet.of(SchoolStatus.PROPOSED, SchoolStatus.OPEN, SchoolStatus.CLOSING), SchoolStatus.CLOSED);

    private final Set<SchoolStatus> from;
    private final SchoolStatus to;

    StatusDecisionKind(Set<SchoolStatus> from, SchoolStatus to) {
        this.from = from;
        this.to = to;
    }

    public boolean allowedFrom(SchoolStatus status) {
        return from.contains(status);
    }

    public Set<SchoolStatus> allowedFrom() {
        return from;
    }

    public SchoolStatus leadsTo() {
        return to;
    }
}
