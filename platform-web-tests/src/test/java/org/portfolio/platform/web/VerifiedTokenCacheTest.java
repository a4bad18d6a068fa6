package org.portfolio.platform.web;

import io.quarkus.arc.Arc;
import io.quarkus.arc.ClientProxy;
import io.quarkus.smallrye.jwt.runtime.auth.MpJwtValidator;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;
import org.portfolio.platform.web.security.VerifiedTokenCache;
import org.portfolio.testing.TestTokens;

import java.lang.reflect.Field;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.Set;
import java.util.UUID;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;

/**
 * Issue 17: the services verify a bearer token's signature once and serve it from platform-web's verified-token cache
 * afterwards, through SmallRye JWT's own authentication ({@code MpJwtValidator}); a token that has expired, or any other
 * token text, is never served from it. (Revocation of a cached token: {@link ClientRevocationTest}.)
 */
@QuarkusTest
class VerifiedTokenCacheTest {

    @Inject
    VerifiedTokenCache cache;

    @Test
    void smallRyesValidatorUsesTheCachingParser() throws Exception {
        MpJwtValidator validator = ClientProxy.unwrap(Arc.container().select(MpJwtValidator.class).get());
        Field parser = MpJwtValidator.class.getDeclaredField("parser");
        parser.setAccessible(true);
        assertThat(ClientProxy.unwrap(parser.get(validator))).isInstanceOf(VerifiedTokenCache.class);
    }

    @Test
    void aTokenIsVerifiedOnceAndServedFromTheCacheOnTheNextRequests() {
        String subject = "cache-" + UUID.randomUUID();
        String token = TestTokens.token(subject, Set.of("DISTRICT_ADMIN"), List.of(), Duration.ofMinutes(30));
        long before = cache.verifications();
        for (int i = 0; i < 3; i++) {
            given().auth().oauth2(token).get("/widgets/admin").then().statusCode(200).body("caller", equalTo(subject));
        }
        assertThat(cache.verifications() - before).as("signature verifications for three requests").isEqualTo(1);
    }

    @Test
    void aTamperedTokenOrAnotherSignatureIsNotServedFromTheCache() {
        String token = TestTokens.token("cache-" + UUID.randomUUID(), Set.of("OVERSIGHT"), List.of(), Duration.ofMinutes(30));
        given().auth().oauth2(token).get("/widgets/admin").then().statusCode(403); // verified (not an admin), cached
        String[] parts = token.split("\\.");
        String payload = new String(Base64.getUrlDecoder().decode(parts[1])).replace("OVERSIGHT", "DISTRICT_ADMIN");
        String tampered = parts[0] + "." + Base64.getUrlEncoder().withoutPadding().encodeToString(payload.getBytes())
                + "." + parts[2];
        String forged = TestTokens.forged("DISTRICT_ADMIN");
        String otherSignature = parts[0] + "." + parts[1] + "." + forged.split("\\.")[2];
        long before = cache.verifications();
        for (String bad : List.of(tampered, otherSignature)) {
            ProblemDetailsTest.problem(given().auth().oauth2(bad).get("/widgets/admin").then(), 401, "unauthorized");
        }
        assertThat(cache.verifications() - before).as("each refused token was verified, none came from the cache")
                .isEqualTo(2);
        given().auth().oauth2(token).get("/widgets/admin").then().statusCode(403);
        assertThat(cache.verifications() - before).isEqualTo(2);
    }

    @Test
    void aCachedTokenIsRefusedOnceItHasExpired() throws Exception {
        // the test application's clock skew is 1 s (application.properties); the services keep smallrye's 60 s
        String subject = "cache-" + UUID.randomUUID();
        String token = TestTokens.token(subject, Set.of("DISTRICT_ADMIN"), List.of(), Duration.ofSeconds(3));
        given().auth().oauth2(token).get("/widgets/admin").then().statusCode(200);
        long before = cache.verifications();
        given().auth().oauth2(token).get("/widgets/admin").then().statusCode(200);
        assertThat(cache.verifications()).as("served from the cache").isEqualTo(before);
        long exp = Long.parseLong(new String(Base64.getUrlDecoder().decode(token.split("\\.")[1]))
                .replaceAll(".*\"exp\":(\\d+).*", "$1"));
        long waitMillis = (exp + 1 + 1) * 1000 - System.currentTimeMillis();
        assertThat(waitMillis).isLessThan(5_000);
        Thread.sleep(Math.max(0, waitMillis));
        ProblemDetailsTest.problem(given().auth().oauth2(token).get("/widgets/admin").then(), 401, "unauthorized");
    }

    /**
     * Twenty-seventh pass, G3: the key set read from the gateway's JWKS was kept 60 minutes (smallrye-jwt's default when
     * the answer says nothing of its life), so a signing key withdrawn from the gateway went on verifying tokens here for
     * an hour. Read again no later than the verified-token cache verifies a token again.
     */
    @Test
    void theKeySetIsReadAgainNoLaterThanACachedTokenIsVerifiedAgain() {
        var config = org.eclipse.microprofile.config.ConfigProvider.getConfig();
        int minutes = config.getOptionalValue("smallrye.jwt.jwks.refresh-interval", Integer.class).orElse(60);
        Duration entryLife = config.getOptionalValue("portfolio.security.verified-token-cache.max-entry-life", Duration.class)
                .orElse(Duration.ofMinutes(5));
        assertThat(Duration.ofMinutes(minutes)).isLessThanOrEqualTo(entryLife);
    }
}
