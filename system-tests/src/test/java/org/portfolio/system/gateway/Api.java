package org.portfolio.system.gateway;

import io.restassured.RestAssured;
import io.restassured.response.Response;
import io.restassured.specification.RequestSpecification;
import org.portfolio.system.PortfolioStack;

import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/** The running suite seen from outside: real clients through the admin API, real tokens from /oauth/token. */
final class Api {

    private final PortfolioStack stack;
    private String adminToken;

    Api(PortfolioStack stack) {
        this.stack = stack;
    }

    String gateway() {
        return stack.url("gateway");
    }

    RequestSpecification gw() {
        return RestAssured.given().baseUri(gateway());
    }

    RequestSpecification direct(String service) {
        return RestAssured.given().baseUri(stack.url(service));
    }

    Response tokenResponse(String clientId, String secret) {
        return gw().auth().preemptive().basic(clientId, secret).contentType("application/x-www-form-urlencoded")
                .formParam("grant_type", "client_credentials").post("/oauth/token");
    }

    String token(String clientId, String secret) {
        return tokenResponse(clientId, secret).then().statusCode(200).extract().path("access_token");
    }

    /** A token of the bootstrap administrator `./portfolio up` created. */
    synchronized String admin() throws Exception {
        if (adminToken == null) {
            PortfolioStack.Client c = stack.bootstrapClient();
            adminToken = token(c.id(), c.secret());
        }
        return adminToken;
    }

    /** Registers a client with the admin API and returns a token of it. */
    String tokenFor(Collection<String> roles, Collection<UUID> schools) throws Exception {
        Response r = gw().auth().oauth2(admin()).contentType("application/json")
                .body(Map.of("name", "system test " + String.join("+", roles) + " " + UUID.randomUUID(), "roles", roles, "schools", schools))
                .post("/api/admin/clients");
        r.then().statusCode(201);
        return token(r.path("clientId"), r.path("clientSecret"));
    }

    String tokenFor(String role, UUID... schools) throws Exception {
        return tokenFor(List.of(role), List.of(schools));
    }

    UUID oversightBody() throws Exception {
        String id = gw().auth().oauth2(admin()).contentType("application/json")
                .body(Map.of("name", "Board " + UUID.randomUUID(), "kind", "SCHOOL_BOARD"))
                .post("/api/oversight-bodies").then().statusCode(201).extract().path("id");
        return UUID.fromString(id);
    }

    UUID school(UUID oversightBody) throws Exception {
        String id = gw().auth().oauth2(admin()).contentType("application/json")
                .body(schoolBody(oversightBody)).post("/api/schools").then().statusCode(201).extract().path("id");
        return UUID.fromString(id);
    }

    static Map<String, Object> schoolBody(UUID oversightBody) {
        return Map.of("districtCode", "S-" + UUID.randomUUID().toString().substring(0, 8), "name", "School " + UUID.randomUUID(),
                "type", "CHARTER", "grades", List.of("9", "10"), "oversightBodyId", oversightBody.toString());
    }
}
