package org.portfolio.integration.domain;

/**
 * Who may read an event (docs/security.md): the resource the event is about decides, per event type.
 */
public enum Audience {
    /** The school directory: every authenticated role. */
    DIRECTORY,
    /** Contracts, benchmarks, interventions, autonomy, unsuppressed results and ratings: DISTRICT_ADMIN, OVERSIGHT, SCHOOL_LEADER (own). */
    SCHOOL_RECORD,
    /** Enrollment counts per school (no applicant data): DISTRICT_ADMIN, OVERSIGHT, ENROLLMENT_OFFICER, SCHOOL_LEADER (own). */
    ENROLLMENT_COUNTS,
    /**
     * The enrollment round itself (MatchPublished: the lottery seed, every program's cutoff): the row "enrollment:
     * periods, programs, lottery, match, offers" of docs/security.md, DISTRICT_ADMIN and ENROLLMENT_OFFICER only.
     */
    ENROLLMENT_ROUND,
    /** The integration service's own events about a subscription: DISTRICT_ADMIN and the subscription's owner. */
    SUBSCRIPTION
}
