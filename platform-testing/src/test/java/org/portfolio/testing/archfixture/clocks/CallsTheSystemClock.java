package org.portfolio.testing.archfixture.clocks;

import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.Calendar;
import java.util.GregorianCalendar;
import java.util.TimeZone;

/** Reads the system clock by a call. */
public class CallsTheSystemClock {

    public LocalDate today() {
        return LocalDate.now();
    }

    public Calendar calendar() {
        return Calendar.getInstance(TimeZone.getTimeZone("UTC"));
    }

    public Calendar gregorian() {
        return new GregorianCalendar();
    }

    public Clock ticking() {
        return Clock.tickSeconds(ZoneOffset.UTC);
    }

    /** Not the platform's: saying so changes nothing. */
    @org.portfolio.platform.web.time.SystemClockOnPurpose("a service would like to")
    public LocalDate onPurpose() {
        return LocalDate.now();
    }
}
