package org.portfolio.integration.service;

import java.time.Duration;
import java.util.concurrent.ThreadLocalRandom;

/** Exponential back-off with full jitter on its upper half: attempt n waits between d/2 and d, d = initial · 2^(n-1) ≤ max. */
public final class Backoff {

    private Backoff() {
    }

    public static Duration after(int attempt, Duration initial, Duration max) {
        long base = initial.toMillis();
        long cap = max.toMillis();
        long d = base;
        for (int i = 1; i < attempt && d < cap; i++) {
            d *= 2;
        }
        d = Math.min(d, cap);
        long half = d / 2;
        return Duration.ofMillis(half + ThreadLocalRandom.current().nextLong(Math.max(1, d - half + 1)));
    }
}
