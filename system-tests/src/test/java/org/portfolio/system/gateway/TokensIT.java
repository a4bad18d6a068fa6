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

    @Test
    void expiredForgedTamperedAndUnsignedTokensAre401AtTheGatewayAndAtEveryService() throws Exception {
        String real = api.tokenFor("OVERSIGHT");
        Map<String, String> attacks = Map.of(
                "expired", Jwts.expired(running.stack().privateKey()),
                "forged", Jwts.forged(),
                "tampered", Jwts.tampered(real),
                "alg none", Jwts.unsigned(real));
        // protected operations (on a public one a service ignores the token, and answers what anyone gets);
        // enrollment-service has no protected endpoint yet, so only the gateway's check applies to it
        List<String[]> targets = List.of(
                new String[]{"gateway", "GET", "/api/oversight-bodies"},
                new String[]{"gateway", "GET", "/api/enrollment/schools"},
                new String[]{"gateway", "GET", "/api/performance/metrics"},
                new String[]{"contracts-service", "GET", "/api/oversight-bodies"},
                new String[]{"contracts-service", "POST", "/api/schools"},
                new String[]{"autonomy-service", "POST", "/api/autonomy/decision-catalog/decisions"},
                new String[]{"performance-service", "POST", "/api/performance/metrics"});
        for (Map.Entry<String, String> attack : attacks.entrySet()) {
            for (String[] target : targets) {
                var spec = (target[0].equals("gateway") ? api.gw() : api.direct(target[0])).auth().oauth2(attack.getValue());
                if (target[1].equals("POST")) {
                    spec = spec.contentType("application/json").body("{}");
                }
                Response r = spec.request(target[1], target[2]);
                assertThat(r.statusCode()).as(attack.getKey() + " token, " + target[1] + " " + target[2] + " at " + target[0]).isEqualTo(401);
                assertThat(r.contentType()).startsWith("application/problem+json");
            }
        }
        // the attacked endpoint of the gateway is one a real OVERSIGHT token may use
        assertThat(api.gw().auth().oauth2(real).get("/api/oversight-bodies").statusCode()).isEqualTo(200);
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
