package org.portfolio.platform.archfixture;

import org.portfolio.platform.web.time.SystemClockOnPurpose;

import java.time.Instant;
import java.util.function.LongSupplier;

/** Platform code that reads the system clock on purpose and says why, in a method (a lambda too); and one that says nothing. */
public class ReadsTheSystemClockOnPurpose {

    @SystemClockOnPurpose("a token's expiry is the issuer's system time")
    public LongSupplier epochSeconds() {
        return () -> System.currentTimeMillis() / 1000;
    }

    public static class Relay {

        @SystemClockOnPurpose("a technical time")
        public Instant sentAt() {
            return Instant.now();
        }

        @SystemClockOnPurpose(" ")
        public Instant blankReason() {
            return Instant.now();
        }
    }
}
