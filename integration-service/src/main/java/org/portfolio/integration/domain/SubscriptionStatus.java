package org.portfolio.integration.domain;

/** ACTIVE delivers; PAUSED (by a call, or because the owner's client was disabled) and DISABLED (failed through the retry horizon) keep their queue until resumed. */
public enum SubscriptionStatus {
    ACTIVE, PAUSED, DISABLED
}
