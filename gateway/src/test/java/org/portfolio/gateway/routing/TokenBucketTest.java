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

    /** Second review of the thirteenth pass: a rate's 429 never says more is left, nor later than its Retry-After. */
    @Test
    void aRefusedRequestIsToldNothingIsLeftAndOneMoreNoLaterThanItsRetryAfter() {
        // computed as the headers are written, the bucket had refilled past one since the refusal
        RateLimiter.Quota refilled = new RateLimiter.Quota("client", 200, 2, 1, 3);
        RateLimiter.Quota told = refilled.refused(1);
        assertThat(told.field()).isEqualTo("\"client\";r=0;t=1");
        assertThat(told.policyField()).isEqualTo("\"client\";q=200;w=2");
        assertThat(new RateLimiter.Quota("client", 200, 2, 0, 1).refused(5).field()).isEqualTo("\"client\";r=0;t=1");
    }

    /** Second review of the thirteenth pass: a wait is never longer than the 2^31 - 1 seconds the document declares. */
    @Test
    void theLongestWaitFitsTheDeclaredRetryAfter() {
        RateLimiter.TokenBucket slow = new RateLimiter.TokenBucket(1, 1e-12);
        long t = System.nanoTime();
        assertThat(slow.tryAcquire(t)).isZero();
        long wait = slow.tryAcquire(t);
        assertThat((wait + 999) / 1000).isEqualTo(Integer.MAX_VALUE);
        assertThat((slow.waitFor(t) + 999) / 1000).isEqualTo(Integer.MAX_VALUE);
    }
}
