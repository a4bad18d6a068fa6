package org.portfolio.testing.archfixture.clocks;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Date;
import java.util.function.Function;

/** Reads only the clock it is given, by calls and by references. */
public class ReadsTheInjectedClock {

    private final Clock clock;

    public ReadsTheInjectedClock(Clock clock) {
        this.clock = clock;
    }

    public LocalDate today() {
        return LocalDate.now(clock);
    }

    public Function<Clock, Instant> instants() {
        return Instant::now;
    }

    public Date then(long millis) {
        return new Date(millis);
    }

    public Clock bySeconds() {
        return Clock.tick(clock, java.time.Duration.ofSeconds(1));
    }

    public java.util.Calendar newYear() {
        return new java.util.GregorianCalendar(2027, java.util.Calendar.JANUARY, 1);
    }
}
