package org.portfolio.gateway;

import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.Test;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasKey;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.startsWith;

/** /openapi: the services' live documents merged (here the stand-in service, and enrollment down). */
@QuarkusTest
class MergedOpenApiTest {

    /**
     * Outside check of the twenty-second pass (H1): forty anonymous callers at once, once the services' copies had aged,
     * each fetched and parsed every service's document, merged its own and rendered its own megabyte: the gateway ran
     * out of memory. Callers arriving together share one fetch of each service's document and one merge (here: at
     * most a few, as the service that is down is asked again after 2 s), and all get the same document.
     */
    @Test
    void callersArrivingTogetherShareOneFetchPerServiceAndOneMerge() throws Exception {
        given().get("/openapi").then().statusCode(200);
        merged.forgetCopies();
        long fetches = merged.fetches();
        long merges = merged.merges();
        int callers = 40;
        java.util.concurrent.ExecutorService pool = java.util.concurrent.Executors.newFixedThreadPool(callers);
        try {
            java.util.concurrent.CountDownLatch go = new java.util.concurrent.CountDownLatch(1);
            java.util.List<java.util.concurrent.Future<String>> answers = new java.util.ArrayList<>();
            for (int i = 0; i < callers; i++) {
                answers.add(pool.submit(() -> {
                    go.await();
                    return given().get("/openapi").then().statusCode(200).extract().asString();
                }));
            }
            go.countDown();
            java.util.Set<String> bodies = new java.util.HashSet<>();
            for (var a : answers) {
                bodies.add(a.get(60, java.util.concurrent.TimeUnit.SECONDS));
            }
            org.assertj.core.api.Assertions.assertThat(bodies.size()).as("different documents the callers got").isLessThanOrEqualTo(8);
        } finally {
            pool.shutdownNow();
        }
        // a loaded machine may spread the callers over more than the dead service's 2 s retry: a few more, never one each
        org.assertj.core.api.Assertions.assertThat(merged.fetches() - fetches).as("service documents fetched (6 services)")
                .isBetween(6L, 20L);
        org.assertj.core.api.Assertions.assertThat(merged.merges() - merges).as("merges").isBetween(1L, 8L);
    }

    @Test
    void mergesTheServicesDocumentsUnderTheirPublicPathsWithTheGatewaysOwn() {
        given().get("/openapi").then().statusCode(200).contentType("application/json")
                .body("openapi", equalTo("3.1.0"))
                .body("info.title", equalTo("Portfolio API"))
                .body("servers[0].url", startsWith("http://localhost:"))
                .body("paths", hasKey("/oauth/token"))
                .body("paths", hasKey("/api/admin/clients"))
                .body("paths", hasKey("/api/schools/{id}"))
                .body("paths", hasKey("/api/autonomy/things"))
                .body("paths", hasKey("/api/performance/metrics"))
                .body("paths", not(hasKey("/q/health")))
                .body("paths", not(hasKey("/openapi")));
    }

    @Test
    void addsTheOAuth2ClientCredentialsSchemeAndUsesItForSecuredOperations() {
        given().get("/openapi").then().statusCode(200)
                .body("components.securitySchemes.oauth2.type", equalTo("oauth2"))
                .body("components.securitySchemes.oauth2.flows.clientCredentials.tokenUrl", startsWith("http://localhost:"))
                .body("components.securitySchemes.oauth2.flows.clientCredentials.tokenUrl", containsString("/oauth/token"))
                .body("components.securitySchemes.oauth2.flows.clientCredentials.scopes", hasKey("SIS"))
                .body("paths.'/api/autonomy/things'.post.security[0].oauth2", hasItem("DISTRICT_ADMIN"))
                .body("paths.'/api/autonomy/things'.post.security[1]", hasKey("token"))
                .body("components.securitySchemes.token.scheme", equalTo("bearer"))
                .body("components.securitySchemes", not(hasKey("bearer")))
                .body("paths.'/api/autonomy/things'.post.responses", hasKey("429"))
                .body("paths.'/api/autonomy/things'.post.responses", hasKey("413"))
                .body("paths.'/api/autonomy/things'.post.responses", hasKey("503"))
                .body("paths.'/api/autonomy/things'.post.operationId", equalTo("createAutonomyThing"))
                .body("paths.'/api/schools/{id}'.get.operationId", equalTo("getSchool"))
                .body("paths.'/api/admin/clients/{clientId}/secret'.post.operationId", equalTo("rotateClientSecret"))
                .body("paths.'/api/admin/clients'.get.security[0].oauth2", hasItem("DISTRICT_ADMIN"))
                .body("paths.'/oauth/token'.post.security[0]", hasKey("clientBasic"))
                .body("components.securitySchemes.clientBasic.scheme", equalTo("basic"))
                .body("components.schemas", hasKey("Problem"))
                .body("components.schemas", not(hasKey("Unused")));
    }

    @Test
    void theTokenEndpointIsDocumentedAsRfc6749SaysNotAsProblems() {
        // its own errors are OAuth2's {"error": ...} as application/json; only what the gateway's front door answers
        // before it (a body over the size limit, the rate limit) is problem+json
        given().get("/openapi").then().statusCode(200)
                .body("paths.'/oauth/token'.post.operationId", equalTo("requestToken"))
                .body("paths.'/oauth/token'.post.security", equalTo(java.util.List.of(java.util.Map.of("clientBasic", java.util.List.of()))))
                .body("paths.'/oauth/token'.post.requestBody.content", hasKey("application/x-www-form-urlencoded"))
                .body("paths.'/oauth/token'.post.responses.'200'.content.'application/json'.schema.'$ref'",
                        equalTo("#/components/schemas/TokenResponse"))
                .body("paths.'/oauth/token'.post.responses.'400'.content.'application/json'.schema.'$ref'",
                        equalTo("#/components/schemas/OAuthError"))
                .body("paths.'/oauth/token'.post.responses.'401'.content.'application/json'.schema.'$ref'",
                        equalTo("#/components/schemas/OAuthError"))
                .body("paths.'/oauth/token'.post.responses.'400'.content", not(hasKey("application/problem+json")))
                .body("paths.'/oauth/token'.post.responses", not(hasKey("403")))
                .body("paths.'/oauth/token'.post.responses", not(hasKey("409")))
                .body("paths.'/oauth/token'.post.responses", not(hasKey("415")))
                .body("paths.'/oauth/token'.post.responses", not(hasKey("422")))
                .body("paths.'/oauth/token'.post.responses.'413'.content", hasKey("application/problem+json"))
                .body("paths.'/oauth/token'.post.responses.'429'.'$ref'", equalTo("#/components/responses/GatewayTooManyRequests"))
                .body("components.schemas.OAuthError.properties.error.enum", hasItem("invalid_client"))
                .body("components.schemas.OAuthError.required", hasItem("error"));
    }

    @Test
    void saysWhichServiceCouldNotBeReadAndStrictModeRefusesAnIncompleteDocument() {
        given().get("/openapi").then().statusCode(200)
                .header("X-Portfolio-OpenAPI-Incomplete", containsString("enrollment-service=unavailable"))
                .body("info.description", containsString("Incomplete"))
                .body("'x-portfolio-sources'.find { it.service == 'enrollment-service' }.status", equalTo("UNAVAILABLE"))
                .body("'x-portfolio-sources'.find { it.service == 'contracts-service' }.status", equalTo("UP"));
        given().get("/openapi?strict=true").then().statusCode(503).contentType("application/problem+json")
                .header("Retry-After", "5").body("detail", containsString("enrollment-service"));
    }

    @jakarta.inject.Inject
    org.portfolio.gateway.openapi.MergedOpenApi merged;

    /**
     * The merge ran again for every request, anonymous ones included. Now a result is handed out again while the
     * services' documents and the server URL are the ones it was built from (here enrollment is down, so its document
     * is asked for again every 2 s: one pair of requests in three is enough to see the reuse).
     */
    @Test
    void theMergedDocumentIsBuiltOnceWhileNothingItIsMadeOfChanged() {
        boolean reused = false;
        for (int i = 0; i < 3 && !reused; i++) {
            reused = merged.build("http://a.example") == merged.build("http://a.example");
        }
        org.assertj.core.api.Assertions.assertThat(reused).as("the second build hands out the first's result").isTrue();
        org.portfolio.gateway.openapi.MergedOpenApi.Result other = merged.build("http://b.example");
        org.assertj.core.api.Assertions.assertThat(other.document().path("servers").path(0).path("url").asText())
                .isEqualTo("http://b.example");
        String first = given().get("/openapi").then().statusCode(200).extract().asString();
        org.assertj.core.api.Assertions.assertThat(given().get("/openapi").then().statusCode(200).extract().asString())
                .isEqualTo(first);
    }

    @Test
    void servesYamlAndSwaggerUi() {
        given().get("/openapi.yaml").then().statusCode(200).contentType(containsString("yaml"))
                .body(containsString("openapi: 3.1.0"));
        given().accept("application/yaml").get("/openapi").then().statusCode(200).contentType(containsString("yaml"));
        given().get("/q/swagger-ui/").then().statusCode(200);
        given().get("/.well-known/jwks.json").then().statusCode(200).body("keys[0].kty", equalTo("RSA"))
                .body("keys[0].use", equalTo("sig")).body("keys[0].alg", equalTo("RS256")).body("keys[0]", not(hasKey("d")));
    }

    /**
     * The OpenAPI fuzzer (seed 23, 2026-12-06) sent PUT /api/admin/clients/. — an id the document admitted, a dot segment
     * every HTTP stack removes: an undeclared 405 on /api/admin/clients/. No id the document admits is a dot segment.
     */
    @Test
    void noClientIdTheDocumentAdmitsIsADotSegment() {
        String pattern = given().get("/openapi").then().statusCode(200).extract()
                .path("paths.'/api/admin/clients/{clientId}'.get.parameters.find { it.name == 'clientId' }.schema.pattern");
        java.util.regex.Pattern p = java.util.regex.Pattern.compile(pattern);
        org.assertj.core.api.Assertions.assertThat(p.matcher(".").find()).isFalse();
        org.assertj.core.api.Assertions.assertThat(p.matcher("..").find()).isFalse();
        org.assertj.core.api.Assertions.assertThat(p.matcher("cl_3fA9x0Qz7LmK").find()).isTrue();
        org.assertj.core.api.Assertions.assertThat(p.matcher("portfolio.admin").find()).isTrue();
    }

    /**
     * Twelfth pass (a generated TypeScript client): a client's roles were strings with a pattern, so a typo compiled.
     * They name the shared Role schema, whose values are the roles the gateway checks.
     */
    @Test
    void aClientsRolesAndTheRoleFilterNameTheSharedRoleSchema() {
        given().get("/openapi").then().statusCode(200)
                .body("components.schemas.Role.enum", equalTo(java.util.List.of("DISTRICT_ADMIN", "OVERSIGHT",
                        "SCHOOL_LEADER", "SIS", "ENROLLMENT_OFFICER")))
                .body("components.schemas.ClientRequest.properties.roles.items.'$ref'", equalTo("#/components/schemas/Role"))
                .body("components.schemas.ClientResponse.properties.roles.items.'$ref'", equalTo("#/components/schemas/Role"))
                .body("paths.'/api/admin/clients'.get.parameters.find { it.name == 'role' }.schema.'$ref'",
                        equalTo("#/components/schemas/Role"));
    }
}
