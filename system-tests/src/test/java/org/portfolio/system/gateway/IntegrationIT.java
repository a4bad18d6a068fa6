package org.portfolio.system.gateway;

import com.standardwebhooks.Webhook;
import com.sun.net.httpserver.HttpServer;
import io.restassured.response.Response;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The change feed and webhooks of the running suite, through the gateway: a school registered in contracts-service
 * reaches a webhook receiver on this machine (signature checked with the Standard Webhooks library) and the feed, for
 * an SIS client too (the directory is public), while an ENROLLMENT_OFFICER's feed holds none of a contract's events.
 */
@ExtendWith(RunningStack.class)
class IntegrationIT {

    @Test
    void aRegisteredSchoolReachesASignedWebhookAndTheFeed(RunningStack.Stack running) throws Exception {
        Api api = new Api(running.stack());
        List<String> received = new CopyOnWriteArrayList<>();
        List<String> failures = new CopyOnWriteArrayList<>();
        String[] secret = new String[1];
        HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 10);
        server.createContext("/hook", x -> {
            String body = new String(x.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
            Map<String, List<String>> headers = new HashMap<>();
            x.getRequestHeaders().forEach((k, v) -> headers.put(k.toLowerCase(Locale.ROOT), v));
            try {
                new Webhook(secret[0]).verify(body, headers);
                received.add(body);
                x.sendResponseHeaders(204, -1);
            } catch (Exception e) {
                failures.add(e.toString());
                x.sendResponseHeaders(400, -1);
            }
            x.close();
        });
        server.start();
        try {
            String admin = api.admin();
            Response sub = api.gw().auth().oauth2(admin).contentType("application/json")
                    .body(Map.of("url", "http://127.0.0.1:" + server.getAddress().getPort() + "/hook",
                            "eventTypes", List.of("portfolio.contracts.SchoolRegistered.v1"), "description", "IntegrationIT"))
                    .post("/api/webhooks");
            assertThat(sub.statusCode()).as(sub.asString()).isEqualTo(201);
            secret[0] = sub.path("secret");
            assertThat(sub.header("Cache-Control")).as("the secret, shown once, is never kept by a cache").isEqualTo("no-store");
            String feedStart = end(api, admin);

            Instant registeredAt = Instant.now();
            UUID school = api.school(api.oversightBody());
            await().atMost(Duration.ofSeconds(60)).until(() -> received.stream().anyMatch(b -> b.contains(school.toString())));
            System.out.println("[e2e] school registered → signed webhook received: "
                    + Duration.between(registeredAt, Instant.now()).toMillis() + " ms");
            assertThat(failures).isEmpty();

            String sis = api.tokenFor("SIS", school);
            List<String> seen = api.gw().auth().oauth2(sis).get("/api/events?after=" + feedStart + "&schoolId=" + school)
                    .then().statusCode(200).extract().jsonPath().getList("events.type");
            assertThat(seen).contains("portfolio.contracts.SchoolRegistered.v1");
            String year = Api.schoolYear();
            api.created("/api/contracts", Map.of("schoolId", school.toString(), "term", Map.of("startYear", year, "endYear", year)));
            String officer = api.tokenFor("ENROLLMENT_OFFICER");
            assertThat(api.gw().auth().oauth2(officer).get("/api/events?after=" + feedStart + "&schoolId=" + school)
                    .then().statusCode(200).extract().jsonPath().getList("events.type", String.class))
                    .allMatch(t -> t.startsWith("portfolio.contracts.School"));
            api.gw().auth().oauth2(admin).delete("/api/webhooks/" + sub.path("id")).then().statusCode(204);
        } finally {
            server.stop(0);
        }
    }

    private static String end(Api api, String token) {
        String cursor = "0";
        for (int i = 0; i < 10_000; i++) {
            Response r = api.gw().auth().oauth2(token).get("/api/events?limit=500&after=" + cursor);
            cursor = r.path("next");
            if (!r.<Boolean>path("hasMore")) {
                return cursor;
            }
        }
        throw new AssertionError("the feed did not end");
    }
}
