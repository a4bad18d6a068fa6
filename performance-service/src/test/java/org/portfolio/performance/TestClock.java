package org.portfolio.performance;

import jakarta.inject.Singleton;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;

/**
 * The service's clock in tests: the system clock, optionally moved by an offset, so a test can stand on the day a
 * record kind's retention ends without sleeping. Replaces the service's default clock bean. Always {@link #reset()} after use.
 */
@Singleton
public class TestClock extends Clock {

    private static volatile Duration offset = Duration.ZERO;

    /** Moves the service's "now" to this instant (time keeps running from there). */
    public static void setNow(Instant now) {
        offset = Duration.between(Instant.now(), now);
    }

    public static void reset() {
        offset = Duration.ZERO;
    }

    @Override
    public ZoneId getZone() {
        return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(ZoneId zone) {
        return Clock.offset(Clock.system(zone), offset);
    }

    @Override
    public Instant instant() {
        return Instant.now().plus(offset);
    }
}
