package org.portfolio.system.gateway;

import io.restassured.RestAssured;
import io.restassured.response.Response;
import io.restassured.specification.RequestSpecification;
import org.portfolio.system.PortfolioStack;

import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

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

    /** Registers a client with these roles and this scope (schools, oversightBodies, zones, allSchools); its token. */
    String tokenForScope(Collection<String> roles, Map<String, Object> scope) throws Exception {
        Map<String, Object> body = new java.util.LinkedHashMap<>(scope);
        body.put("name", "system test " + String.join("+", roles) + " " + UUID.randomUUID());
        body.put("roles", roles);
        Response r = gw().auth().oauth2(admin()).contentType("application/json").body(body).post("/api/admin/clients");
        assertThat(r.statusCode()).as(r.asString()).isEqualTo(201);
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

    /** A school of this oversight body in this zone. */
    UUID school(UUID oversightBody, String zone) throws Exception {
        Map<String, Object> body = new java.util.LinkedHashMap<>(schoolBody(oversightBody));
        body.put("zone", zone);
        String id = gw().auth().oauth2(admin()).contentType("application/json")
                .body(body).post("/api/schools").then().statusCode(201).extract().path("id");
        return UUID.fromString(id);
    }

    UUID school(UUID oversightBody) throws Exception {
        String id = gw().auth().oauth2(admin()).contentType("application/json")
                .body(schoolBody(oversightBody)).post("/api/schools").then().statusCode(201).extract().path("id");
        return UUID.fromString(id);
    }

    /** The administrator's requests through the gateway. */
    RequestSpecification asAdmin() throws Exception {
        return gw().auth().oauth2(admin());
    }

    /** POSTs a body as the administrator, expects 201 and returns the id of what was created. */
    String created(String path, Object body) throws Exception {
        Response r = asAdmin().contentType("application/json").body(body).post(path);
        assertThat(r.statusCode()).as("POST " + path + ": " + r.asString()).isEqualTo(201);
        return r.path("id");
    }

    /** A new decision in the catalog of a domain (so that a new grant on it overlaps nothing); its code. */
    String newDecision(String domain) throws Exception {
        String code = "MATRIX_" + UUID.randomUUID().toString().replace("-", "").substring(0, 12).toUpperCase();
        asAdmin().contentType("application/json").body(Map.of("code", code, "domain", domain, "name", "Matrix decision"))
                .post("/api/autonomy/decision-catalog/decisions").then().statusCode(201);
        return code;
    }

    /** Waits until autonomy-, performance- and enrollment-service have learned of a school from its events. */
    void awaitKnownEverywhere(UUID school) {
        org.awaitility.Awaitility.await().atMost(java.time.Duration.ofSeconds(60)).untilAsserted(() -> {
            assertThat(asAdmin().get("/api/autonomy/schools/" + school + "/decision-rights").statusCode()).isEqualTo(200);
            assertThat(asAdmin().get("/api/performance/schools/" + school + "/profile").statusCode()).isEqualTo(200);
            assertThat(asAdmin().get("/api/enrollment/schools").asString()).contains(school.toString());
        });
    }

    /** The current school year, "2026-27" from July 2026 to June 2027. */
    static String schoolYear() {
        int start = schoolYearStart();
        return start + "-" + String.format("%02d", (start + 1) % 100);
    }

    /** The calendar year the current school year started in (2026 from July 2026 to June 2027). */
    static int schoolYearStart() {
        java.time.LocalDate today = java.time.LocalDate.now(java.time.ZoneOffset.UTC);
        return today.getMonthValue() >= 7 ? today.getYear() : today.getYear() - 1;
    }

    /**
     * An offer deadline 90 days ahead: fixed ones (2027-04-01) would be past in a few months and a period could no longer
     * be published (time-bomb review, sixteenth pass).
     */
    static String offerDeadline() {
        return java.time.Instant.now().plus(java.time.Duration.ofDays(90)).truncatedTo(java.time.temporal.ChronoUnit.SECONDS).toString();
    }

    static Map<String, Object> schoolBody(UUID oversightBody) {
        return Map.of("districtCode", "S-" + UUID.randomUUID().toString().substring(0, 8), "name", "School " + UUID.randomUUID(),
                "type", "CHARTER", "grades", List.of("9", "10"), "oversightBodyId", oversightBody.toString());
    }
}
