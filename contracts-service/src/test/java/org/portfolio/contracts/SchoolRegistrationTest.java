package org.portfolio.contracts;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import org.junit.jupiter.api.Test;
import org.portfolio.testing.EventsProbe;
import org.portfolio.testing.TestTokens;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.equalTo;

@QuarkusTest
class SchoolRegistrationTest {

    static Map<String, Object> school(String code, String bodyId) {
        return Map.of("districtCode", code, "name", "Eastside High " + code, "type", "INNOVATION",
                "grades", List.of("12", "9", "10", "11"), "zone", "EAST", "oversightBodyId", bodyId);
    }

    @Test
    void registeringASchoolPublishesSchoolRegistered() {
        String bodyId = OversightBodyResourceTest.create("Board " + UUID.randomUUID());
        String code = "EHS-" + UUID.randomUUID().toString().substring(0, 8);
        String id = given().auth().oauth2(TestTokens.districtAdmin()).contentType(ContentType.JSON)
                .body(school(code, bodyId)).post("/api/schools")
                .then().statusCode(201)
                .body("status", equalTo("PROPOSED"))
                .body("grades", contains("9", "10", "11", "12"))
                .extract().path("id");

        var event = EventsProbe.await("contracts.events", e -> id.equals(e.subject()), Duration.ofSeconds(15));
        assertThat(event.type()).isEqualTo("portfolio.contracts.SchoolRegistered.v1");
        assertThat(event.source()).isEqualTo("/contracts");
        assertThat(event.key()).isEqualTo(id);
        assertThat(event.data().get("districtCode").asText()).isEqualTo(code);
        assertThat(event.data().get("type").asText()).isEqualTo("INNOVATION");
        assertThat(event.data().get("status").asText()).isEqualTo("PROPOSED");

        // the school directory is public
        given().get("/api/schools/" + id).then().statusCode(200).body("districtCode", equalTo(code));
    }

    /** The document's request examples are taken as shown, ids made real: registration, update, then opening. */
    @Test
    void theDocumentsRequestExamplesAreTaken() {
        String bodyId = OversightBodyResourceTest.create("Board " + UUID.randomUUID());
        String id = Fixtures.sendExample("post", "/api/schools", "innovation school", null, Map.of("oversightBodyId", bodyId))
                .statusCode(201).body("status", equalTo("PROPOSED")).extract().path("id");
        Fixtures.sendExample("put", "/api/schools/{id}", "new campus", id, Map.of("oversightBodyId", bodyId))
                .statusCode(200).body("address", equalTo("4800 E Montview Blvd, Riverton"));
        Fixtures.sendExample("post", "/api/schools/{id}/decisions", "open the school", id, Map.of())
                .statusCode(201).body("status", equalTo("OPEN"));
    }

    @Test
    void aDuplicateDistrictCodeIs409AndAnUnknownOversightBodyIs422() {
        String bodyId = OversightBodyResourceTest.create("Board " + UUID.randomUUID());
        String code = "DUP-" + UUID.randomUUID().toString().substring(0, 8);
        given().auth().oauth2(TestTokens.districtAdmin()).contentType(ContentType.JSON).body(school(code, bodyId))
                .post("/api/schools").then().statusCode(201);
        given().auth().oauth2(TestTokens.districtAdmin()).contentType(ContentType.JSON).body(school(code, bodyId))
                .post("/api/schools").then().statusCode(409).body("type", equalTo("urn:portfolio:problem:duplicate-school"));
        given().auth().oauth2(TestTokens.districtAdmin()).contentType(ContentType.JSON)
                .body(school("NEW-" + UUID.randomUUID().toString().substring(0, 8), UUID.randomUUID().toString()))
                .post("/api/schools").then().statusCode(422).body("errors[0].field", equalTo("oversightBodyId"));
    }

    @Test
    void anUnknownGradeIsRejectedWithTheField() {
        Map<String, Object> bad = new java.util.HashMap<>(school("G-1", UUID.randomUUID().toString()));
        bad.put("grades", List.of("9", "13"));
        given().auth().oauth2(TestTokens.districtAdmin()).contentType(ContentType.JSON).body(bad)
                .post("/api/schools").then().statusCode(400).body("errors[0].field", equalTo("grades[1]"));
    }

    /** Fourteenth pass: maxItems 14 counts the grades sent, copies included; copies within it count once. */
    @Test
    void gradesAreBoundedByTheItemsSentAndACopyCountsOnce() {
        Map<String, Object> copies = new java.util.HashMap<>(school("G-2", UUID.randomUUID().toString()));
        copies.put("grades", java.util.Collections.nCopies(15, "9"));
        given().auth().oauth2(TestTokens.districtAdmin()).contentType(ContentType.JSON).body(copies)
                .post("/api/schools").then().statusCode(400).body("errors[0].field", equalTo("grades"));
    }
}
