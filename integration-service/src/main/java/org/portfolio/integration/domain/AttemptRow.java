package org.portfolio.integration.domain;

import java.time.Instant;

/** One attempt of a delivery, as the log keeps it. */
public record AttemptRow(int attempt, Instant at, Integer statusCode, int latencyMs, String errorClass, String snippet) {
}
