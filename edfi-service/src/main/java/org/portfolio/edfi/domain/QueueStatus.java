package org.portfolio.edfi.domain;

import java.time.Instant;

/** The derivation queue at a glance: rows queued, due now, the oldest one's time, and the problems kept. */
public record QueueStatus(long pending, long due, Instant oldestQueuedAt, long problems) {
}
