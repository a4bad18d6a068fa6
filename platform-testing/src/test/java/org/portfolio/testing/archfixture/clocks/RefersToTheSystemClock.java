package org.portfolio.testing.archfixture.clocks;

import java.time.Clock;
import java.time.Instant;
import java.util.Date;
import java.util.function.Supplier;

/** Reads the system clock through method references only: no call of now() in its code. */
public class RefersToTheSystemClock {

    public Supplier<Instant> instants() {
        return Instant::now;
    }

    public Supplier<Date> dates() {
        return Date::new;
    }

    public Supplier<Clock> clocks() {
        return Clock::systemUTC;
    }

    public Supplier<java.time.InstantSource> sources() {
        return java.time.InstantSource::system;
    }

    public Supplier<java.time.chrono.HijrahDate> hijrah() {
        return java.time.chrono.HijrahDate::now;
    }
}
