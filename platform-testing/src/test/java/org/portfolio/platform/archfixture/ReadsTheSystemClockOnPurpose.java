package org.portfolio.platform.archfixture;

import org.portfolio.platform.web.time.SystemClockOnPurpose;

import java.time.Instant;
import java.util.function.LongSupplier;

/** Platform code that reads the system clock on purpose and says why: in a method (a lambda too), or a whole class. */
public class ReadsTheSystemClockOnPurpose {

    @SystemClockOnPurpose("a token's expiry is the issuer's system time")
    public LongSupplier epochSeconds() {
        return () -> System.currentTimeMillis() / 1000;
    }

    @SystemClockOnPurpose("a technical time")
    public static class Relay {

        public Instant sentAt() {
            return Instant.now();
        }
    }
}
