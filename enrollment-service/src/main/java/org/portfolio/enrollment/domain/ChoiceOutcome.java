package org.portfolio.enrollment.domain;

/** What became of one ranked choice of an applicant after the match (an applicant's result, choice by choice). */
public enum ChoiceOutcome {
    /** The applicant holds the offer at this program (of the match or from its waitlist). */
    OFFERED,
    /** Waiting on this program's waitlist (its position is given). */
    WAITLISTED,
    /** Was offered a seat here from the waitlist, and that offer is no longer held (declined, expired or released). */
    OFFER_RELEASED,
    /** Was waiting here when the waitlists closed (the next round was matched). */
    WAITLIST_CLOSED,
    /** Left this waitlist: a better offer, a decline, or an expired offer. */
    LEFT_WAITLIST,
    /** The school did not take part in this round (not open, or under REVOCATION). */
    SCHOOL_NOT_PARTICIPATING,
    /** Ranked below the offer, or no seat and no waitlist place here. */
    NOT_CONSIDERED
}
