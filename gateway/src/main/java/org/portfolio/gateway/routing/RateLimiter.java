package org.portfolio.gateway.routing;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import org.portfolio.gateway.config.GatewayConfig;

import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Token buckets: one per client (token subject) and one per IP address for calls without a token. A bucket
 * holds up to {@code burst} requests and refills at {@code requests-per-second}. Buckets live in memory, per
 * gateway replica (with N replicas behind a load balancer a client gets up to N times the rate).
 * <p>
 * Beside the rate, the proxied requests in flight are counted with the same keys ({@code max-in-flight}): a client
 * with a valid token could otherwise hold many slow requests (and as many of the services' pooled connections) at
 * once. A count lives only while it is above zero, so it needs no eviction (an evicted count would leak or go
 * negative).
 */
public final class RateLimiter {

    private final boolean enabled;
    private final GatewayConfig.Bucket client;
    private final GatewayConfig.Bucket anonymous;
    private final Cache<String, TokenBucket> buckets;
    private final ConcurrentHashMap<String, Integer> inFlight = new ConcurrentHashMap<>();

    public RateLimiter(GatewayConfig.RateLimit config) {
        if (config.enabled() && (!(config.client().requestsPerSecond() > 0) || !(config.anonymous().requestsPerSecond() > 0))) {
            // a bucket that never refills would refuse for ever, with a Retry-After of millions of years (thirteenth pass)
            throw new IllegalStateException("portfolio.gateway.rate-limit.*.requests-per-second must be above 0 "
                    + "(portfolio.gateway.rate-limit.enabled=false switches the limits off)");
        }
        this.enabled = config.enabled();
        this.client = config.client();
        this.anonymous = config.anonymous();
        this.buckets = Caffeine.newBuilder().maximumSize(config.maxBuckets())
                .expireAfterAccess(10, TimeUnit.MINUTES).build();
    }

    /** One of a client's requests in flight; {@link #release()} may be called any number of times, it counts once. */
    public interface Slot {
        void release();
    }

    private static final Slot UNCOUNTED = () -> {
    };

    /** A slot for one more request of this client, or null when it has {@code max-in-flight} already. */
    public Slot enterForClient(String subject) {
        return enabled ? enter("c:" + subject, client.maxInFlight()) : UNCOUNTED;
    }

    /** The same for a call without a token, per address. */
    public Slot enterForAddress(String address) {
        return enabled ? enter("a:" + address, anonymous.maxInFlight()) : UNCOUNTED;
    }

    /** Requests in flight under this key ({@code c:subject} or {@code a:address}). */
    public int inFlight(String key) {
        return inFlight.getOrDefault(key, 0);
    }

    private Slot enter(String key, int max) {
        boolean[] admitted = {false};
        inFlight.compute(key, (k, n) -> {
            int now = n == null ? 0 : n;
            if (now >= max) {
                return n;
            }
            admitted[0] = true;
            return now + 1;
        });
        if (!admitted[0]) {
            return null;
        }
        AtomicBoolean released = new AtomicBoolean();
        return () -> {
            if (released.compareAndSet(false, true)) {
                inFlight.computeIfPresent(key, (k, n) -> n <= 1 ? null : n - 1);
            }
        };
    }

    /** 0 when the request may pass, else the milliseconds until it could. */
    public long acquireForClient(String subject) {
        return enabled ? buckets.get("c:" + subject, k -> new TokenBucket(client.burst(), client.requestsPerSecond())).tryAcquire(System.nanoTime()) : 0;
    }

    public long acquireForAddress(String address) {
        return enabled ? buckets.get("a:" + address, k -> new TokenBucket(anonymous.burst(), anonymous.requestsPerSecond())).tryAcquire(System.nanoTime()) : 0;
    }

    /**
     * What a bucket says of itself, for the {@code RateLimit-Policy} and {@code RateLimit} fields of
     * draft-ietf-httpapi-ratelimit-headers-10 (docs/gateway.md): {@code quota} requests at once (the burst), an empty
     * bucket full again in {@code window} seconds (rounded up: the rate is {@code requests-per-second}, about
     * {@code quota / window}); {@code remaining} whole requests left now, and in {@code reset} seconds one more (0: the
     * bucket is full). On a 429 {@code reset} is at most its {@code Retry-After}.
     */
    public record Quota(String policy, int quota, long window, long remaining, long reset) {

        /** {@code "client";q=200;w=2} */
        public String policyField() {
            return "\"" + policy + "\";q=" + quota + ";w=" + window;
        }

        /**
         * What a request refused by the rate is told, with {@code retryAfter} seconds beside it: nothing left, and one more
         * no later than then (the bucket may have refilled past one since the refusal: second review of the thirteenth
         * pass).
         */
        public Quota refused(long retryAfter) {
            return new Quota(policy, quota, window, 0, Math.min(reset, retryAfter));
        }

        /** {@code "client";r=57;t=1} */
        public String field() {
            return "\"" + policy + "\";r=" + remaining + ";t=" + reset;
        }
    }

    /** The client's bucket as it is now (after this request took its share), or null when no limit applies. */
    public Quota clientQuota(String subject) {
        return quota("client", "c:" + subject, client);
    }

    private Quota quota(String policy, String key, GatewayConfig.Bucket config) {
        if (!enabled || config.requestsPerSecond() <= 0) {
            return null;
        }
        TokenBucket b = buckets.getIfPresent(key);
        double burst = Math.max(1, config.burst());
        double tokens = b == null ? burst : b.available(System.nanoTime());
        double rate = config.requestsPerSecond();
        long window = Math.min(Integer.MAX_VALUE, Math.max(1, (long) Math.ceil(burst / rate)));
        long reset = tokens >= burst ? 0 : Math.min(Integer.MAX_VALUE, (long) Math.ceil((1 - (tokens - Math.floor(tokens))) / rate));
        return new Quota(policy, (int) burst, window, (long) Math.floor(tokens), Math.max(0, reset));
    }

    /**
     * How long an address must wait before its next bearer token is even verified: every token that failed
     * verification took one from the address's bucket of failures (the anonymous limits). Verifying costs a JOSE parse
     * and an RSA signature check, so a stream of forged or revoked tokens was otherwise free of any limit.
     */
    public long failedTokensWait(String address) {
        if (!enabled) {
            return 0;
        }
        TokenBucket b = buckets.getIfPresent("f:" + address);
        return b == null ? 0 : b.waitFor(System.nanoTime());
    }

    /** A bearer token from this address failed verification. */
    public void chargeFailedToken(String address) {
        if (enabled) {
            buckets.get("f:" + address, k -> new TokenBucket(anonymous.burst(), anonymous.requestsPerSecond())).tryAcquire(System.nanoTime());
        }
    }

    /** The longest wait a bucket names: a Retry-After of at most 2^31 - 1 seconds, as the OpenAPI document declares. */
    static final long MAX_WAIT_MS = (long) Integer.MAX_VALUE * 1000L - 999;

    /** A token bucket; synchronized per bucket, so clients never contend with each other. */
    static final class TokenBucket {
        private final double capacity;
        private final double perNano;
        private double tokens;
        private long last;

        TokenBucket(int burst, double perSecond) {
            this.capacity = Math.max(1, burst);
            this.perNano = perSecond / 1e9;
            this.tokens = capacity;
            this.last = System.nanoTime();
        }

        /** The requests the bucket holds now (a fraction while it refills). */
        synchronized double available(long now) {
            refill(now);
            return tokens;
        }

        /** How long until one is there, taking none. */
        synchronized long waitFor(long now) {
            refill(now);
            if (tokens >= 1) {
                return 0;
            }
            return perNano <= 0 ? MAX_WAIT_MS : Math.min(MAX_WAIT_MS, (long) Math.ceil((1 - tokens) / perNano / 1e6));
        }

        private void refill(long now) {
            if (now > last) {
                tokens = Math.min(capacity, tokens + (now - last) * perNano);
                last = now;
            }
        }

        synchronized long tryAcquire(long now) {
            refill(now);
            if (tokens >= 1) {
                tokens -= 1;
                return 0;
            }
            if (perNano <= 0) {
                return MAX_WAIT_MS;
            }
            return Math.min(MAX_WAIT_MS, (long) Math.ceil((1 - tokens) / perNano / 1e6));
        }
    }
}
