package org.portfolio.gateway.support;

import io.restassured.http.ContentType;
import io.restassured.response.Response;
import org.portfolio.testing.TestTokens;

import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static io.restassured.RestAssured.given;

/** Real API clients registered through the admin API, and real tokens from POST /oauth/token. */
public final class Clients {

    public record Registered(String id, String secret) {
        public String token() {
            return tokenResponse(null).then().statusCode(200).extract().path("access_token");
        }

        public Response tokenResponse(String scope) {
            var spec = given().auth().preemptive().basic(id, secret).contentType(ContentType.URLENC).formParam("grant_type", "client_credentials");
            if (scope != null) {
                spec = spec.formParam("scope", scope);
            }
            return spec.post("/oauth/token");
        }
    }

    private Clients() {
    }

    public static Registered register(Collection<String> roles, Collection<UUID> schools) {
        Response r = given().auth().oauth2(TestTokens.districtAdmin()).contentType(ContentType.JSON)
                .body(Map.of("name", "test " + String.join("+", roles) + " " + UUID.randomUUID(), "roles", roles, "schools", schools))
                .post("/api/admin/clients");
        r.then().statusCode(201);
        return new Registered(r.path("clientId"), r.path("clientSecret"));
    }

    public static Registered register(String role, UUID... schools) {
        return register(List.of(role), List.of(schools));
    }
}
