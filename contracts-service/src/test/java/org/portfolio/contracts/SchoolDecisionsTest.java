package org.portfolio.contracts;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import org.junit.jupiter.api.Test;
import org.portfolio.testing.EventsProbe;
import org.portfolio.testing.TestTokens;

import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.hasKey;
import static org.portfolio.contracts.Fixtures.*;

/** Oversight decisions on schools (PROPOSED → OPEN → CLOSING → CLOSED, renewals), with their evidence. */
@QuarkusTest
class SchoolDecisionsTest {

    @Test
    void eachDecisionIsRecordedWithReasonDeciderDateAndPublishedWhenTheStatusChanges() {
        String school = proposedSchool(oversightBody());
        var opened = given().auth().oauth2(TestTokens.oversight()).contentType(ContentType.JSON)
                .body(Map.of("decision", "OPEN", "reason", "Charter approved", "effectiveDate", "2026-08-15"))
                .post("/api/schools/" + school + "/decisions").then().statusCode(201)
                .body("previousStatus", equalTo("PROPOSED")).body("status", equalTo("OPEN"))
                .body("decidedBy", equalTo("test-client")).body("effectiveDate", equalTo("2026-08-15")).extract();
        assertThat(opened.header("Location")).endsWith("/api/schools/" + school + "/decisions/" + opened.path("id"));
        var changed = awaitEvent("SchoolStatusChanged", about("schoolId", school));
        assertThat(changed.data().get("previousStatus").asText()).isEqualTo("PROPOSED");
        assertThat(changed.data().get("status").asText()).isEqualTo("OPEN");
        assertThat(changed.data().get("reason").asText()).isEqualTo("Charter approved");
        assertThat(changed.data().get("decidedBy").asText()).isEqualTo("test-client");
        assertThat(changed.data().get("effectiveDate").asText()).isEqualTo("2026-08-15");
        assertThat(changed.data().get("decisionId").asText()).isEqualTo(opened.path("id"));
        assertThat(changed.data().get("grades").get(0).asText()).isEqualTo("9");

        decide(school, "RENEW", "Five more years").statusCode(201).body("status", equalTo("OPEN"));
        decide(school, "BEGIN_CLOSURE", "Enrollment collapsed").statusCode(201).body("status", equalTo("CLOSING"));
        decide(school, "RESCIND_CLOSURE", "Community plan accepted").statusCode(201).body("status", equalTo("OPEN"));
        decide(school, "CLOSE", "Merged into Westside").statusCode(201).body("status", equalTo("CLOSED"));

        awaitEvent("SchoolStatusChanged", about("schoolId", school).and(about("status", "CLOSED")));
        List<String> statuses = events("SchoolStatusChanged", about("schoolId", school)).stream()
                .map(e -> e.data().get("status").asText()).toList();
        assertThat(statuses).containsExactly("OPEN", "CLOSING", "OPEN", "CLOSED");   // the renewal is no status change
        given().auth().oauth2(admin()).get("/api/schools/" + school + "/decisions").then().statusCode(200)
                .body("items.decision", contains("OPEN", "RENEW", "BEGIN_CLOSURE", "RESCIND_CLOSURE", "CLOSE"))
                .body("total", equalTo(5));
        given().auth().oauth2(admin()).get("/api/schools/" + school + "/decisions?page=2&size=2").then().statusCode(200)
                .body("items.decision", contains("CLOSE")).body("total", equalTo(5));
        given().get("/api/schools/" + school).then().body("status", equalTo("CLOSED"));
    }

    @Test
    void aDecisionTheStatusDoesNotAllowIs409AndAFutureClosureIs422() {
        String school = proposedSchool(oversightBody());
        decide(school, "BEGIN_CLOSURE", "x").statusCode(409)
                .body("type", equalTo("urn:portfolio:problem:school-status-conflict"));
        decide(school, "RENEW", "x").statusCode(409);
        given().auth().oauth2(admin()).contentType(ContentType.JSON)
                .body(Map.of("decision", "CLOSE", "reason", "x", "effectiveDate", LocalDate.now(ZoneOffset.UTC).plusDays(30).toString()))
                .post("/api/schools/" + school + "/decisions").then().statusCode(422)
                .body("errors[0].field", equalTo("effectiveDate"));
        given().auth().oauth2(admin()).contentType(ContentType.JSON).body(Map.of("decision", "REOPEN", "reason", "x"))
                .post("/api/schools/" + school + "/decisions").then().statusCode(400)
                .body("errors[0].field", equalTo("decision"));
        given().auth().oauth2(admin()).contentType(ContentType.JSON).body(Map.of("decision", "OPEN", "reason", "x"))
                .post("/api/schools/" + UUID.randomUUID() + "/decisions").then().statusCode(404);
        String etag = given().get("/api/schools/" + school).then().extract().header("ETag");
        decide(school, "OPEN", "Approved").statusCode(201);
        given().auth().oauth2(admin()).contentType(ContentType.JSON).header("If-Match", etag)
                .body(Map.of("decision", "BEGIN_CLOSURE", "reason", "x"))
                .post("/api/schools/" + school + "/decisions").then().statusCode(412);
        decide(school, "CLOSE", "Closed").statusCode(201);
        decide(school, "OPEN", "Again?").statusCode(409);
    }

    @Test
    void aRatingWithATierOutsideTheDocumentedOnesGoesToTheDeadLetterTopicNotIntoTheEvidence() {
        // the evidence answers declare tier as the enum EXCEEDS / MEETS / APPROACHING / DOES_NOT_MEET (issue 12)
        String school = proposedSchool(oversightBody());
        String id = publishRating(school, year(-1), 91, "PLATINUM", "2026-09-01T12:00:00Z");
        var dead = EventsProbe.await("performance.events.dlq", e -> id.equals(e.id()), Duration.ofSeconds(20));
        assertThat(dead.header("dlq-consumer")).isEqualTo("decision-evidence");
        assertThat(dead.header("dlq-error")).contains("PLATINUM");
        given().auth().oauth2(admin()).get("/api/schools/" + school + "/evidence").then().statusCode(200)
                .body("ratings", hasSize(0)).body("$", not(hasKey("latestRating")));
    }

    @Test
    void decisionsCarryTheRatingAndDemandEvidenceLearntFromEvents() {
        String school = proposedSchool(oversightBody());
        UUID period = UUID.randomUUID();
        publishRating(school, year(-1), 68.5, "MEETS", "2026-09-01T12:00:00Z");
        publishRating(school, year(-2), 55, "APPROACHING", "2025-09-01T12:00:00Z");
        EventsProbe.publish("enrollment.events", "/enrollment", "portfolio.enrollment.DemandReported.v1", school,
                Map.of("periodId", period.toString(), "schoolYear", year(1), "round", 1, "schoolId", school,
                        "applicants", 430, "firstChoices", 150, "seats", 120, "offers", 120));
        await().atMost(Duration.ofSeconds(20)).untilAsserted(() ->
                given().auth().oauth2(admin()).get("/api/schools/" + school + "/evidence").then().statusCode(200)
                        .body("latestRating.tier", equalTo("MEETS")).body("ratings", hasSize(2))
                        .body("demand[0].applicants", equalTo(430)));

        var decision = decide(school, "OPEN", "Strong demand and rating").statusCode(201)
                .body("evidence.latestRating.schoolYear", equalTo(year(-1)))
                .body("evidence.latestRating.percent", equalTo(68.5f))
                .body("evidence.demand[0].firstChoices", equalTo(150))
                .body("evidence.demand[0].applicantsPerSeat", equalTo(3.58f))
                .body("evidence", not(hasKey("contract"))).extract();
        String decisionId = decision.path("id");

        // a newer rating for the same year replaces it, an older one arriving late does not; the decision keeps its evidence
        publishRating(school, year(-1), 80, "EXCEEDS", "2026-10-01T12:00:00Z");
        publishRating(school, year(-1), 10, "DOES_NOT_MEET", "2026-08-01T12:00:00Z");   // older: ignored
        publishRating(school, year(-3), 50, "APPROACHING", "2024-09-01T12:00:00Z");     // after it on the partition
        await().atMost(Duration.ofSeconds(20)).untilAsserted(() ->
                given().auth().oauth2(admin()).get("/api/schools/" + school + "/evidence").then()
                        .body("ratings", hasSize(3)));
        given().auth().oauth2(admin()).get("/api/schools/" + school + "/evidence").then()
                .body("latestRating.tier", equalTo("EXCEEDS")).body("latestRating.percent", equalTo(80));
        given().auth().oauth2(admin()).get("/api/schools/" + school + "/decisions/" + decisionId).then().statusCode(200)
                .body("evidence.latestRating.tier", equalTo("MEETS"));

        // the standing shows status, last decision, contract and evidence together
        String contract = activeContract(school);
        given().auth().oauth2(admin()).get("/api/schools/" + school + "/standing").then().statusCode(200)
                .body("school.status", equalTo("OPEN")).body("lastDecision.id", equalTo(decisionId))
                .body("contract.id", equalTo(contract)).body("evidence.contract.contractId", equalTo(contract))
                .body("evidence.contract.benchmarksNotYetEvaluated", equalTo(1));
    }

    @Test
    void updatingASchoolPublishesSchoolUpdatedAndChecksItsVersion() {
        String body = oversightBody();
        String school = proposedSchool(body);
        var read = given().get("/api/schools/" + school).then().extract();
        Map<String, Object> update = Map.of("districtCode", read.path("districtCode"), "name", "Eastside Innovation High",
                "type", "INNOVATION", "grades", List.of("6", "7", "8"), "zone", "NORTH", "oversightBodyId", body);
        var put = given().auth().oauth2(admin()).contentType(ContentType.JSON).header("If-Match", read.header("ETag")).body(update)
                .put("/api/schools/" + school).then().statusCode(200)
                .body("name", equalTo("Eastside Innovation High")).body("grades", contains("6", "7", "8"))
                .header("ETag", not(equalTo(read.header("ETag")))).extract();
        // the answer is the school as stored: its version and ETag are what the next read gives
        var reread = given().get("/api/schools/" + school).then().extract();
        assertThat(put.header("ETag")).isEqualTo(reread.header("ETag"));
        assertThat(put.<Integer>path("version")).isEqualTo(reread.<Integer>path("version")).isEqualTo(read.<Integer>path("version") + 1);
        assertThat(put.<String>path("updatedAt")).isEqualTo(reread.<String>path("updatedAt"));
        assertThat(put.<String>path("oversightBodyId")).isEqualTo(body);
        var event = awaitEvent("SchoolUpdated", about("schoolId", school));
        assertThat(event.data().get("type").asText()).isEqualTo("INNOVATION");
        assertThat(event.data().get("zone").asText()).isEqualTo("NORTH");
        given().auth().oauth2(admin()).contentType(ContentType.JSON).header("If-Match", read.header("ETag")).body(update)
                .put("/api/schools/" + school).then().statusCode(412);
        String other = proposedSchool(body);
        String otherCode = given().get("/api/schools/" + other).then().extract().path("districtCode");
        Map<String, Object> clash = new java.util.HashMap<>(update);
        clash.put("districtCode", otherCode);
        given().auth().oauth2(admin()).contentType(ContentType.JSON).body(clash).put("/api/schools/" + school).then()
                .statusCode(409).body("type", equalTo("urn:portfolio:problem:duplicate-school"));
        given().auth().oauth2(TestTokens.schoolLeader(UUID.fromString(school))).contentType(ContentType.JSON).body(update)
                .put("/api/schools/" + school).then().statusCode(403);
    }

    @Test
    void theSchoolDirectoryIsPublicFilterableAndPaged() {
        String body = oversightBody();
        String a = openSchool(body, "MAGNET");
        String b = proposedSchool(body, "MAGNET");
        proposedSchool(body, "DISTRICT");
        given().get("/api/schools?oversightBodyId=" + body).then().statusCode(200).body("total", equalTo(3));
        given().get("/api/schools?oversightBodyId=" + body + "&type=MAGNET&status=OPEN").then()
                .body("items.id", contains(a));
        given().get("/api/schools?oversightBodyId=" + body + "&size=2&page=1").then()
                .body("items", hasSize(1)).body("page", equalTo(1)).body("size", equalTo(2)).body("total", equalTo(3));
        String code = given().get("/api/schools/" + b).then().extract().path("districtCode");
        given().get("/api/schools?q=" + code.toLowerCase()).then().body("items.id", contains(b));
        given().get("/api/schools?status=SHUT").then().statusCode(400).body("errors[0].field", equalTo("status"));
        given().get("/api/schools?q=100%25_").then().statusCode(200).body("items.id", not(hasItem(a)));
    }

    private static String publishRating(String school, String year, Number percent, String tier, String publishedAt) {
        Map<String, Object> r = new java.util.HashMap<>();
        r.put("ratingId", UUID.randomUUID().toString());
        r.put("schoolId", school);
        r.put("schoolYear", year);
        r.put("frameworkId", UUID.randomUUID().toString());
        r.put("frameworkVersion", 1);
        r.put("totalPoints", percent);
        r.put("maxPoints", 100);
        r.put("percent", percent);
        r.put("tier", tier);
        r.put("categories", List.of(Map.of("category", "ACADEMIC", "points", 40, "maxPoints", 60, "percent", 66.7)));
        r.put("metrics", List.of());
        r.put("publishedAt", publishedAt);
        return EventsProbe.publish("performance.events", "/performance", "portfolio.performance.SchoolRatingPublished.v1", school, r);
    }
}
