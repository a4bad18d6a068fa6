package org.portfolio.enrollment;

import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.Test;

import java.util.UUID;

import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.not;
import static org.portfolio.enrollment.Fixtures.action;

/**
 * Audit of issue 13 ("classes, not instances"; "no personal data in errors"; "hostile input → 4xx, never 500"):
 * the NDJSON application import reads its lines with its own ObjectMapper (not the shared one with JsonLimits,
 * StrictStrings and duplicate-key detection) and checks none of ApplicantRequest's bounds, and it answers a line
 * Jackson cannot read with Jackson's own message, which quotes the offending value. The bad-input sweep never
 * reaches this parser (it sends application/json, answered 415). Red on main 71de054; fixed by reading each line with the application's mapper, Bean Validation of the applicant and bounded lines.
 */
@QuarkusTest
class HostileImportTest {

    static String line(String ref, String firstName, String birthDate, String currentSchool, UUID choice) {
        return "{\"applicant\":{\"externalRef\":\"" + ref + "\",\"firstName\":\"" + firstName + "\",\"lastName\":\"Lee\","
                + "\"birthDate\":\"" + birthDate + "\",\"grade\":\"9\",\"homeZone\":\"EAST\""
                + (currentSchool == null ? "" : ",\"currentSchoolId\":\"" + currentSchool + "\"")
                + "},\"choices\":[\"" + choice + "\"]}\n";
    }

    record Open(String url, UUID program) {
    }

    static Open openPeriod() {
        UUID school = Fixtures.openSchool("EAST", "9");
        UUID period = Fixtures.period(2);
        UUID program = Fixtures.program(period, school, "9", 5, "GENERAL");
        action(period, "open").then().statusCode(200);
        return new Open("/api/enrollment/periods/" + period + "/application-imports", program);
    }

    static String ref() {
        return "HI-" + UUID.randomUUID().toString().substring(0, 8);
    }

    @Test
    void anUnreadableLineIsReportedWithoutQuotingTheApplicantsData() {
        Open o = openPeriod();
        String ndjson = line(ref(), "Sam", "RVPRIVATE-birth-2019", null, o.program())
                + line(ref(), "Sam", "2019-02-03", "RVPRIVATE Jane Doe", o.program());
        // each line named (an outside audit of the tests, twenty-first pass: any 4xx passed, a 401 or a 404 too)
        ImportTest.importing(o.url(), ndjson).then()
                .statusCode(422).contentType("application/problem+json")
                .body("errors.field", org.hamcrest.Matchers.hasItems("line 1: applicant.birthDate", "line 2: applicant.currentSchoolId"))
                .body(not(containsString("RVPRIVATE")));
    }

    @Test
    void aNameLongerThanTheColumnIs4xxNot500() {
        Open o = openPeriod();
        ImportTest.importing(o.url(), line(ref(), "N".repeat(101), "2019-02-03", null, o.program())).then()
                .statusCode(422).contentType("application/problem+json")
                .body("errors.field", org.hamcrest.Matchers.hasItem("line 1: applicant.firstName"));
    }

    @Test
    void aNulCharacterInANameIs4xxNot500() {
        Open o = openPeriod();
        ImportTest.importing(o.url(), line(ref(), "Sam\\u0000", "2019-02-03", null, o.program())).then()
                .statusCode(422).contentType("application/problem+json")
                .body("errors.field", org.hamcrest.Matchers.hasItem("line 1: applicant.firstName"));
    }

    @Test
    void aLineWithoutEndIsRefusedByItsLengthAndOtherLinesStillNamed() {
        Open o = openPeriod();
        String huge = "{\"applicant\":{\"externalRef\":\"" + "R".repeat(2_000_000) + "\"}}\n";
        ImportTest.importing(o.url(), line(ref(), "Sam", "2019-02-03", null, o.program()) + huge
                        + line(ref(), "N".repeat(101), "2019-02-03", null, o.program())).then()
                .statusCode(422)
                .body("errors.field", org.hamcrest.Matchers.hasItems("line 2", "line 3: applicant.firstName"))
                .body(not(containsString("RRRR")));
    }

    @Test
    void aDuplicateKeyInALineIsRefusedNotSilentlyOverwritten() {
        Open o = openPeriod();
        String dup = line(ref(), "Sam", "2019-02-03", null, o.program()).replace("\"grade\":\"9\"", "\"grade\":\"9\",\"grade\":\"3\"");
        ImportTest.importing(o.url(), dup).then().statusCode(422)
                .body("errors[0].field", containsString("line 1"))
                .body("errors[0].message", containsString("more than once"));
    }
}
