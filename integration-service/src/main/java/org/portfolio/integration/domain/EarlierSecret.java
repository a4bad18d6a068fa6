package org.portfolio.integration.domain;

import java.time.Instant;

/** A secret a rotation replaced: it keeps signing, next to the current one, until {@code expiresAt}. */
public record EarlierSecret(String secret, Instant expiresAt) {

    public boolean signsAt(Instant now) {
        return now.isBefore(expiresAt);
    }
}
