package org.portfolio.testing;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;

/**
 * A service's clock in tests: the system clock, optionally moved by an offset, so a test can stand on the day a term
 * ends, a step falls due or a retention period runs out without sleeping. One instance per test JVM is enough (the
 * offset is static, so the test moves the clock without holding the bean). A service uses it by producing it as its
 * {@code Clock} bean in its test sources (replacing the service's {@code @DefaultBean} clock), e.g.
 *
 * <pre>{@code
 * @Singleton
 * class TestClockBean {
 *     @Produces @Singleton Clock clock() { return new TestClock(); }
 * }
 * }</pre>
 *
 * Always {@link #reset()} after use (time keeps running from the moved "now").
 */
public class TestClock extends Clock {

    private static volatile Duration offset = Duration.ZERO;

    /** Moves the service's "now" to this instant (time keeps running from there). */
    public static void setNow(Instant now) {
        offset = Duration.between(Instant.now(), now);
    }

    /** Back to the system clock. */
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
