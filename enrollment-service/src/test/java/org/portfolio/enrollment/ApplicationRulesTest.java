package org.portfolio.enrollment;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;
import java.util.UUID;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasSize;
import static org.portfolio.enrollment.Fixtures.action;
import static org.portfolio.enrollment.Fixtures.apply;
import static org.portfolio.enrollment.Fixtures.officer;

/** Applications: editable while open, checked for count, duplicates, eligibility and participation; priorities shown. */
@QuarkusTest
class ApplicationRulesTest {

    UUID east;
    UUID west;
    UUID period;
    UUID eastNine;
    UUID westNine;
    UUID eastTen;
    UUID westOnlyEast;

    @BeforeEach
    void setUp() {
        east = Fixtures.openSchool("EAST", "9", "10");
        west = Fixtures.openSchool("WEST", "9");
        period = Fixtures.period(3);
        eastNine = Fixtures.program(period, east, "9", 2, "CONTINUING", "SIBLING", "STAFF", "ZONE", "GENERAL");
        westNine = Fixtures.program(period, west, "9", 2, "SIBLING", "ZONE");
        eastTen = Fixtures.program(period, east, "10", 2, "GENERAL");
        westOnlyEast = Fixtures.program(period, Fixtures.programBody(west, "9", "East residents", 3, List.of("GENERAL"), List.of(),
                List.of("EAST")));
    }

    @Test
    void familiesSeeThePriorityGroupDerivedForEachChoice() {
        action(period, "open").then().statusCode(200);
        UUID sib = new Fixtures.Kid("9", "EAST").sibling(west).create();
        apply(period, sib, eastNine, westNine).then().statusCode(201).header("Location", containsString(sib.toString()))
                .body("choices[0].priorityGroup", equalTo("ZONE")).body("choices[0].priorityTier", equalTo(3))
                .body("choices[1].priorityGroup", equalTo("SIBLING")).body("choices[1].priorityTier", equalTo(0));
        UUID staff = new Fixtures.Kid("9", "WEST").staff(east).create();
        apply(period, staff, eastNine, westNine).then().statusCode(201)
                .body("choices[0].priorityGroup", equalTo("STAFF")).body("choices[1].priorityGroup", equalTo("ZONE"));
        UUID continuing = new Fixtures.Kid("9", "NORTH").current(east).create();
        apply(period, continuing, eastNine, westNine).then().statusCode(201)
                .body("choices[0].priorityGroup", equalTo("CONTINUING"))
                .body("choices[1].priorityGroup", equalTo("GENERAL")).body("choices[1].priorityTier", equalTo(2));
    }

    /**
     * Third pass of 2026-12-05: the match does not check eligibility again, and a child who moved zones (or changed
     * grade) after applying kept a choice the program does not admit, and could be given its seat.
     */
    @Test
    void aChangeOfZoneThatMakesAnOpenApplicationIneligibleIsRefusedUntilTheApplicationChanges() {
        action(period, "open").then().statusCode(200);
        Fixtures.Kid kid = new Fixtures.Kid("9", "EAST");
        UUID id = kid.create();
        apply(period, id, westOnlyEast, eastNine).then().statusCode(201);
        Map<String, Object> moved = new java.util.HashMap<>(kid.body);
        moved.put("homeZone", "WEST");
        String etag = given().auth().oauth2(officer()).get("/api/enrollment/applicants/" + id).then().extract().header("ETag");
        given().auth().oauth2(officer()).contentType(ContentType.JSON).header("If-Match", etag).body(moved)
                .put("/api/enrollment/applicants/" + id).then().statusCode(422).contentType("application/problem+json")
                .body("type", equalTo("urn:portfolio:problem:invalid-choices"))
                .body("errors[0].field", containsString("choices[0]"));
        apply(period, id, eastNine).then().statusCode(200);
        given().auth().oauth2(officer()).contentType(ContentType.JSON).header("If-Match", etag).body(moved)
                .put("/api/enrollment/applicants/" + id).then().statusCode(200).body("homeZone", equalTo("WEST"));
    }

    /** Third pass of 2026-12-05: narrowing a program's zones after children applied left them with a seat it does not admit. */
    @Test
    void aProgramIsNotNarrowedPastTheChildrenWhoChoseIt() {
        action(period, "open").then().statusCode(200);
        apply(period, new Fixtures.Kid("9", "EAST").create(), eastNine).then().statusCode(201);
        var read = given().auth().oauth2(officer()).get("/api/enrollment/periods/" + period + "/programs/" + eastNine).then()
                .statusCode(200).extract();
        String etag = read.header("ETag");
        String name = read.path("name");
        List<String> order = List.of("CONTINUING", "SIBLING", "STAFF", "ZONE", "GENERAL");
        given().auth().oauth2(officer()).contentType(ContentType.JSON).header("If-Match", etag)
                .body(Fixtures.programBody(east, "9", name, 2, order, List.of(), List.of("WEST")))
                .put("/api/enrollment/periods/" + period + "/programs/" + eastNine).then().statusCode(409)
                .body("type", equalTo("urn:portfolio:problem:program-excludes-applicants")).body("detail", containsString("1 applicant"));
        given().auth().oauth2(officer()).contentType(ContentType.JSON).header("If-Match", etag)
                .body(Fixtures.programBody(east, "9", name, 2, order, List.of(), List.of("EAST")))
                .put("/api/enrollment/periods/" + period + "/programs/" + eastNine).then().statusCode(200);
    }

    /**
     * Review of 2026-12-06: a program that children had chosen could be moved to another school, even one that takes no
     * part in enrollment, and the match would place them there.
     */
    @Test
    void aProgramKeepsItsSchoolOnceChildrenChoseItAndItsSchoolTakesPart() {
        action(period, "open").then().statusCode(200);
        apply(period, new Fixtures.Kid("9", "EAST").create(), eastNine).then().statusCode(201);
        List<String> order = List.of("CONTINUING", "SIBLING", "STAFF", "ZONE", "GENERAL");
        moveTo(eastNine, west, order).then().statusCode(409).contentType("application/problem+json")
                .body("type", equalTo("urn:portfolio:problem:program-has-applications"))
                .body("detail", containsString("1 applicant"));

        UUID revoked = Fixtures.openSchool("NORTH", "9");
        Fixtures.intervention(revoked, "REVOCATION");
        Fixtures.awaitTakesPart(revoked, false);
        given().auth().oauth2(officer()).contentType(ContentType.JSON)
                .body(Fixtures.programBody(revoked, "9", "Revoked", 2, List.of("GENERAL"), List.of(), List.of()))
                .post("/api/enrollment/periods/" + period + "/programs").then().statusCode(422)
                .body("errors[0].field", equalTo("schoolId")).body("errors[0].message", containsString("REVOCATION"));
        // a program nobody chose yet may move, to a school that takes part
        moveTo(westNine, revoked, List.of("SIBLING", "ZONE")).then().statusCode(422).body("errors[0].field", equalTo("schoolId"));
        moveTo(westNine, east, List.of("SIBLING", "ZONE")).then().statusCode(200).body("schoolId", equalTo(east.toString()));
    }

    private io.restassured.response.Response moveTo(UUID program, UUID school, List<String> order) {
        var read = given().auth().oauth2(officer()).get("/api/enrollment/periods/" + period + "/programs/" + program).then()
                .statusCode(200).extract();
        return given().auth().oauth2(officer()).contentType(ContentType.JSON).header("If-Match", read.header("ETag"))
                .body(Fixtures.programBody(school, "9", read.path("name"), 2, order, List.of(), List.of()))
                .put("/api/enrollment/periods/" + period + "/programs/" + program);
    }

    @Test
    void anApplicationCanBeChangedAndWithdrawnWhileTheWindowIsOpen() {
        UUID kid = new Fixtures.Kid("9", "EAST").create();
        apply(period, kid, eastNine).then().statusCode(409).body("type", equalTo("urn:portfolio:problem:period-not-open"));
        action(period, "open").then().statusCode(200);
        apply(period, kid, eastNine).then().statusCode(201);
        apply(period, kid, westNine, eastNine).then().statusCode(200).body("choices", hasSize(2))
                .body("choices[0].programId", equalTo(westNine.toString()));
        given().auth().oauth2(officer()).header("If-Match", "\"0\"").contentType(ContentType.JSON)
                .body(Map.of("choices", List.of(eastNine))).put("/api/enrollment/periods/" + period + "/applications/" + kid)
                .then().statusCode(412);
        given().auth().oauth2(officer()).get("/api/enrollment/periods/" + period + "/applications/" + kid).then().statusCode(200)
                .body("choices.programId", equalTo(List.of(westNine.toString(), eastNine.toString())));
        given().auth().oauth2(officer()).get("/api/enrollment/periods/" + period + "/applications").then().statusCode(200)
                .body("total", equalTo(1));
        given().auth().oauth2(officer()).delete("/api/enrollment/periods/" + period + "/applications/" + kid).then().statusCode(204);
        given().auth().oauth2(officer()).get("/api/enrollment/periods/" + period + "/applications/" + kid).then().statusCode(404);
        apply(period, kid, eastNine).then().statusCode(201);
        action(period, "close").then().statusCode(200);
        apply(period, kid, westNine).then().statusCode(409);
        given().auth().oauth2(officer()).delete("/api/enrollment/periods/" + period + "/applications/" + kid).then().statusCode(409);
    }

    @Test
    void badChoicesAreRefusedWithOneClearErrorEach() {
        action(period, "open").then().statusCode(200);
        UUID kid = new Fixtures.Kid("9", "WEST").create();
        apply(period, kid, eastNine, westNine, eastNine).then().statusCode(422)
                .body("type", equalTo("urn:portfolio:problem:invalid-choices"))
                .body("errors.field", hasItem("choices[2]"))
                .body("errors.find { it.field == 'choices[2]' }.message", containsString("already choice 1"));
        apply(period, kid, eastNine, westNine, eastTen, westOnlyEast).then().statusCode(422)
                .body("errors.find { it.field == 'choices' }.message", containsString("at most 3"))
                .body("errors.find { it.field == 'choices[2]' }.message", containsString("grade 10"))
                .body("errors.find { it.field == 'choices[3]' }.message", containsString("zone(s) EAST"));
        UUID elsewhere = UUID.randomUUID();
        apply(period, kid, elsewhere).then().statusCode(422)
                .body("errors[0].message", containsString("not a program of this period"));
        apply(period, kid).then().statusCode(400);
        apply(period, UUID.randomUUID(), eastNine).then().statusCode(404);
    }

    @Test
    void aSchoolUnderRevocationTakesNoNewApplicantsUntilItsLevelGoesDown() {
        action(period, "open").then().statusCode(200);
        UUID kid = new Fixtures.Kid("9", "WEST").create();
        Fixtures.intervention(west, "REVOCATION");
        Fixtures.awaitTakesPart(west, false);
        apply(period, kid, westNine).then().statusCode(422)
                .body("errors[0].message", containsString("under REVOCATION"));
        Fixtures.intervention(west, "PROBATION");
        Fixtures.awaitTakesPart(west, true);
        apply(period, kid, westNine).then().statusCode(201);
    }
}
