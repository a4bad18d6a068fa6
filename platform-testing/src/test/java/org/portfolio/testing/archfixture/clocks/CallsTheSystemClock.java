package org.portfolio.testing.archfixture.clocks;

import java.time.LocalDate;

/** Reads the system clock by a call. */
public class CallsTheSystemClock {

    public LocalDate today() {
        return LocalDate.now();
    }
}
