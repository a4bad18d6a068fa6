package org.portfolio.gateway.routing;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class TokenBucketTest {

    private static final long SECOND = 1_000_000_000L;

    @Test
    void aBurstPassesThenTheRateDecidesAndTheWaitIsReported() {
        RateLimiter.TokenBucket b = new RateLimiter.TokenBucket(3, 2.0);
        long t = System.nanoTime();
        assertThat(b.tryAcquire(t)).isZero();
        assertThat(b.tryAcquire(t)).isZero();
        assertThat(b.tryAcquire(t)).isZero();
        long wait = b.tryAcquire(t);
        assertThat(wait).isBetween(1L, 500L); // 2 per second: the next token in at most half a second
        assertThat(b.tryAcquire(t + SECOND / 2)).isZero();
        assertThat(b.tryAcquire(t + SECOND / 2)).isPositive();
        // a long pause refills to the burst, never beyond
        long later = t + 100 * SECOND;
        for (int i = 0; i < 3; i++) {
            assertThat(b.tryAcquire(later)).isZero();
        }
        assertThat(b.tryAcquire(later)).isPositive();
    }
}
