package org.portfolio.system.gateway;

import io.restassured.response.Response;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.portfolio.system.PortfolioStack;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** Real tokens of the real gateway, and the attacks every service rejects on its own too. */
@ExtendWith(RunningStack.class)
class TokensIT {

    private final RunningStack.Stack running;
    private final Api api;

    TokensIT(RunningStack.Stack running) {
        this.running = running;
        this.api = new Api(running.stack());
    }

    @Test
    void upPrintsTheBootstrapAdministratorOnceAndItOpensTheAdminApi() throws Exception {
        PortfolioStack.Client admin = running.stack().bootstrapClient();
        assertThat(admin.id()).isEqualTo("cl_bootstrap_admin");
        assertThat(admin.secret()).hasSizeGreaterThanOrEqualTo(43);
        assertThat(running.upOutput()).contains("client id:     cl_bootstrap_admin").contains(admin.secret())
                .contains("curl -s -u 'cl_bootstrap_admin:" + admin.secret() + "' -d grant_type=client_credentials");
        assertThat(running.stack().run(Duration.ofMinutes(2), "up")).doesNotContain(admin.secret());
        assertThat(api.gw().auth().oauth2(api.admin()).get("/api/admin/clients/cl_bootstrap_admin").statusCode()).isEqualTo(200);
    }

    @Test
    void theGatewaysTokensCarryRolesForThirtyMinutesAndEveryServiceAcceptsThem() throws Exception {
        Response r = api.tokenResponse(running.stack().bootstrapClient().id(), running.stack().bootstrapClient().secret());
        assertThat(r.statusCode()).isEqualTo(200);
        assertThat(r.<Integer>path("expires_in")).isEqualTo(1800);
        assertThat(r.<String>path("token_type")).isEqualTo("Bearer");
        assertThat(r.header("Cache-Control")).contains("no-store");
        String token = r.path("access_token");
        String header = new String(Base64.getUrlDecoder().decode(token.split("\\.")[0]), StandardCharsets.UTF_8);
        String kid = api.gw().get("/oauth/jwks").then().statusCode(200).extract().path("keys[0].kid");
        assertThat(header).contains("\"kid\":\"" + kid + "\"").contains("RS256");
        for (String[] call : List.of(new String[]{"contracts-service", "/api/oversight-bodies"},
                new String[]{"autonomy-service", "/api/autonomy/decision-catalog/decisions"},
                new String[]{"performance-service", "/api/performance/metrics"},
                new String[]{"enrollment-service", "/api/enrollment/schools"})) {
            assertThat(api.direct(call[0]).auth().oauth2(token).get(call[1]).statusCode()).as(call[0]).isEqualTo(200);
        }
    }

    /**
     * Every kind of bad token of docs/security.md T1, at the gateway and directly at every one of the six services, on
     * an operation that needs a token (on a public one a service ignores the token and answers what anyone gets). Until
     * 2026-12-05 this test knew four kinds and four services; the HMAC-confused, other-audience and other-issuer
     * tokens were tested at the gateway only.
     */
    @Test
    void everyKindOfBadTokenIs401AtTheGatewayAndAtEveryService() throws Exception {
        String real = api.tokenFor("OVERSIGHT");
        java.nio.file.Path key = running.stack().privateKey();
        java.nio.file.Path publicKey = key.resolveSibling("jwt-public.pem");
        Map<String, String> attacks = new java.util.LinkedHashMap<>();
        attacks.put("expired", Jwts.expired(key));
        attacks.put("forged", Jwts.forged());
        attacks.put("tampered", Jwts.tampered(real));
        attacks.put("alg none", Jwts.unsigned(real));
        attacks.put("HS256 keyed with the public key (PEM)", Jwts.hmacWithThePublicKey(publicKey, false));
        attacks.put("HS256 keyed with the public key (DER)", Jwts.hmacWithThePublicKey(publicKey, true));
        attacks.put("another audience", Jwts.otherAudience(key));
        attacks.put("another issuer", Jwts.otherIssuer(key));
        List<String[]> targets = List.of(
                new String[]{"gateway", "GET", "/api/oversight-bodies"},
                new String[]{"gateway", "GET", "/api/enrollment/applicants"},
                new String[]{"gateway", "GET", "/api/performance/metrics"},
                new String[]{"gateway", "GET", "/api/events"},
                new String[]{"gateway", "GET", "/edfi/data/v3/ed-fi/schools"},
                new String[]{"contracts-service", "GET", "/api/oversight-bodies"},
                new String[]{"contracts-service", "POST", "/api/schools"},
                new String[]{"autonomy-service", "POST", "/api/autonomy/decision-catalog/decisions"},
                new String[]{"autonomy-service", "GET", "/api/autonomy/portfolio"},
                new String[]{"performance-service", "POST", "/api/performance/metrics"},
                new String[]{"enrollment-service", "GET", "/api/enrollment/applicants"},
                new String[]{"integration-service", "GET", "/api/events"},
                new String[]{"edfi-service", "GET", "/edfi/data/v3/ed-fi/schools"});
        for (Map.Entry<String, String> attack : attacks.entrySet()) {
            for (String[] target : targets) {
                var spec = (target[0].equals("gateway") ? api.gw() : api.direct(target[0])).auth().oauth2(attack.getValue());
                if (target[1].equals("POST")) {
                    spec = spec.contentType("application/json").body("{}");
                }
                Response r = spec.request(target[1], target[2]);
                assertThat(r.statusCode()).as(attack.getKey() + " token, " + target[1] + " " + target[2] + " at " + target[0]).isEqualTo(401);
                assertThat(r.contentType()).as(attack.getKey() + " at " + target[0]).startsWith(
                        target[2].startsWith("/edfi/") && !target[0].equals("gateway") ? "application/" : "application/problem+json");
            }
        }
        // the attacked endpoints are ones a real token of the right role may use, through the gateway and directly
        assertThat(api.gw().auth().oauth2(real).get("/api/oversight-bodies").statusCode()).isEqualTo(200);
        String officer = api.tokenFor("ENROLLMENT_OFFICER");
        assertThat(api.direct("enrollment-service").auth().oauth2(officer).get("/api/enrollment/applicants").statusCode()).isEqualTo(200);
        assertThat(api.direct("integration-service").auth().oauth2(real).get("/api/events").statusCode()).isEqualTo(200);
    }

    @Test
    void anOAuthErrorIsPlainJsonPerRfc6749() {
        Response r = api.gw().auth().preemptive().basic("cl_unknown", "nope").contentType("application/x-www-form-urlencoded")
                .formParam("grant_type", "client_credentials").post("/oauth/token");
        assertThat(r.statusCode()).isEqualTo(401);
        assertThat(r.contentType()).startsWith("application/json");
        assertThat(r.header("WWW-Authenticate")).startsWith("Basic");
        assertThat(r.<String>path("error")).isEqualTo("invalid_client");
    }
}
