package org.portfolio.platform.archfixture;

import java.time.Instant;

/** Platform code (as the outbox was) that stamps a time with the system clock. */
public class StampsWithTheSystemClock {

    public Instant occurredAt() {
        return Instant.now();
    }
}
