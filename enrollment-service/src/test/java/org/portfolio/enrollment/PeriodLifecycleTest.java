package org.portfolio.enrollment;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.matchesPattern;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.nullValue;
import static org.hamcrest.Matchers.startsWith;
import static org.portfolio.enrollment.Fixtures.action;
import static org.portfolio.enrollment.Fixtures.officer;

/** DRAFT → OPEN ⇄ CLOSED → MATCHED → PUBLISHED, and the 409s of every wrong step. */
@QuarkusTest
class PeriodLifecycleTest {

    @Test
    void aPeriodMovesThroughItsStatesAndRefusesWrongSteps() {
        UUID period = Fixtures.period(3);
        given().auth().oauth2(officer()).get("/api/enrollment/periods/" + period).then().statusCode(200)
                .body("status", equalTo("DRAFT")).body("round", equalTo(1)).header("ETag", notNullValue());

        action(period, "close").then().statusCode(409).contentType("application/problem+json")
                .body("type", equalTo("urn:portfolio:problem:invalid-period-transition"));
        action(period, "open").then().statusCode(409).body("detail", equalTo("Period " + period + " has no programs to apply to"));

        UUID school = Fixtures.openSchool("EAST", "9");
        Fixtures.program(period, school, "9", 10, "ZONE", "GENERAL");
        action(period, "match").then().statusCode(409);
        action(period, "open").then().statusCode(200).body("status", equalTo("OPEN")).body("lotterySeedSha256", nullValue());
        action(period, "open").then().statusCode(409);
        action(period, "publish").then().statusCode(409);

        // closing records the seed: its hash is shown, the seed itself stays secret until publication
        String hash = action(period, "close").then().statusCode(200).body("status", equalTo("CLOSED"))
                .body("lotterySeedSha256", matchesPattern("[0-9a-f]{64}")).body("lotterySeed", nullValue())
                .extract().path("lotterySeedSha256");
        // programs are locked once the window closed
        given().auth().oauth2(officer()).contentType(ContentType.JSON)
                .body(Fixtures.programBody(school, "9", "Late", 5, java.util.List.of("GENERAL"), java.util.List.of(), java.util.List.of()))
                .post("/api/enrollment/periods/" + period + "/programs").then().statusCode(409)
                .body("type", equalTo("urn:portfolio:problem:programs-locked"));

        action(period, "publish").then().statusCode(409);
        action(period, "match").then().statusCode(200).body("applicants", equalTo(0));
        action(period, "match").then().statusCode(200); // a re-run is allowed and deterministic
        action(period, "discard-match").then().statusCode(200).body("status", equalTo("CLOSED"))
                .body("lotterySeedSha256", equalTo(hash));
        action(period, "match").then().statusCode(200);
        String seed = action(period, "publish").then().statusCode(200).body("status", equalTo("PUBLISHED"))
                .body("lotterySeed", matchesPattern("[0-9a-f]{64}")).extract().path("lotterySeed");
        org.assertj.core.api.Assertions.assertThat(org.portfolio.enrollment.domain.Lottery.sha256(seed)).isEqualTo(hash);
        action(period, "publish").then().statusCode(409);
        action(period, "open").then().statusCode(409);
        action(period, "discard-match").then().statusCode(409);

        given().auth().oauth2(officer()).get("/api/enrollment/periods?size=200").then().statusCode(200)
                .body("items.id", hasItem(period.toString()));
    }

    /**
     * Issue 13: an officer who saw a match could discard it, reopen and close again to draw a new seed, and so pick
     * the lottery she liked; with the seed final, she could still discard, reopen and change applications (a favoured
     * child re-registered under a new reference draws a new number). The seed committed at the first close is final,
     * a matched period never reopens, and every run (the discarded one too) is published with the round.
     */
    @Test
    void theSeedIsFinalAMatchedPeriodNeverReopensAndEveryRunIsPublished() {
        UUID period = Fixtures.period(3);
        UUID program = Fixtures.program(period, Fixtures.openSchool("WEST", "K"), "K", 1, "GENERAL");
        action(period, "open").then().statusCode(200);
        Fixtures.apply(period, new Fixtures.Kid("K", "WEST").create(), program).then().statusCode(201);
        Fixtures.apply(period, new Fixtures.Kid("K", "WEST").create(), program).then().statusCode(201);
        String hash = action(period, "close").then().statusCode(200).body("lotterySeedSha256", notNullValue())
                .extract().path("lotterySeedSha256");
        action(period, "match").then().statusCode(200);
        action(period, "discard-match").then().statusCode(200).body("lotterySeedSha256", equalTo(hash));
        action(period, "open").then().statusCode(409).body("type", equalTo("urn:portfolio:problem:invalid-period-transition"))
                .body("detail", org.hamcrest.Matchers.containsString("has been matched"));
        action(period, "match").then().statusCode(200);
        String seed = action(period, "publish").then().statusCode(200).extract().path("lotterySeed");
        org.assertj.core.api.Assertions.assertThat(org.portfolio.enrollment.domain.Lottery.sha256(seed)).isEqualTo(hash);

        com.fasterxml.jackson.databind.JsonNode runs = org.portfolio.testing.EventsProbe.await("enrollment.events",
                r -> MatchFlowTest.MATCH_PUBLISHED.equals(r.type()) && period.toString().equals(r.subject()),
                Duration.ofSeconds(30)).data().get("matchRuns");
        org.assertj.core.api.Assertions.assertThat(runs).hasSize(2);
        org.assertj.core.api.Assertions.assertThat(runs.get(0).get("run").asInt()).isEqualTo(1);
        org.assertj.core.api.Assertions.assertThat(runs.get(0).hasNonNull("discardedAt")).as("the discarded run").isTrue();
        org.assertj.core.api.Assertions.assertThat(runs.get(1).has("discardedAt")).as("the published run").isFalse();
        // same seed, same applications: the rerun made the same offers
        org.assertj.core.api.Assertions.assertThat(runs.get(1).get("resultsSha256").asText())
                .matches("[0-9a-f]{64}").isEqualTo(runs.get(0).get("resultsSha256").asText());
        org.assertj.core.api.Assertions.assertThat(runs.get(1).get("matched").asInt()).isEqualTo(1);
    }

    /**
     * A closed period with one seat at a school of zone EAST (ZONE priority, then GENERAL), a child of EAST and one of
     * WEST applying to it.
     */
    record ZoneRound(UUID period, UUID school, UUID program, UUID east, UUID west) {
        static ZoneRound closed() {
            UUID period = Fixtures.period(3);
            UUID school = Fixtures.openSchool("EAST", "9");
            UUID program = Fixtures.program(period, school, "9", 1, "ZONE", "GENERAL");
            action(period, "open").then().statusCode(200);
            UUID east = new Fixtures.Kid("9", "EAST").create();
            UUID west = new Fixtures.Kid("9", "WEST").create();
            Fixtures.apply(period, east, program).then().statusCode(201);
            Fixtures.apply(period, west, program).then().statusCode(201);
            action(period, "close").then().statusCode(200);
            return new ZoneRound(period, school, program, east, west);
        }

        /** The registry moves the school to another zone; enrollment's copy shows it. */
        void moveSchoolTo(String zone) {
            org.portfolio.testing.EventsProbe.publish("contracts.events", "/contracts", "portfolio.contracts.SchoolUpdated.v1",
                    school.toString(), Map.of("schoolId", school, "districtCode", "S-" + school.toString().substring(0, 8),
                            "name", "Moved Academy", "type", "CHARTER", "grades", java.util.List.of("9"), "zone", zone, "status", "OPEN"));
            org.awaitility.Awaitility.await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> given().get("/api/enrollment/schools")
                    .then().body("find { it.schoolId == '" + school + "' }.zone", equalTo(zone)));
        }
    }

    /**
     * Eighth pass, E4: the applicants' fields were fixed from the close, but each school's zone was read live at every
     * run, so an edit of the registry between a discarded run and its re-run moved ZONE priority to other children.
     * The zones stand as they were at the close: the re-run makes the same offer.
     */
    @Test
    void aReRunReadsTheSchoolsZoneAsItStoodAtTheClose() {
        ZoneRound r = ZoneRound.closed();
        UUID period = r.period(), program = r.program(), east = r.east(), west = r.west();
        action(period, "match").then().statusCode(200);
        Fixtures.result(period, east).then().statusCode(200).body("offer.priorityGroup", equalTo("ZONE"));
        action(period, "discard-match").then().statusCode(200);

        r.moveSchoolTo("WEST");

        action(period, "match").then().statusCode(200);
        Fixtures.result(period, east).then().statusCode(200).body("offer.programId", equalTo(program.toString()))
                .body("offer.priorityGroup", equalTo("ZONE"));
        Fixtures.result(period, west).then().statusCode(200).body("offer", nullValue());
        // the application shows the family the group the match gave (it showed ZONE to the other child: ninth pass)
        given().auth().oauth2(officer()).get("/api/enrollment/periods/" + period + "/applications/" + east).then()
                .statusCode(200).body("choices[0].priorityGroup", equalTo("ZONE"));
        given().auth().oauth2(officer()).get("/api/enrollment/periods/" + period + "/applications/" + west).then()
                .statusCode(200).body("choices[0].priorityGroup", equalTo("GENERAL"));
    }

    @jakarta.inject.Inject
    io.agroal.api.AgroalDataSource dataSource;

    /**
     * Ninth pass review: a period closed by a replica still on the code before V5 (a rolling deploy) has no zones on
     * record, and every run read them live again. Its first run records them, and a re-run reads those.
     */
    @Test
    void aPeriodClosedWithoutItsZonesOnRecordHasThemRecordedAtItsFirstRun() throws Exception {
        ZoneRound r = ZoneRound.closed();
        UUID period = r.period(), program = r.program(), east = r.east();
        try (var c = dataSource.getConnection(); var ps = c.prepareStatement("delete from period_school_zone where period_id = ?")) {
            ps.setObject(1, period);
            org.assertj.core.api.Assertions.assertThat(ps.executeUpdate()).as("zones recorded at the close").isEqualTo(1);
        }
        action(period, "match").then().statusCode(200);
        action(period, "discard-match").then().statusCode(200);
        r.moveSchoolTo("WEST");
        action(period, "match").then().statusCode(200);
        Fixtures.result(period, east).then().statusCode(200).body("offer.programId", equalTo(program.toString()));
    }

    @Test
    void badPeriodsAreRefusedWithClearProblems() {
        given().auth().oauth2(officer()).contentType(ContentType.JSON)
                .body(Map.of("name", "", "schoolYear", "2027", "maxChoices", 0))
                .post("/api/enrollment/periods").then().statusCode(400)
                .body("type", equalTo("urn:portfolio:problem:validation"))
                .body("errors.field", hasItem("schoolYear")).body("errors.field", hasItem("maxChoices"))
                .body("errors.field", hasItem("offerDeadline"));
        Map<String, Object> body = Fixtures.periodBody("Dates", 3, Instant.now().plus(Duration.ofDays(1)));
        body.put("applicationsOpenAt", "2027-03-01T00:00:00Z");
        body.put("applicationsCloseAt", "2027-02-01T00:00:00Z");
        given().auth().oauth2(officer()).contentType(ContentType.JSON).body(body)
                .post("/api/enrollment/periods").then().statusCode(422).body("errors[0].field", equalTo("applicationsCloseAt"));
        given().auth().oauth2(officer()).get("/api/enrollment/periods/" + UUID.randomUUID()).then().statusCode(404)
                .body("type", equalTo("urn:portfolio:problem:not-found"));
    }

    @Test
    void aNumberLeftOutIsRefusedNotTakenAsZero() {
        // the document marks these required; before, an absent maxChoices answered "must be ≥ 1" and an absent seats
        // made a program of 0 seats (found by fuzzing the OpenAPI document, 2026-12-05)
        Map<String, Object> period = Fixtures.periodBody("No choices", 3, Instant.now().plus(Duration.ofDays(14)));
        period.remove("maxChoices");
        given().auth().oauth2(officer()).contentType(ContentType.JSON).body(period)
                .post("/api/enrollment/periods").then().statusCode(400)
                .body("errors.field", hasItem("maxChoices")).body("errors.message", hasItem("must not be null"));
        UUID id = Fixtures.period(3);
        Map<String, Object> program = Fixtures.programBody(Fixtures.openSchool("NORTH", "6"), "6", "No seats", 1,
                java.util.List.of("GENERAL"), java.util.List.of(Map.of("group", "FRL")), java.util.List.of());
        program.remove("seats");
        given().auth().oauth2(officer()).contentType(ContentType.JSON).body(program)
                .post("/api/enrollment/periods/" + id + "/programs").then().statusCode(400)
                .body("errors.field", hasItem("seats")).body("errors.field", hasItem("setAsides[0].sharePercent"));
        given().auth().oauth2(officer()).get("/api/enrollment/periods/" + id + "/programs").then().statusCode(200)
                .body("size()", equalTo(0));
    }

    /**
     * Review of 2026-12-06: maxChoices could be lowered while OPEN below what submitted applications rank; they kept
     * their choices and the match read them all, so some families had more chances than the period allows.
     */
    @Test
    void maxChoicesIsNotLoweredBelowWhatASubmittedApplicationRanks() {
        UUID school = Fixtures.openSchool("EAST", "9");
        Map<String, Object> body = Fixtures.periodBody("Three choices", 3, Instant.now().plus(Duration.ofDays(14)));
        UUID period = UUID.fromString(given().auth().oauth2(officer()).contentType(ContentType.JSON).body(body)
                .post("/api/enrollment/periods").then().statusCode(201).extract().path("id"));
        UUID p1 = Fixtures.program(period, school, "9", 1, "GENERAL");
        UUID p2 = Fixtures.program(period, school, "9", 1, "GENERAL");
        UUID p3 = Fixtures.program(period, school, "9", 1, "GENERAL");
        action(period, "open").then().statusCode(200);
        UUID kid = new Fixtures.Kid("9", "EAST").create();
        Fixtures.apply(period, kid, p1, p2, p3).then().statusCode(201);

        updateMaxChoices(period, body, 2).then().statusCode(409).contentType("application/problem+json")
                .body("type", equalTo("urn:portfolio:problem:max-choices-below-applications"))
                .body("detail", containsString("3 choices"));
        updateMaxChoices(period, body, 4).then().statusCode(200).body("maxChoices", equalTo(4));
        // once the longest application ranks two, two is allowed
        Fixtures.apply(period, kid, p1, p2).then().statusCode(200);
        updateMaxChoices(period, body, 2).then().statusCode(200).body("maxChoices", equalTo(2));
    }

    private static io.restassured.response.Response updateMaxChoices(UUID period, Map<String, Object> body, int maxChoices) {
        String etag = given().auth().oauth2(officer()).get("/api/enrollment/periods/" + period).then().extract().header("ETag");
        Map<String, Object> changed = new java.util.HashMap<>(body);
        changed.put("maxChoices", maxChoices);
        return given().auth().oauth2(officer()).contentType(ContentType.JSON).header("If-Match", etag).body(changed)
                .put("/api/enrollment/periods/" + period);
    }

    @Test
    void anUpdateWithAStaleETagIsRefused() {
        UUID period = Fixtures.period(3);
        Map<String, Object> body = Fixtures.periodBody("Renamed", 5, Instant.now().plus(Duration.ofDays(3)));
        given().auth().oauth2(officer()).contentType(ContentType.JSON).header("If-Match", "\"99\"").body(body)
                .put("/api/enrollment/periods/" + period).then().statusCode(412);
        given().auth().oauth2(officer()).contentType(ContentType.JSON).header("If-Match", "\"0\"").body(body)
                .put("/api/enrollment/periods/" + period).then().statusCode(200).body("maxChoices", equalTo(5))
                .header("ETag", startsWith("\"1"));
    }
}
