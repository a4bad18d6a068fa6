package org.portfolio.integration.domain;


import java.time.Instant;

/** The outcome of one attempt: acknowledged (2xx) or failed, with what the delivery log keeps. */
public record AttemptResult(Claimed delivery, Instant at, Integer statusCode, int latencyMs, ErrorClass errorClass,
                            String snippet, Instant nextAttemptAt) {

    public boolean acknowledged() {
        return errorClass == null;
    }
}
