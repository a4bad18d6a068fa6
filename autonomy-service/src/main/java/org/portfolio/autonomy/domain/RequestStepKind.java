package org.portfolio.autonomy.domain;

/** One step of a request's review, all visible to the school. */
public enum RequestStepKind { SUBMITTED, REVIEW_STARTED, COMMENTED, REVISED, APPROVED, DENIED, WITHDRAWN, CANCELLED }
