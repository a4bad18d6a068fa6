package org.portfolio.enrollment;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import org.junit.jupiter.api.Test;
import org.portfolio.testing.TestTokens;

import java.time.Duration;
import java.time.Instant;
import java.util.UUID;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.everyItem;
import static org.hamcrest.Matchers.hasSize;

/** docs/security.md for enrollment: operations and personal data for officers and admins; statistics also oversight and own leaders. */
@QuarkusTest
class RoleRulesTest {

    @Test
    void enrollmentOperationsAreForTheEnrollmentOfficeAndTheDistrictOnly() {
        var body = Fixtures.periodBody("Roles", 3, Instant.now().plus(Duration.ofDays(3)));
        given().contentType(ContentType.JSON).body(body).post("/api/enrollment/periods").then().statusCode(401)
                .body("type", equalTo("urn:portfolio:problem:unauthorized"));
        given().auth().oauth2(TestTokens.expired("ENROLLMENT_OFFICER")).get("/api/enrollment/periods").then().statusCode(401);
        given().auth().oauth2(TestTokens.forged("ENROLLMENT_OFFICER")).get("/api/enrollment/periods").then().statusCode(401);
        for (String token : new String[] {TestTokens.oversight(), TestTokens.schoolLeader(UUID.randomUUID()), TestTokens.sis(UUID.randomUUID())}) {
            given().auth().oauth2(token).contentType(ContentType.JSON).body(body).post("/api/enrollment/periods").then().statusCode(403)
                    .body("type", equalTo("urn:portfolio:problem:forbidden"));
            given().auth().oauth2(token).get("/api/enrollment/periods").then().statusCode(403);
            given().auth().oauth2(token).get("/api/enrollment/applicants").then().statusCode(403);
        }
        given().auth().oauth2(TestTokens.districtAdmin()).contentType(ContentType.JSON).body(body).post("/api/enrollment/periods")
                .then().statusCode(201);
        given().auth().oauth2(TestTokens.enrollmentOfficer()).get("/api/enrollment/applicants").then().statusCode(200);
    }

    @Test
    void applicantPersonalDataIsForTheEnrollmentOfficeAndTheDistrictOnly() {
        UUID kid = new Fixtures.Kid("5", "EAST").create();
        given().auth().oauth2(TestTokens.districtAdmin()).get("/api/enrollment/applicants/" + kid).then().statusCode(200);
        given().auth().oauth2(TestTokens.oversight()).get("/api/enrollment/applicants/" + kid).then().statusCode(403);
        given().get("/api/enrollment/applicants/" + kid).then().statusCode(401);
    }

    @Test
    void programStatisticsAreAlsoForOversightAndForALeaderOfItsOwnSchoolsOnly() {
        UUID mine = Fixtures.openSchool("EAST", "9");
        UUID other = Fixtures.openSchool("WEST", "9");
        UUID period = Fixtures.period(2);
        UUID myProgram = Fixtures.program(period, mine, "9", 4, "GENERAL");
        Fixtures.program(period, other, "9", 4, "GENERAL");
        String path = "/api/enrollment/periods/" + period + "/statistics";
        given().auth().oauth2(TestTokens.oversight()).get(path).then().statusCode(200).body("", hasSize(2));
        given().auth().oauth2(TestTokens.enrollmentOfficer()).get(path).then().statusCode(200).body("", hasSize(2));
        given().auth().oauth2(TestTokens.schoolLeader(mine)).get(path).then().statusCode(200).body("", hasSize(1))
                .body("programId", everyItem(equalTo(myProgram.toString())));
        given().auth().oauth2(TestTokens.schoolLeader(mine)).get(path + "?schoolId=" + other).then().statusCode(403);
        given().auth().oauth2(TestTokens.schoolLeader(mine)).get(path + "?schoolId=" + mine).then().statusCode(200).body("", hasSize(1));
        given().auth().oauth2(TestTokens.sis(mine)).get(path).then().statusCode(403);
        given().get(path).then().statusCode(401);
        // the school list is public
        given().get("/api/enrollment/schools").then().statusCode(200);
    }
}
