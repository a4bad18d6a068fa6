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
    /** The integration service's own events about a subscription: DISTRICT_ADMIN and the subscription's owner. */
    SUBSCRIPTION
}
