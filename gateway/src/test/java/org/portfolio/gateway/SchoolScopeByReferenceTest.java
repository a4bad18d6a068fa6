package org.portfolio.gateway;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.Response;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import org.junit.jupiter.api.Test;
import org.portfolio.gateway.support.Clients;
import org.portfolio.gateway.support.StubService;
import org.portfolio.testing.EventsProbe;
import org.portfolio.testing.TestTokens;
import org.portfolio.testing.contract.NotContractChecked;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.IntStream;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;

/**
 * Issue 18: a client's school scope does not ride in its tokens. Any number of schools, the schools of oversight
 * bodies and zones (followed as schools join and leave them), or every school; the token stays under 4 KB and names
 * the scope by reference; the gateway enforces it on its school-scoped paths, and a scope change applies to the
 * tokens a client holds without revoking them.
 */
@QuarkusTest
@NotContractChecked("the school-scoped paths it calls are StubService's, in no OpenAPI document; the admin and token endpoints are checked in ClientRegistryTest and TokenEndpointTest")
class SchoolScopeByReferenceTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String CLIENT_CHANGED = "portfolio.gateway.ClientChanged.v1";

    @Inject
    EntityManager em;

    @Test
    void aClientScopedToTwoThousandSchoolsGetsATokenUnderFourKilobytesThatOpensEachOfThemAndNoOther() {
        List<UUID> schools = IntStream.range(0, 2_000).mapToObj(i -> UUID.randomUUID()).toList();
        Clients.Registered sis = register(Map.of("roles", List.of("SIS"), "schools", schools));
        String token = sis.token();
        assertThat(token.length()).as("the token's size does not grow with the scope").isLessThanOrEqualTo(4_096);
        assertThat(claims(token).has("schools")).isFalse();
        for (UUID s : List.of(schools.get(0), schools.get(999), schools.get(1_999))) {
            given().auth().oauth2(token).get("/api/schools/" + s + "/contract").then().statusCode(200);
        }
        given().auth().oauth2(token).get("/api/schools/" + UUID.randomUUID() + "/contract").then().statusCode(403);
        given().auth().oauth2(TestTokens.districtAdmin()).get("/api/admin/clients/" + sis.id()).then().statusCode(200)
                .body("schools.size()", equalTo(2_000)).body("allSchools", equalTo(false));
    }

    @Test
    void theLargestRegistrationIsPublishedToEveryServiceInOneRecord() {
        // 20,000 schools: the registration limit; its ClientChanged (about 780 KB) stays under Kafka's 1 MB default
        List<UUID> schools = IntStream.range(0, 20_000).mapToObj(i -> UUID.randomUUID()).toList();
        Clients.Registered sis = register(Map.of("roles", List.of("SIS"), "schools", schools));
        EventsProbe.Received r = EventsProbe.await("gateway.clients", e -> sis.id().equals(e.subject()), Duration.ofSeconds(30));
        assertThat(r.data().get("schools")).hasSize(20_000);
        assertThat(sis.token().length()).isLessThanOrEqualTo(4_096);
        given().auth().oauth2(TestTokens.districtAdmin()).contentType(ContentType.JSON)
                .body(Map.of("name", "too many", "roles", List.of("SIS"), "schools",
                        IntStream.range(0, 20_001).mapToObj(i -> UUID.randomUUID()).toList()))
                .post("/api/admin/clients").then().statusCode(400);
    }

    @Test
    void aClientScopedToEverySchoolReachesAnySchoolWithItsOwnRoleOnly() {
        Clients.Registered sis = register(Map.of("roles", List.of("SIS"), "allSchools", true));
        String token = sis.token();
        given().auth().oauth2(token).get("/api/schools/" + UUID.randomUUID() + "/contract").then().statusCode(200);
        assertThat(claims(token).get("groups").toString()).isEqualTo("[\"SIS\"]");
        given().auth().oauth2(token).get("/api/admin/clients").then().statusCode(403);
    }

    @Test
    void anOversightBodyOrZoneScopeFollowsTheSchoolsThatJoinAndLeaveWithoutANewToken() {
        UUID body = UUID.randomUUID();
        String zone = "Zone " + UUID.randomUUID();
        Clients.Registered leader = register(Map.of("roles", List.of("SCHOOL_LEADER"), "oversightBodies", List.of(body)));
        Clients.Registered zoned = register(Map.of("roles", List.of("SIS"), "zones", List.of(zone)));
        String token = leader.token();
        String zoneToken = zoned.token();
        UUID school = UUID.randomUUID();
        given().auth().oauth2(token).get("/api/schools/" + school + "/contract").then().statusCode(403);

        // contracts-service registers a school of that body, in that zone
        EventsProbe.publish("contracts.events", "/contracts", "portfolio.contracts.SchoolRegistered.v1", school.toString(),
                school(school, body, zone));
        await().atMost(Duration.ofSeconds(20)).untilAsserted(() ->
                given().auth().oauth2(token).get("/api/schools/" + school + "/contract").then().statusCode(200));
        given().auth().oauth2(zoneToken).get("/api/schools/" + school + "/contract").then().statusCode(200);
        await().atMost(Duration.ofSeconds(20)).untilAsserted(() ->
                assertThat(lastChange(leader.id()).get("schools")).extracting(JsonNode::asText).contains(school.toString()));
        JsonNode published = lastChange(leader.id());
        assertThat(published.get("schools")).extracting(JsonNode::asText).containsExactly(school.toString());
        assertThat(published.get("oversightBodies")).extracting(JsonNode::asText).containsExactly(body.toString());
        assertThat(published.get("tokenGeneration").asInt()).as("no token revoked").isZero();

        // the school moves to another body and zone: both clients lose it, their tokens still work elsewhere
        EventsProbe.publish("contracts.events", "/contracts", "portfolio.contracts.SchoolUpdated.v1", school.toString(),
                school(school, UUID.randomUUID(), "Elsewhere"));
        await().atMost(Duration.ofSeconds(20)).untilAsserted(() ->
                given().auth().oauth2(token).get("/api/schools/" + school + "/contract").then().statusCode(403));
        given().auth().oauth2(zoneToken).get("/api/schools/" + school + "/contract").then().statusCode(403);
        await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> assertThat(lastChange(zoned.id()).get("schools")).isEmpty());
    }

    @Test
    void anUpdateThatKeepsTheSchoolsBodyAndZoneIsAppliedWithoutWaitingForTheScopeLock() throws Exception {
        UUID body = UUID.randomUUID();
        UUID school = UUID.randomUUID();
        EventsProbe.publish("contracts.events", "/contracts", "portfolio.contracts.SchoolRegistered.v1", school.toString(),
                school(school, body, "Riverside"));
        await().atMost(Duration.ofSeconds(20)).until(() -> membershipRows(school) == 1);
        // another transaction holds the lock that every change of a body's or zone's schools takes
        try (var c = java.sql.DriverManager.getConnection(jdbcUrl(), config("quarkus.datasource.username"),
                config("quarkus.datasource.password"))) {
            c.setAutoCommit(false);
            c.createStatement().execute("select pg_advisory_xact_lock(18018)");
            // the same body and zone again (as when only a name or an address changed): nothing for the scopes to follow
            String renamed = EventsProbe.publish("contracts.events", "/contracts", "portfolio.contracts.SchoolUpdated.v1",
                    school.toString(), school(school, body, "Riverside"));
            await().atMost(Duration.ofSeconds(10)).until(() -> processed(renamed));
            c.rollback();
        }
    }

    private long membershipRows(UUID school) {
        return QuarkusTransaction.requiringNew().call(() -> ((Number) em.createNativeQuery(
                "select count(*) from school_membership where school_id = ?1").setParameter(1, school).getSingleResult()).longValue());
    }

    private boolean processed(String eventId) {
        return QuarkusTransaction.requiringNew().call(() -> ((Number) em.createNativeQuery(
                "select count(*) from processed_event where consumer = 'school-membership' and event_id = ?1")
                .setParameter(1, eventId).getSingleResult()).longValue() == 1);
    }

    private static String jdbcUrl() {
        return config("quarkus.datasource.jdbc.url");
    }

    private static String config(String key) {
        return org.eclipse.microprofile.config.ConfigProvider.getConfig().getValue(key, String.class);
    }

    @Test
    void sixtySchoolsJoiningABodyOneByOnePublishTheClientAFewTimesNotOncePerSchool() {
        UUID body = UUID.randomUUID();
        Clients.Registered leader = register(Map.of("roles", List.of("SCHOOL_LEADER"), "oversightBodies", List.of(body)));
        List<UUID> schools = IntStream.range(0, 60).mapToObj(i -> UUID.randomUUID()).toList();
        for (UUID school : schools) {
            EventsProbe.publish("contracts.events", "/contracts", "portfolio.contracts.SchoolRegistered.v1", school.toString(),
                    school(school, body, "Coalesced"));
        }
        await().atMost(Duration.ofSeconds(60)).untilAsserted(() ->
                assertThat(lastChange(leader.id()).get("schools")).hasSize(60));
        long published = QuarkusTransaction.requiringNew().call(() -> ((Number) em.createNativeQuery(
                "select count(*) from outbox_event where aggregate_id = ?1 and type = ?2")
                .setParameter(1, leader.id()).setParameter(2, CLIENT_CHANGED).getSingleResult()).longValue());
        // before: one ClientChanged per school (61, each with the whole set: quadratic in the body's size)
        assertThat(published).as("ClientChanged events for 60 schools joining").isLessThan(20);
    }

    @Test
    void schoolsNoEventToldTheGatewayOfAreFilledFromTheDirectoryAndAZoneWithACommaStaysOneZone() {
        // the stub's directory holds a school no SchoolRegistered ever announced, in a zone whose name has a comma
        Clients.Registered zoned = register(Map.of("roles", List.of("SIS"), "zones", List.of(StubService.DIRECTORY_ZONE)));
        String token = zoned.token();
        await().atMost(Duration.ofSeconds(20)).untilAsserted(() ->
                given().auth().oauth2(token).get("/api/schools/" + StubService.DIRECTORY_SCHOOL + "/contract").then().statusCode(200));
        given().auth().oauth2(TestTokens.districtAdmin()).get("/api/admin/clients/" + zoned.id()).then().statusCode(200)
                .body("zones", equalTo(List.of(StubService.DIRECTORY_ZONE)));
        // the part before the comma is not a zone of this client
        Clients.Registered north = register(Map.of("roles", List.of("SIS"), "zones", List.of("Directory zone")));
        given().auth().oauth2(north.token()).get("/api/schools/" + StubService.DIRECTORY_SCHOOL + "/contract").then().statusCode(403);
    }

    @Test
    void everySchoolIsForASisNotForASchoolLeaderAndAScopeTooLargeToPublishIsRefused() {
        given().auth().oauth2(TestTokens.districtAdmin()).contentType(ContentType.JSON)
                .body(Map.of("name", "district-wide leader", "roles", List.of("SCHOOL_LEADER"), "allSchools", true))
                .post("/api/admin/clients").then().statusCode(422).body("errors[0].field", equalTo("allSchools"));
        given().auth().oauth2(TestTokens.districtAdmin()).contentType(ContentType.JSON)
                .body(Map.of("name", "many zones", "roles", List.of("SIS"), "zones",
                        IntStream.range(0, 101).mapToObj(i -> "Zone " + i).toList()))
                .post("/api/admin/clients").then().statusCode(400);
    }

    @Test
    void aScopeChangeAppliesToTheTokensTheClientHoldsAtOnceWithoutRevokingThem() {
        UUID a = UUID.randomUUID();
        UUID b = UUID.randomUUID();
        Clients.Registered sis = Clients.register("SIS", a);
        String token = sis.token();
        given().auth().oauth2(token).get("/api/schools/" + a + "/contract").then().statusCode(200);
        String etag = given().auth().oauth2(TestTokens.districtAdmin()).get("/api/admin/clients/" + sis.id()).header("ETag");
        given().auth().oauth2(TestTokens.districtAdmin()).header("If-Match", etag).contentType(ContentType.JSON)
                .body(Map.of("name", "moved", "roles", List.of("SIS"), "schools", List.of(b)))
                .put("/api/admin/clients/" + sis.id()).then().statusCode(200);
        given().auth().oauth2(token).get("/api/schools/" + a + "/contract").then().statusCode(403);
        given().auth().oauth2(token).get("/api/schools/" + b + "/contract").then().statusCode(200);
    }

    @Test
    void aNarrowedTokenKeepsOnlyWhatTheRegistrationStillGrants() {
        UUID a = UUID.randomUUID();
        UUID b = UUID.randomUUID();
        Clients.Registered sis = Clients.register(List.of("SIS"), List.of(a, b));
        Response r = sis.tokenResponse("school:" + a);
        r.then().statusCode(200).body("scope", equalTo("SIS school:" + a));
        String narrowed = r.path("access_token");
        given().auth().oauth2(narrowed).get("/api/schools/" + b + "/contract").then().statusCode(403);
        given().auth().oauth2(narrowed).get("/api/schools/" + a + "/contract").then().statusCode(200);
        String etag = given().auth().oauth2(TestTokens.districtAdmin()).get("/api/admin/clients/" + sis.id()).header("ETag");
        given().auth().oauth2(TestTokens.districtAdmin()).header("If-Match", etag).contentType(ContentType.JSON)
                .body(Map.of("name", "narrower", "roles", List.of("SIS"), "schools", List.of(b)))
                .put("/api/admin/clients/" + sis.id()).then().statusCode(200);
        // a is no longer granted
        given().auth().oauth2(narrowed).get("/api/schools/" + a + "/contract").then().statusCode(403);
    }

    @Test
    void aScopedRoleWithoutAnyScopeIsRefused() {
        given().auth().oauth2(TestTokens.districtAdmin()).contentType(ContentType.JSON)
                .body(Map.of("name", "no scope", "roles", List.of("SIS"), "allSchools", false))
                .post("/api/admin/clients").then().statusCode(422);
    }

    @Test
    void anAuthorizersOversightClientNamesItsBodiesWhoseSchoolsItActsForAndNeverSchoolsOrZonesAlone() {
        UUID body = UUID.randomUUID();
        UUID school = UUID.randomUUID();
        EventsProbe.publish("contracts.events", "/contracts", "portfolio.contracts.SchoolRegistered.v1", school.toString(),
                school(school, body, "North"));
        Clients.Registered commission = register(Map.of("roles", List.of("OVERSIGHT"), "oversightBodies", List.of(body)));
        await().atMost(Duration.ofSeconds(20)).untilAsserted(() ->
                assertThat(lastChange(commission.id()).get("schools")).extracting(JsonNode::asText).containsExactly(school.toString()));
        JsonNode published = lastChange(commission.id());
        assertThat(published.get("oversightBodies")).extracting(JsonNode::asText).containsExactly(body.toString());
        assertThat(published.get("allSchools").asBoolean()).isFalse();
        assertThat(claims(commission.token()).get("school_scope").asText()).isEqualTo("client");
        // the gateway's own wall: its body's school passes, another school is refused before any service
        String commissionToken = commission.token();
        await().atMost(Duration.ofSeconds(20)).untilAsserted(() ->
                given().auth().oauth2(commissionToken).get("/api/schools/" + school + "/contract").then().statusCode(200));
        UUID elsewhere = UUID.randomUUID();
        given().auth().oauth2(commissionToken).get("/api/schools/" + elsewhere + "/contract").then().statusCode(403)
                .body("detail", org.hamcrest.Matchers.containsString(elsewhere.toString()));

        // the district's own oversight office names nothing and acts for every school (the services read it so)
        Clients.Registered office = register(Map.of("roles", List.of("OVERSIGHT")));
        assertThat(lastChange(office.id()).get("oversightBodies")).isEmpty();
        given().auth().oauth2(office.token()).get("/api/schools/" + elsewhere + "/contract").then().statusCode(200);

        // schools or zones alone mean nothing for OVERSIGHT: refused rather than silently district-wide
        for (String field : List.of("schools", "zones")) {
            Object value = field.equals("schools") ? List.of(school) : List.of("North");
            given().auth().oauth2(TestTokens.districtAdmin()).contentType(ContentType.JSON)
                    .body(Map.of("name", "oversight by " + field, "roles", List.of("OVERSIGHT"), field, value))
                    .post("/api/admin/clients").then().statusCode(422).body("errors[0].field", equalTo(field));
        }
        // nothing beside the bodies either, whatever other role the client holds: the client's one scope is every
        // role's, so schools, zones or allSchools would widen the authorizer (a hostile review found this)
        List<Map<String, Object>> wider = List.of(
                Map.of("roles", List.of("OVERSIGHT", "SCHOOL_LEADER"), "oversightBodies", List.of(body), "schools", List.of(UUID.randomUUID())),
                Map.of("roles", List.of("OVERSIGHT", "SIS"), "oversightBodies", List.of(body), "allSchools", true),
                Map.of("roles", List.of("OVERSIGHT"), "oversightBodies", List.of(body), "allSchools", true),
                Map.of("roles", List.of("OVERSIGHT", "SCHOOL_LEADER"), "oversightBodies", List.of(body), "zones", List.of("North")));
        for (Map<String, Object> w : wider) {
            Map<String, Object> b = new LinkedHashMap<>(w);
            b.put("name", "wider authorizer " + UUID.randomUUID());
            given().auth().oauth2(TestTokens.districtAdmin()).contentType(ContentType.JSON).body(b)
                    .post("/api/admin/clients").then().statusCode(422);
        }
    }

    private static Clients.Registered register(Map<String, Object> body) {
        Map<String, Object> b = new LinkedHashMap<>(body);
        b.put("name", "scope test " + UUID.randomUUID());
        Response r = given().auth().oauth2(TestTokens.districtAdmin()).contentType(ContentType.JSON).body(b)
                .post("/api/admin/clients");
        r.then().statusCode(201);
        return new Clients.Registered(r.path("clientId"), r.path("clientSecret"));
    }

    private static Map<String, Object> school(UUID id, UUID body, String zone) {
        Map<String, Object> d = new LinkedHashMap<>();
        d.put("schoolId", id);
        d.put("districtCode", "T-" + id.toString().substring(0, 8));
        d.put("name", "School " + id);
        d.put("type", "CHARTER");
        d.put("grades", List.of("6"));
        d.put("zone", zone);
        d.put("oversightBodyId", body);
        d.put("status", "PROPOSED");
        return d;
    }

    private static JsonNode claims(String token) {
        try {
            return JSON.readTree(new String(Base64.getUrlDecoder().decode(token.split("\\.")[1]), StandardCharsets.UTF_8));
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private JsonNode lastChange(String clientId) {
        return QuarkusTransaction.requiringNew().call(() -> {
            Object p = em.createNativeQuery("select cast(payload as text) from outbox_event where aggregate_id = ?1 "
                            + "and type = ?2 order by seq desc limit 1")
                    .setParameter(1, clientId).setParameter(2, CLIENT_CHANGED).getSingleResult();
            return JSON.readTree(p.toString());
        });
    }
}
