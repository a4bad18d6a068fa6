package org.portfolio.enrollment;

import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.UUID;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.not;
import static org.portfolio.enrollment.Fixtures.action;
import static org.portfolio.enrollment.Fixtures.officer;

/** The bulk import of applicants and applications (NDJSON): all or nothing, errors by line. */
@QuarkusTest
class ImportTest {

    static String line(String ref, String last, String grade, String zone, UUID... choices) {
        StringBuilder c = new StringBuilder();
        for (UUID id : choices) {
            c.append(c.isEmpty() ? "" : ",").append('"').append(id).append('"');
        }
        return "{\"applicant\":{\"externalRef\":\"" + ref + "\",\"firstName\":\"Sam\",\"lastName\":\"" + last
                + "\",\"birthDate\":\"2012-03-04\",\"grade\":\"" + grade + "\",\"homeZone\":\"" + zone
                + "\",\"flags\":[\"frl\"]},\"choices\":[" + c + "]}\n";
    }

    static io.restassured.response.Response importing(String url, String ndjson) {
        return given().auth().oauth2(officer()).contentType("application/x-ndjson")
                .body(ndjson.getBytes(java.nio.charset.StandardCharsets.UTF_8)).post(url);
    }

    /**
     * Third pass of 2026-12-05: an import into one period changed the zone of a child whose application in another OPEN
     * period then held a choice its program does not admit (the match does not check eligibility again).
     */
    @Test
    void anImportDoesNotMakeAnotherOpenApplicationIneligible() {
        UUID east = Fixtures.openSchool("EAST", "9");
        UUID first = Fixtures.period(2);
        UUID eastOnly = Fixtures.program(first, Fixtures.programBody(east, "9", "East residents", 5, List.of("GENERAL"), List.of(),
                List.of("EAST")));
        UUID second = Fixtures.period(2);
        UUID anyone = Fixtures.program(second, east, "9", 5, "GENERAL");
        action(first, "open").then().statusCode(200);
        action(second, "open").then().statusCode(200);
        String ref = "IMP-" + UUID.randomUUID().toString().substring(0, 8);
        importing("/api/enrollment/periods/" + first + "/application-imports", line(ref, "A", "9", "EAST", eastOnly)).then().statusCode(200);
        importing("/api/enrollment/periods/" + second + "/application-imports", line(ref, "A", "9", "WEST", anyone)).then()
                .statusCode(422).body("type", equalTo("urn:portfolio:problem:invalid-choices"))
                .body("errors[0].field", equalTo("line 1: applicant"))
                .body("errors[0].message", containsString(first.toString())).body(not(containsString(ref)));
        given().auth().oauth2(officer()).get("/api/enrollment/applicants?externalRef=" + ref).then().body("items[0].homeZone", equalTo("EAST"));
        importing("/api/enrollment/periods/" + second + "/application-imports", line(ref, "A", "9", "EAST", anyone)).then().statusCode(200);
    }

    @Test
    void applicationsAreImportedAllOrNothingWithErrorsByLine() {
        UUID school = Fixtures.openSchool("EAST", "9");
        UUID period = Fixtures.period(2);
        UUID p1 = Fixtures.program(period, school, "9", 5, "ZONE", "GENERAL");
        UUID p2 = Fixtures.program(period, school, "9", 5, "GENERAL");
        String prefix = "IMP-" + UUID.randomUUID().toString().substring(0, 8) + "-";
        String url = "/api/enrollment/periods/" + period + "/application-imports";

        importing(url, line(prefix + 1, "A", "9", "EAST", p1)).then().statusCode(409).body("type", equalTo("urn:portfolio:problem:period-not-open"));
        action(period, "open").then().statusCode(200);

        String bad = line(prefix + 1, "A", "9", "EAST", p1, p2)
                + "{not json\n"
                + line(prefix + 2, "B", "9", "EAST", p1, p1)
                + line(prefix + 1, "C", "9", "EAST", p2)
                + line(prefix + 3, "D", "10", "EAST", p2);
        importing(url, bad).then().statusCode(422)
                .body("type", equalTo("urn:portfolio:problem:invalid-choices"))
                .body("errors.field", hasItem("line 2"))
                .body("errors.field", hasItem("line 3: choices[1]"))
                .body("errors.field", hasItem("line 4: applicant.externalRef"))
                .body("errors.find { it.field == 'line 5: choices[0]' }.message", containsString("grade 9"));
        given().auth().oauth2(officer()).get("/api/enrollment/applicants?externalRef=" + prefix + 1).then().body("total", equalTo(0));

        String good = line(prefix + 1, "A", "9", "EAST", p1, p2) + "\n" + line(prefix + 2, "B", "9", "WEST", p2);
        importing(url, good).then().statusCode(200)
                .body("applications", equalTo(2)).body("applicantsCreated", equalTo(2)).body("applicantsUpdated", equalTo(0));
        String id = given().auth().oauth2(officer()).get("/api/enrollment/applicants?externalRef=" + prefix + 1).then()
                .body("total", equalTo(1)).body("items[0].flags", equalTo(java.util.List.of("FRL"))).extract().path("items[0].id");
        given().auth().oauth2(officer()).get("/api/enrollment/periods/" + period + "/applications/" + id).then().statusCode(200)
                .body("choices[0].priorityGroup", equalTo("ZONE"));

        // importing again updates the applicant and replaces its application
        importing(url, line(prefix + 1, "Renamed", "9", "EAST", p2)).then().statusCode(200).body("applicantsUpdated", equalTo(1));
        given().auth().oauth2(officer()).get("/api/enrollment/applicants/" + id).then().body("lastName", equalTo("Renamed"));
        given().auth().oauth2(officer()).get("/api/enrollment/periods/" + period + "/applications/" + id).then()
                .body("choices.programId", equalTo(java.util.List.of(p2.toString())));
        given().auth().oauth2(officer()).get("/api/enrollment/periods/" + period + "/applications").then().body("total", equalTo(2));

        given().auth().oauth2(officer()).contentType("text/csv").body("a,b").post(url).then().statusCode(415);
    }
}
