package org.portfolio.platform.web.security;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.Expiry;
import com.github.benmanes.caffeine.cache.Ticker;
import io.quarkus.runtime.configuration.MemorySize;
import io.smallrye.jwt.auth.principal.DefaultJWTParser;
import io.smallrye.jwt.auth.principal.JWTAuthContextInfo;
import io.smallrye.jwt.auth.principal.JWTParser;
import io.smallrye.jwt.auth.principal.ParseException;
import jakarta.annotation.PostConstruct;
import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Alternative;
import jakarta.inject.Inject;
import jakarta.json.JsonNumber;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.eclipse.microprofile.jwt.Claims;
import org.eclipse.microprofile.jwt.JsonWebToken;

import javax.crypto.SecretKey;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.util.Collection;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.LongSupplier;

/**
 * The services' verified-token cache (issue 17): SmallRye JWT's {@code MpJwtValidator} asks the {@link JWTParser} bean to
 * parse the bearer token of every request, and smallrye's {@link DefaultJWTParser} checks the RS256 signature and parses
 * the claims each time. This alternative asks it once per token: a token it accepted is kept, by its exact text, until
 * it expires ({@code exp} plus smallrye's clock skew, {@code mp.jwt.verify.clock.skew}; also {@code iat} plus
 * {@code smallrye.jwt.verify.token-age} when that is set), and a cached token is checked against that deadline again on
 * every hit, so an expired token is never served from the cache. Any other text (a tampered token, another token) is a
 * miss and goes to smallrye. What the cache does not decide: revocation ({@link ClientRevocationAugmentor} asks
 * {@link ClientStatus} on every request, after parsing, cached or not) and the roles the endpoint needs.
 *
 * <p>As the gateway's cache, it is bounded by bytes, not entries ({@code portfolio.security.verified-token-cache.bytes},
 * each entry weighed by its token text and claims), and a token longer than
 * {@code portfolio.security.verified-token-cache.max-token-size} is verified on every request and never cached, so a
 * flood of large or distinct tokens cannot grow the heap. {@code portfolio.security.verified-token-cache.enabled=false}
 * verifies every request again, as before.
 *
 * <p>The cached {@link JsonWebToken} is shared by concurrent requests: smallrye's {@code DefaultJWTCallerPrincipal}
 * converts its claims to immutable JSON-P values when it is built and only reads them afterwards ({@code getGroups()} and
 * {@code getAudience()} answer new sets); nothing in the suite changes a principal's claims.
 *
 * <p>The methods with an explicit key or secret ({@code verify}, {@code decrypt}, {@code parse} with another
 * {@link JWTAuthContextInfo}) and {@code parseOnly} are passed to smallrye as they are, never cached: only the
 * configured verification of bearer tokens is.
 */
@Alternative
@Priority(1)
@ApplicationScoped
public class VerifiedTokenCache implements JWTParser {

    /** A cache entry besides its strings: Caffeine's node, the principal, jose4j's claims map (an upper estimate). */
    static final int ENTRY_OVERHEAD = 512;

    @Inject
    DefaultJWTParser defaultParser;

    @Inject
    JWTAuthContextInfo authContext;

    @ConfigProperty(name = "portfolio.security.verified-token-cache.enabled", defaultValue = "true")
    boolean enabled;

    @ConfigProperty(name = "portfolio.security.verified-token-cache.bytes", defaultValue = "4M")
    MemorySize maxBytes;

    @ConfigProperty(name = "portfolio.security.verified-token-cache.max-token-size", defaultValue = "8K")
    MemorySize maxTokenSize;

    /**
     * Longest a verified token is served from the cache after it was verified, whatever its own exp says: a token
     * signed with a key since withdrawn (a compromised key, forged with a far exp) is verified again — and refused —
     * within this time (review of the cache, M1).
     */
    @ConfigProperty(name = "portfolio.security.verified-token-cache.max-entry-life", defaultValue = "5m")
    java.time.Duration maxEntryLife;

    private JWTParser delegate;
    private Cache<String, Entry> verified;
    private long maxCachedTokenLength;
    private long skewSeconds;
    private long maxEntryLifeSeconds = 300;
    private Long tokenAgeSeconds;
    private LongSupplier epochSeconds;
    private final LongAdder verifications = new LongAdder();

    /** For CDI. */
    public VerifiedTokenCache() {
    }

    /** For unit tests: a delegate, smallrye's time settings, the bounds and a clock (epoch seconds, Caffeine's ticker). */
    VerifiedTokenCache(JWTParser delegate, int skewSeconds, Long tokenAgeSeconds, long maxBytes, long maxTokenLength,
                       LongSupplier epochSeconds, Ticker ticker) {
        this(delegate, skewSeconds, tokenAgeSeconds, maxBytes, maxTokenLength, 300, epochSeconds, ticker);
    }

    /** For unit tests, with the longest life of an entry (seconds). */
    VerifiedTokenCache(JWTParser delegate, int skewSeconds, Long tokenAgeSeconds, long maxBytes, long maxTokenLength,
                       long maxEntryLifeSeconds, LongSupplier epochSeconds, Ticker ticker) {
        this.enabled = true;
        this.maxEntryLifeSeconds = maxEntryLifeSeconds;
        configure(delegate, skewSeconds, tokenAgeSeconds, maxBytes, maxTokenLength, epochSeconds, ticker);
    }

    @PostConstruct
    @org.portfolio.platform.web.time.SystemClockOnPurpose("a token's expiry is checked against the system clock its "
            + "issuer stamped it with, as smallrye-jwt's own parser does")
    void init() {
        maxEntryLifeSeconds = Math.max(1, maxEntryLife.toSeconds());
        // as DefaultJWTTokenParser: the expiry grace period if set, else the clock skew (mp.jwt.verify.clock.skew)
        int skew = authContext.getExpGracePeriodSecs() > 0 ? authContext.getExpGracePeriodSecs()
                : Math.max(0, authContext.getClockSkew());
        configure(defaultParser, skew, authContext.getTokenAge(), maxBytes.asLongValue(), maxTokenSize.asLongValue(),
                () -> System.currentTimeMillis() / 1000, Ticker.systemTicker());
    }

    private void configure(JWTParser delegate, int skewSeconds, Long tokenAgeSeconds, long maxBytes, long maxTokenLength,
                           LongSupplier epochSeconds, Ticker ticker) {
        this.delegate = delegate;
        this.skewSeconds = skewSeconds;
        this.tokenAgeSeconds = tokenAgeSeconds;
        this.maxCachedTokenLength = maxTokenLength;
        this.epochSeconds = epochSeconds;
        this.verified = Caffeine.newBuilder()
                .maximumWeight(maxBytes)
                .weigher((String token, Entry e) -> e.weight())
                .ticker(ticker)
                .expireAfter(new Expiry<String, Entry>() {
                    @Override
                    public long expireAfterCreate(String token, Entry e, long now) {
                        return TimeUnit.SECONDS.toNanos(Math.max(0, Math.min(e.validUntil(), e.reverifyAt()) - epochSeconds.getAsLong()));
                    }

                    @Override
                    public long expireAfterUpdate(String token, Entry e, long now, long current) {
                        return current;
                    }

                    @Override
                    public long expireAfterRead(String token, Entry e, long now, long current) {
                        return current;
                    }
                })
                .build();
    }

    /**
     * A token smallrye accepted, the first second it is no longer valid, the first second it must be verified again
     * (max-entry-life after it was verified), and its estimated bytes.
     */
    private record Entry(JsonWebToken jwt, long validUntil, long reverifyAt, int weight) {
    }

    @Override
    public JsonWebToken parse(String token) throws ParseException {
        if (!enabled || token == null) {
            return verifyWithSmallrye(token);
        }
        Entry hit = verified.getIfPresent(token);
        long now = epochSeconds.getAsLong();
        if (hit != null) {
            if (now >= hit.validUntil()) {
                verified.invalidate(token);
                throw new ParseException("The token has expired");
            }
            if (now < hit.reverifyAt()) {
                return hit.jwt();
            }
            // served long enough without a look at the signature: verified again (a key since withdrawn refuses it)
            verified.invalidate(token);
        }
        JsonWebToken jwt = verifyWithSmallrye(token);
        long validUntil = validUntil(jwt);
        if (token.length() <= maxCachedTokenLength && validUntil > now) {
            verified.put(token, new Entry(jwt, validUntil, now + maxEntryLifeSeconds, weight(token, jwt)));
        }
        return jwt;
    }

    private JsonWebToken verifyWithSmallrye(String token) throws ParseException {
        verifications.increment();
        return delegate.parse(token);
    }

    /** The first epoch second a token smallrye accepted is no longer valid (0: do not cache it). */
    long validUntil(JsonWebToken jwt) {
        long exp = jwt.getExpirationTime();
        if (exp <= 0) {
            return 0; // smallrye requires exp; never cache a token without one
        }
        // jose4j refuses a token when now - skew >= exp
        long until = exp + skewSeconds;
        if (tokenAgeSeconds != null) {
            // DefaultJWTTokenParser refuses a token when now - iat > token age
            until = Math.min(until, jwt.getIssuedAtTime() + tokenAgeSeconds + 1);
        }
        return until;
    }

    /**
     * Estimated bytes of a cache entry: the token text (ASCII, compact string; the principal's raw token is the same
     * string), jose4j's copy of the payload JSON, and every claim (names and strings as UTF-16, JSON-P wrappers).
     */
    static int weight(String token, JsonWebToken jwt) {
        long bytes = ENTRY_OVERHEAD + 40L + token.length();
        int firstDot = token.indexOf('.');
        int lastDot = token.lastIndexOf('.');
        if (firstDot >= 0 && lastDot > firstDot) {
            bytes += 40L + (lastDot - firstDot) * 3L / 4; // the payload JSON jose4j keeps
        }
        for (String name : jwt.getClaimNames()) {
            if (Claims.raw_token.name().equals(name)) {
                continue;
            }
            bytes += 48 + chars(name) + claimBytes(jwt.getClaim(name), 0);
        }
        return (int) Math.min(Integer.MAX_VALUE, bytes);
    }

    private static long claimBytes(Object value, int depth) {
        if (value == null) {
            return 0;
        }
        if (depth > 16) {
            return 64;
        }
        if (value instanceof JsonString s) {
            return 16 + chars(s.getString());
        }
        if (value instanceof CharSequence s) {
            return 40L + 2L * s.length();
        }
        if (value instanceof Map<?, ?> m) {
            long bytes = 64;
            for (Map.Entry<?, ?> e : m.entrySet()) {
                bytes += 48 + claimBytes(e.getKey(), depth + 1) + claimBytes(e.getValue(), depth + 1);
            }
            return bytes;
        }
        if (value instanceof Collection<?> c) {
            long bytes = 48;
            for (Object o : c) {
                bytes += 16 + claimBytes(o, depth + 1);
            }
            return bytes;
        }
        if (value instanceof JsonNumber || value instanceof Number || value instanceof JsonValue || value instanceof Boolean) {
            return 32;
        }
        return 64;
    }

    private static long chars(String s) {
        return s == null ? 0 : 40L + 2L * s.length();
    }

    /** How often smallrye was asked to verify a token through {@link #parse(String)} (tests and diagnostics). */
    public long verifications() {
        return verifications.sum();
    }

    /** Tokens the cache holds now (tests and diagnostics). */
    public long cachedTokens() {
        verified.cleanUp();
        return verified.estimatedSize();
    }

    /** Estimated bytes the cache holds now (tests and diagnostics). */
    public long cachedBytes() {
        verified.cleanUp();
        return verified.asMap().values().stream().mapToLong(Entry::weight).sum();
    }

    // --- the rest of JWTParser: explicit keys, secrets or contexts are passed through, never cached -----------------

    @Override
    public JsonWebToken parse(String token, JWTAuthContextInfo context) throws ParseException {
        return delegate.parse(token, context);
    }

    @Override
    public JsonWebToken verify(String token, PublicKey key) throws ParseException {
        return delegate.verify(token, key);
    }

    @Override
    public JsonWebToken verify(String token, SecretKey key) throws ParseException {
        return delegate.verify(token, key);
    }

    @Override
    public JsonWebToken verify(String token, String secret) throws ParseException {
        return delegate.verify(token, secret);
    }

    @Override
    public JsonWebToken decrypt(String token, PrivateKey key) throws ParseException {
        return delegate.decrypt(token, key);
    }

    @Override
    public JsonWebToken decrypt(String token, SecretKey key) throws ParseException {
        return delegate.decrypt(token, key);
    }

    @Override
    public JsonWebToken decrypt(String token, String secret) throws ParseException {
        return delegate.decrypt(token, secret);
    }

    @Override
    public JsonWebToken parseOnly(String token) throws ParseException {
        return delegate.parseOnly(token);
    }
}
