package org.portfolio.platform.web.security;

import com.github.benmanes.caffeine.cache.Ticker;
import io.smallrye.jwt.auth.principal.DefaultJWTCallerPrincipal;
import io.smallrye.jwt.auth.principal.DefaultJWTParser;
import io.smallrye.jwt.auth.principal.ParseException;
import org.eclipse.microprofile.jwt.JsonWebToken;
import org.jose4j.jwt.JwtClaims;
import org.jose4j.jwt.NumericDate;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The verified-token cache's own rules, with a controlled clock and a stand-in for smallrye's verification (the real
 * one, through SmallRye JWT, in VerifiedTokenCacheTest): a token is verified once; a cached token past its {@code exp}
 * plus the clock skew (or past its token age) is refused even while the cache still holds it; the cache stays within
 * its byte bound; a token above the maximum size is never cached.
 */
class VerifiedTokenCacheUnitTest {

    private static final long NOW = 1_800_000_000L;
    private static final int SKEW = 60;

    private final AtomicLong clock = new AtomicLong(NOW);
    private final AtomicInteger verified = new AtomicInteger();
    /** smallrye's part: accepts every token it is given (the cache's rules are under test, not the signature). */
    private final DefaultJWTParser smallrye = new DefaultJWTParser() {
        @Override
        public JsonWebToken parse(String token) {
            verified.incrementAndGet();
            return principal(token);
        }
    };

    @Test
    void aTokenIsVerifiedOnceAndTheSamePrincipalIsServedAfterwards() throws Exception {
        VerifiedTokenCache cache = cache(1 << 20, 8 * 1024, null);
        String token = token("a", NOW + 600, 3);
        JsonWebToken first = cache.parse(token);
        assertThat(cache.parse(token)).isSameAs(first);
        assertThat(cache.parse(token)).isSameAs(first);
        assertThat(verified).hasValue(1);
        assertThat(cache.verifications()).isEqualTo(1);
        cache.parse(token("b", NOW + 600, 3));
        assertThat(verified).hasValue(2);
    }

    @Test
    void aCachedTokenPastItsExpiryAndTheSkewIsRefusedWithoutAskingSmallrye() throws Exception {
        VerifiedTokenCache cache = cache(1 << 20, 8 * 1024, null);
        String token = token("a", NOW + 10, 3);
        cache.parse(token);
        clock.set(NOW + 10 + SKEW - 1); // jose4j accepts while now - skew < exp
        assertThat(cache.parse(token).getSubject()).isEqualTo("a");
        clock.set(NOW + 10 + SKEW);
        assertThatThrownBy(() -> cache.parse(token)).isInstanceOf(ParseException.class).hasMessageContaining("expired");
        assertThat(verified).as("refused by the cache itself (its ticker never moved)").hasValue(1);
        assertThat(cache.cachedTokens()).isZero();
    }

    /**
     * Review of the cache, M1: a token with a far exp (a forged one, signed with a key since withdrawn) is served from
     * the cache for at most max-entry-life; then smallrye verifies it again — and its refusal stands.
     */
    @Test
    void aTokenIsVerifiedAgainAfterTheLongestEntryLifeWhateverItsExp() throws Exception {
        boolean[] keyWithdrawn = {false};
        DefaultJWTParser rotating = new DefaultJWTParser() {
            @Override
            public JsonWebToken parse(String token) throws ParseException {
                verified.incrementAndGet();
                if (keyWithdrawn[0]) {
                    throw new ParseException("signature verification failed");
                }
                return principal(token);
            }
        };
        Ticker ticker = () -> (clock.get() - NOW) * 1_000_000_000L;
        VerifiedTokenCache cache = new VerifiedTokenCache(rotating, SKEW, null, 1 << 20, 8 * 1024, 300, clock::get, ticker);
        String token = token("forged", NOW + 10L * 365 * 24 * 3600, 3);
        cache.parse(token);
        keyWithdrawn[0] = true;
        clock.set(NOW + 299);
        assertThat(cache.parse(token).getSubject()).as("within max-entry-life: from the cache").isEqualTo("forged");
        assertThat(verified).hasValue(1);
        clock.set(NOW + 300);
        assertThatThrownBy(() -> cache.parse(token)).isInstanceOf(ParseException.class).hasMessageContaining("signature");
        assertThat(verified).as("verified again once max-entry-life passed").hasValue(2);
        assertThatThrownBy(() -> cache.parse(token)).isInstanceOf(ParseException.class);
        assertThat(cache.cachedTokens()).isZero();
    }

    @Test
    void aCachedTokenPastTheConfiguredTokenAgeIsRefused() throws Exception {
        VerifiedTokenCache cache = cache(1 << 20, 8 * 1024, 20L);
        String token = token("a", NOW + 600, 3); // issued at NOW
        cache.parse(token);
        clock.set(NOW + 20);
        cache.parse(token);
        clock.set(NOW + 21);
        assertThatThrownBy(() -> cache.parse(token)).isInstanceOf(ParseException.class);
        assertThat(verified).hasValue(1);
    }

    @Test
    void aTokenThatHasAlreadyExpiredIsNotCached() throws Exception {
        VerifiedTokenCache cache = cache(1 << 20, 8 * 1024, null);
        String token = token("a", NOW - SKEW, 3); // as if smallrye had accepted it a moment ago
        cache.parse(token);
        assertThat(cache.cachedTokens()).isZero();
    }

    @Test
    void aFloodOfLargeDistinctTokensStaysWithinTheByteBound() throws Exception {
        long bound = 1L << 20;
        VerifiedTokenCache cache = cache(bound, 8 * 1024, null);
        for (int i = 0; i < 400; i++) {
            String t = token("flood-" + i, NOW + 600, 100);
            assertThat(t.length()).isBetween(4_000, 8 * 1024);
            cache.parse(t);
        }
        assertThat(cache.cachedBytes()).as("bytes cached").isLessThanOrEqualTo(bound).isGreaterThan(bound / 2);
        assertThat(cache.cachedTokens()).isGreaterThan(20).isLessThan(400);
    }

    @Test
    void aTokenAboveTheMaximumSizeIsVerifiedEveryTimeAndNeverCached() throws Exception {
        VerifiedTokenCache cache = cache(1 << 20, 8 * 1024, null);
        String big = token("big", NOW + 600, 250);
        assertThat(big.length()).isGreaterThan(8 * 1024);
        cache.parse(big);
        cache.parse(big);
        assertThat(verified).hasValue(2);
        assertThat(cache.cachedTokens()).isZero();
    }

    @Test
    void theWeightGrowsWithTheTokenAndItsClaims() {
        String small = token("w", NOW + 600, 1);
        String large = token("w", NOW + 600, 50);
        int light = VerifiedTokenCache.weight(small, principal(small));
        int heavy = VerifiedTokenCache.weight(large, principal(large));
        assertThat(light).isGreaterThan(small.length() + VerifiedTokenCache.ENTRY_OVERHEAD);
        // each school id: 36 characters in the token text, 36 in the payload JSON, 36 UTF-16 characters as a claim
        assertThat(heavy - light).isGreaterThan(49 * 36 * 3);
    }

    private VerifiedTokenCache cache(long maxBytes, long maxTokenLength, Long tokenAge) {
        Ticker frozen = () -> 0L;
        return new VerifiedTokenCache(smallrye, SKEW, tokenAge, maxBytes, maxTokenLength, clock::get, frozen);
    }

    /** A token-shaped text whose payload is the claims (the signature part is a stand-in). */
    private static String token(String subject, long exp, int schools) {
        Base64.Encoder b64 = Base64.getUrlEncoder().withoutPadding();
        return b64.encodeToString("{\"alg\":\"RS256\",\"typ\":\"JWT\"}".getBytes()) + "."
                + b64.encodeToString(claims(subject, exp, schools).toJson().getBytes()) + "."
                + b64.encodeToString(new byte[256]);
    }

    private static JwtClaims claims(String subject, long exp, int schools) {
        JwtClaims c = new JwtClaims();
        c.setIssuer("https://portfolio.local/gateway");
        c.setAudience("portfolio-api");
        c.setSubject(subject);
        c.setIssuedAt(NumericDate.fromSeconds(NOW));
        c.setExpirationTime(NumericDate.fromSeconds(exp));
        c.setStringListClaim("groups", "SIS");
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < schools; i++) {
            ids.add(UUID.nameUUIDFromBytes((subject + i).getBytes()).toString());
        }
        c.setStringListClaim("schools", ids);
        return c;
    }

    private static JsonWebToken principal(String token) {
        try {
            String json = new String(Base64.getUrlDecoder().decode(token.split("\\.")[1]));
            JwtClaims claims = JwtClaims.parse(json);
            claims.setClaim("raw_token", token);
            return new DefaultJWTCallerPrincipal(token, "JWT", claims);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
