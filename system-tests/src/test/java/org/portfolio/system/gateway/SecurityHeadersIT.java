package org.portfolio.system.gateway;

import io.restassured.response.Response;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.util.List;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The real stack's answers through the gateway, each service's, carry the security headers (docs/security.md T31):
 * nothing an authenticated caller reads is kept by a cache, nothing is sniffed as a page or framed; and each says the
 * caller's rate limit (RateLimit-Policy, RateLimit).
 */
@ExtendWith(RunningStack.class)
class SecurityHeadersIT {

    private final Api api;

    SecurityHeadersIT(RunningStack.Stack running) {
        this.api = new Api(running.stack());
    }

    @Test
    void everyServicesAnswerToATokenIsNeverStoredNorSniffedNorFramed() throws Exception {
        String admin = api.admin();
        List<String> paths = List.of("/api/oversight-bodies", "/api/schools/" + UUID.randomUUID(),
                "/api/autonomy/decision-catalog", "/api/performance/schools", "/api/performance/ratings/export",
                "/api/enrollment/schools", "/api/events", "/api/webhooks", "/edfi/data/v3/ed-fi/schools",
                "/api/admin/clients");
        for (String path : paths) {
            Response r = api.gw().auth().oauth2(admin).get(path);
            assertThat(r.statusCode()).as(path).isLessThan(500);
            assertProtected(path, r);
            assertThat(r.header("Cache-Control")).as(path).isEqualTo("no-store");
            assertThat(r.header("RateLimit-Policy")).as(path).matches("\"client\";q=[0-9]+;w=[0-9]+");
            assertThat(r.header("RateLimit")).as(path).matches("\"client\";r=[0-9]+;t=[0-9]+");
        }
    }

    @Test
    void anAnonymousAnswerIsProtectedAndPublicFiguresAreLeftCacheable() {
        for (String path : List.of("/api/schools", "/api/performance/public/export", "/api/contracts")) {
            Response r = api.gw().get(path);
            assertThat(r.statusCode()).as(path).isLessThan(500);
            assertProtected(path, r);
            assertThat(r.header("Cache-Control")).as(path).isNull();
            // an address's bucket is shared by every caller behind one proxy: its state is told to no one
            assertThat(r.header("RateLimit")).as(path).isNull();
        }
        // the merged document says itself how it may be kept (no-cache: asked for again, it may have changed)
        Response document = api.gw().get("/openapi");
        assertProtected("/openapi", document);
        assertThat(document.header("Cache-Control")).isEqualTo("no-cache");
    }

    private static void assertProtected(String path, Response r) {
        assertThat(r.header("X-Content-Type-Options")).as(path).isEqualTo("nosniff");
        assertThat(r.header("X-Frame-Options")).as(path).isEqualTo("DENY");
        assertThat(r.header("Content-Security-Policy")).as(path).isEqualTo("default-src 'none'; frame-ancestors 'none'");
        assertThat(r.header("Referrer-Policy")).as(path).isEqualTo("no-referrer");
    }
}
