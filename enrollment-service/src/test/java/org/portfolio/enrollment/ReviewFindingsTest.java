package org.portfolio.enrollment;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.not;
import static org.portfolio.enrollment.Fixtures.action;
import static org.portfolio.enrollment.Fixtures.officer;

/** What the hostile review of 2026-12-05 found in enrollment-service, each shown closed. */
@QuarkusTest
class ReviewFindingsTest {

    @Test
    void anApplicantsMatchDataIsFixedFromThePeriodsCloseUntilItsPublicationSoARerunCannotBeSteered() {
        UUID school = Fixtures.openSchool("EAST", "9");
        UUID period = Fixtures.period(2);
        UUID program = Fixtures.program(period, school, "9", 1, "SIBLING", "GENERAL");
        action(period, "open").then().statusCode(200);
        Fixtures.Kid kid = new Fixtures.Kid("9", "EAST");
        UUID applicant = kid.create();
        Fixtures.apply(period, applicant, program).then().statusCode(201);
        Fixtures.apply(period, new Fixtures.Kid("9", "EAST").create(), program).then().statusCode(201);
        action(period, "close").then().statusCode(200);
        action(period, "match").then().statusCode(200);

        // the officer sees the result, then gives the child a sibling at the school before rerunning: refused
        Map<String, Object> steered = new HashMap<>(kid.body);
        steered.put("siblingSchoolIds", List.of(school));
        put(applicant, steered).then().statusCode(409).contentType("application/problem+json")
                .body("type", equalTo("urn:portfolio:problem:applicant-being-matched"))
                .body("detail", not(containsString((String) kid.body.get("externalRef"))));
        Map<String, Object> flagged = new HashMap<>(kid.body);
        flagged.put("flags", List.of("FRL"));
        put(applicant, flagged).then().statusCode(409);
        // nor through an import into another open period
        UUID other = Fixtures.period(2);
        UUID otherProgram = Fixtures.program(other, school, "9", 5, "GENERAL");
        action(other, "open").then().statusCode(200);
        ImportTest.importing("/api/enrollment/periods/" + other + "/application-imports",
                        ImportTest.line((String) kid.body.get("externalRef"), "Lopez", "9", "EAST", otherProgram))
                .then().statusCode(409).body("type", equalTo("urn:portfolio:problem:applicant-being-matched"))
                .body("errors[0].field", equalTo("line 1: applicant"));
        // what the match does not read may change; the same lists in another order are no change
        Map<String, Object> renamed = new HashMap<>(kid.body);
        renamed.put("firstName", "Renamed");
        put(applicant, renamed).then().statusCode(200).body("firstName", equalTo("Renamed"));

        action(period, "publish").then().statusCode(200);
        put(applicant, steered).then().statusCode(200);
    }

    @Test
    void setAsidesTogetherNeverReserveMoreSeatsThanTheProgramHas() {
        UUID school = Fixtures.openSchool("EAST", "9");
        UUID period = Fixtures.period(1);
        Map<String, Object> body = Fixtures.programBody(school, "9", "Split", 3, List.of("GENERAL"),
                List.of(Map.of("group", "FRL", "sharePercent", 50), Map.of("group", "ELL", "sharePercent", 50)), List.of());
        UUID program = Fixtures.program(period, body);
        action(period, "open").then().statusCode(200);
        List<UUID> kids = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            UUID kid = new Fixtures.Kid("9", "EAST").flag("FRL").flag("ELL").create();
            Fixtures.apply(period, kid, program).then().statusCode(201);
            kids.add(kid);
        }
        action(period, "close").then().statusCode(200);
        action(period, "match").then().statusCode(200);
        long offered = kids.stream().filter(k -> Fixtures.result(period, k).then().statusCode(200)
                .extract().path("offer") != null).count();
        assertThat(offered).as("offers of a 3-seat program").isEqualTo(3);
    }

    @Test
    void bodiesThatPassValidationButDidNotFitTheStoreAre4xxOrStoredNever500() {
        Map<String, Object> nullFlag = new HashMap<>(new Fixtures.Kid("9", "EAST").body);
        List<String> flags = new ArrayList<>();
        flags.add(null);
        nullFlag.put("flags", flags);
        post(nullFlag).then().statusCode(400).contentType("application/problem+json");

        Map<String, Object> longFlags = new HashMap<>(new Fixtures.Kid("9", "EAST").body);
        List<String> ten = new ArrayList<>();
        for (int i = 0; i < 10; i++) {
            ten.add(("F" + i).repeat(20));
        }
        longFlags.put("flags", ten);
        post(longFlags).then().statusCode(201);

        UUID school = Fixtures.openSchool("EAST", "9");
        UUID period = Fixtures.period(1);
        List<String> zones = new ArrayList<>();
        for (int i = 0; i < 20; i++) {
            zones.add(("Z" + (char) ('A' + i)).repeat(30));
        }
        given().auth().oauth2(officer()).contentType(ContentType.JSON)
                .body(Fixtures.programBody(school, "9", "Zoned", 3, List.of("GENERAL"), List.of(), zones))
                .post("/api/enrollment/periods/" + period + "/programs").then().statusCode(201);

        for (String path : List.of("/api/enrollment/periods", "/api/enrollment/applicants")) {
            given().auth().oauth2(officer()).get(path + "?page=1073741824&size=2").then().statusCode(400)
                    .contentType("application/problem+json");
        }
    }

    @Test
    void aPeriodIsMatchedAtMostAHundredTimesSoItsPublishedRunsFitOneEvent() {
        // review of 2026-12-05: about 5,500 runs made MatchPublished larger than the broker takes
        UUID period = Fixtures.period(1);
        UUID program = Fixtures.program(period, Fixtures.openSchool("EAST", "9"), "9", 1, "GENERAL");
        action(period, "open").then().statusCode(200);
        Fixtures.apply(period, new Fixtures.Kid("9", "EAST").create(), program).then().statusCode(201);
        action(period, "close").then().statusCode(200);
        for (int i = 0; i < org.portfolio.enrollment.service.MatchService.MAX_RUNS; i++) {
            action(period, "match").then().statusCode(200);
        }
        action(period, "match").then().statusCode(409).body("type", equalTo("urn:portfolio:problem:too-many-match-runs"));
        action(period, "publish").then().statusCode(200);
    }

    /**
     * Review of 2026-12-06: everyone qualifies for GENERAL, so a group listed after it never counted ([ZONE, GENERAL,
     * SIBLING] gave siblings nothing) and the order said otherwise. GENERAL may only come last.
     */
    @Test
    void generalComesOnlyLastInAPriorityOrder() {
        UUID school = Fixtures.openSchool("EAST", "9");
        UUID period = Fixtures.period(1);
        given().auth().oauth2(officer()).contentType(ContentType.JSON)
                .body(Fixtures.programBody(school, "9", "Middle", 2, List.of("ZONE", "GENERAL", "SIBLING"), List.of(), List.of()))
                .post("/api/enrollment/periods/" + period + "/programs").then().statusCode(422).contentType("application/problem+json")
                .body("errors[0].field", equalTo("priorityOrder[1]")).body("errors[0].message", containsString("GENERAL"));
        UUID program = Fixtures.program(period, school, "9", 2, "ZONE", "SIBLING", "GENERAL");
        var read = given().auth().oauth2(officer()).get("/api/enrollment/periods/" + period + "/programs/" + program).then().extract();
        given().auth().oauth2(officer()).contentType(ContentType.JSON).header("If-Match", read.header("ETag"))
                .body(Fixtures.programBody(school, "9", read.path("name"), 2, List.of("GENERAL", "ZONE"), List.of(), List.of()))
                .put("/api/enrollment/periods/" + period + "/programs/" + program).then().statusCode(422)
                .body("errors[0].field", equalTo("priorityOrder[0]"));
    }

    @Test
    void aNextRoundNamedAfterALongNameFitsTheColumn() {
        assertThat(org.portfolio.enrollment.service.PeriodService.roundName("x".repeat(200), 12))
                .hasSize(200).endsWith(" — round 12");
        assertThat(org.portfolio.enrollment.service.PeriodService.roundName("Fall 2027", 2)).isEqualTo("Fall 2027 — round 2");
    }

    private static io.restassured.response.Response put(UUID applicant, Map<String, Object> body) {
        return given().auth().oauth2(officer()).contentType(ContentType.JSON).body(body).put("/api/enrollment/applicants/" + applicant);
    }

    private static io.restassured.response.Response post(Map<String, Object> body) {
        return given().auth().oauth2(officer()).contentType(ContentType.JSON).body(body).post("/api/enrollment/applicants");
    }
}
