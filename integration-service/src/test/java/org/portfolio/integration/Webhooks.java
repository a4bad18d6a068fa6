package org.portfolio.integration;

import io.restassured.http.ContentType;
import io.restassured.response.Response;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static io.restassured.RestAssured.given;

/** Registers subscriptions through the API. */
final class Webhooks {

    record Registered(String id, String secret) {
    }

    private Webhooks() {
    }

    static Response register(String token, String url, List<String> types, List<UUID> schools) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("url", url);
        body.put("eventTypes", types.stream().map(Webhooks::type).toList());
        if (schools != null) {
            body.put("schoolIds", schools.stream().map(UUID::toString).toList());
        }
        body.put("description", "test");
        return given().auth().oauth2(token).contentType(ContentType.JSON).body(body).post("/api/webhooks");
    }

    static Registered registered(String token, Receiver r, List<String> types, List<UUID> schools) {
        Response res = register(token, r.url(), types, schools);
        res.then().statusCode(201);
        Registered reg = new Registered(res.path("id"), res.path("secret"));
        r.secret(reg.secret());
        return reg;
    }

    static String type(String name) {
        for (String svc : List.of("contracts", "autonomy", "performance", "enrollment", "integration")) {
            String t = "portfolio." + svc + "." + name + ".v1";
            if (org.portfolio.integration.domain.EventCatalog.audienceOf(t).isPresent()) {
                return t;
            }
        }
        return name; // not a type of the feed: sent as is
    }
}
