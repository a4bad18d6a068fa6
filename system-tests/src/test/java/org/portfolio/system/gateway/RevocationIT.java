package org.portfolio.system.gateway;

import io.restassured.response.Response;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A disabled or rotated client's token is refused by every service within seconds, also when the service is called
 * directly rather than through the gateway (issue 13, point 3: the gateway publishes ClientChanged, every service
 * keeps a client directory).
 */
@ExtendWith(RunningStack.class)
class RevocationIT {

    static final Duration BOUND = Duration.ofSeconds(5);

    private final Api api;
    private final UUID school = UUID.randomUUID();
    /** One protected endpoint per service: an SIS client may read the first, the others answer it 403. */
    private final Map<String, String> endpoints = new LinkedHashMap<>();

    RevocationIT(RunningStack.Stack running) {
        this.api = new Api(running.stack());
        endpoints.put("performance-service", "/api/performance/student-records/assessments?schoolId=" + school
                + "&schoolYear=" + Api.schoolYear());
        endpoints.put("contracts-service", "/api/oversight-bodies");
        endpoints.put("autonomy-service", "/api/autonomy/portfolio");
        endpoints.put("enrollment-service", "/api/enrollment/applicants");
        endpoints.put("integration-service", "/api/events");
        endpoints.put("edfi-service", "/edfi/data/v3/ed-fi/schools");
    }

    @Test
    void aDisabledClientsTokenIsRefusedAtTheGatewayAtOnceAndByEveryServiceWithinTheBound() throws Exception {
        Response reg = api.asAdmin().contentType("application/json")
                .body(Map.of("name", "Revocation SIS " + UUID.randomUUID(), "roles", List.of("SIS"), "schools", List.of(school)))
                .post("/api/admin/clients");
        assertThat(reg.statusCode()).as(reg.asString()).isEqualTo(201);
        String id = reg.path("clientId");
        String token = api.token(id, reg.path("clientSecret"));

        String records = endpoints.get("performance-service");
        assertThat(api.gw().auth().oauth2(token).get(records).statusCode()).isEqualTo(200);
        assertThat(api.direct("performance-service").auth().oauth2(token).get(records).statusCode())
                .as("student records read directly from performance-service").isEqualTo(200);
        assertAccepted(token);

        api.asAdmin().post("/api/admin/clients/" + id + "/disable").then().statusCode(200);
        long disabledAt = System.nanoTime();
        Response atGateway = api.gw().auth().oauth2(token).get(records);
        assertThat(atGateway.statusCode()).as("the gateway refuses at once").isEqualTo(401);
        Map<String, Duration> took = awaitRefusedEverywhere(token, disabledAt);
        System.out.println("Disabled client's token refused directly by each service after " + took);

        // enabled again: old tokens stay dead, a new one works; then the secret is rotated
        api.asAdmin().post("/api/admin/clients/" + id + "/enable").then().statusCode(200);
        String etag = api.asAdmin().get("/api/admin/clients/" + id).header("ETag");
        Response before = api.tokenResponse(id, reg.path("clientSecret"));
        String beforeRotation = before.then().statusCode(200).extract().path("access_token");
        assertThat(api.direct("performance-service").auth().oauth2(token).get(records).statusCode())
                .as("enabling does not revive the old token").isEqualTo(401);
        awaitAcceptedEverywhere(beforeRotation);

        String newSecret = api.asAdmin().header("If-Match", etag).post("/api/admin/clients/" + id + "/secret")
                .then().statusCode(200).extract().path("clientSecret");
        long rotatedAt = System.nanoTime();
        assertThat(api.gw().auth().oauth2(beforeRotation).get(records).statusCode()).as("the gateway refuses at once").isEqualTo(401);
        Map<String, Duration> tookRotated = awaitRefusedEverywhere(beforeRotation, rotatedAt);
        System.out.println("Rotated-away token refused directly by each service after " + tookRotated);

        String fresh = api.token(id, newSecret);
        assertThat(api.direct("performance-service").auth().oauth2(fresh).get(records).statusCode()).isEqualTo(200);
        assertThat(api.gw().auth().oauth2(fresh).get(records).statusCode()).isEqualTo(200);
        assertAccepted(fresh);
    }

    /** Each service accepts the token: 200 where SIS may read, 403 (a valid token, a role without the right) elsewhere. */
    private void assertAccepted(String token) {
        // the change feed answers every authenticated client (with what its roles may read)
        endpoints.forEach((service, path) -> assertThat(api.direct(service).auth().oauth2(token).get(path).statusCode())
                .as(service + " " + path).isEqualTo(List.of("performance-service", "integration-service", "edfi-service").contains(service) ? 200 : 403));
    }

    private void awaitAcceptedEverywhere(String token) throws InterruptedException {
        long deadline = System.nanoTime() + BOUND.toNanos();
        while (true) {
            try {
                assertAccepted(token);
                return;
            } catch (AssertionError e) {
                if (System.nanoTime() > deadline) {
                    throw e;
                }
                Thread.sleep(50);
            }
        }
    }

    /** Polls every service until each answers 401; how long each took after {@code since}. */
    private Map<String, Duration> awaitRefusedEverywhere(String token, long since) throws InterruptedException {
        Map<String, Duration> took = new LinkedHashMap<>();
        long deadline = since + BOUND.toNanos();
        while (took.size() < endpoints.size()) {
            for (Map.Entry<String, String> e : endpoints.entrySet()) {
                if (took.containsKey(e.getKey())) {
                    continue;
                }
                Response r = api.direct(e.getKey()).auth().oauth2(token).get(e.getValue());
                if (r.statusCode() == 401) {
                    assertThat(r.contentType()).startsWith("application/problem+json");
                    assertThat(r.<String>path("detail")).as(e.getKey()).startsWith("The bearer token was refused: ");
                    took.put(e.getKey(), Duration.ofNanos(System.nanoTime() - since));
                }
            }
            if (System.nanoTime() > deadline && took.size() < endpoints.size()) {
                throw new AssertionError("within " + BOUND + " only " + took.keySet() + " refused the token");
            }
            Thread.sleep(50);
        }
        return took;
    }
}
