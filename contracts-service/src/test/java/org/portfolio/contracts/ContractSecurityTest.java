package org.portfolio.contracts;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.portfolio.testing.TestTokens;

import java.util.List;
import java.util.Map;
import java.util.UUID;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.equalTo;
import static org.portfolio.contracts.Fixtures.*;

/** docs/security.md for contracts-service: who reads and who decides, and the school scope of school leaders. */
@QuarkusTest
class ContractSecurityTest {

    String schoolA;
    String schoolB;
    String contractA;
    String contractB;

    @BeforeEach
    void twoSchoolsWithContracts() {
        String body = oversightBody();
        schoolA = openSchool(body);
        schoolB = openSchool(body);
        contractA = activeContract(schoolA);
        contractB = activeContract(schoolB);
    }

    @Test
    void aSchoolLeaderReadsOnlyItsOwnSchoolsContracts() {
        String leader = TestTokens.schoolLeader(UUID.fromString(schoolA));
        for (String path : List.of("", "/scorecard", "/history", "/versions", "/versions/1")) {
            given().auth().oauth2(leader).get("/api/contracts/" + contractA + path).then().statusCode(200);
            given().auth().oauth2(leader).get("/api/contracts/" + contractB + path).then().statusCode(403)
                    .body("type", equalTo("urn:portfolio:problem:forbidden"));
        }
        given().auth().oauth2(leader).get("/api/contracts?status=ACTIVE").then().statusCode(200)
                .body("items.id", contains(contractA)).body("total", equalTo(1));
        given().auth().oauth2(leader).get("/api/contracts?schoolId=" + schoolB).then().statusCode(403);
        for (String path : List.of("/standing", "/evidence", "/history", "/decisions")) {
            given().auth().oauth2(leader).get("/api/schools/" + schoolA + path).then().statusCode(200);
            given().auth().oauth2(leader).get("/api/schools/" + schoolB + path).then().statusCode(403);
        }
        given().auth().oauth2(TestTokens.schoolLeader()).get("/api/contracts").then().statusCode(200)
                .body("total", equalTo(0));
    }

    @Test
    void onlyDistrictAdminsAndOversightDecide() {
        String leader = TestTokens.schoolLeader(UUID.fromString(schoolA));
        for (String token : List.of(leader, TestTokens.sis(UUID.fromString(schoolA)), TestTokens.enrollmentOfficer())) {
            postDraft(token, standardDraft(schoolA)).statusCode(403);
            given().auth().oauth2(token).contentType(ContentType.JSON).body(Map.of("reason", "x"))
                    .post("/api/contracts/" + contractA + "/termination").then().statusCode(403);
            given().auth().oauth2(token).contentType(ContentType.JSON).body(Map.of("level", "NONE", "reason", "x"))
                    .put("/api/contracts/" + contractA + "/intervention").then().statusCode(403);
            given().auth().oauth2(token).contentType(ContentType.JSON).body(Map.of("decision", "RENEW", "reason", "x"))
                    .post("/api/schools/" + schoolA + "/decisions").then().statusCode(403);
            given().auth().oauth2(token).contentType(ContentType.JSON).post("/api/contracts/" + contractA + "/activation").then().statusCode(403);
        }
        postDraft(TestTokens.oversight(), standardDraft(schoolA)).statusCode(201);
    }

    @Test
    void sisAndEnrollmentOfficersDoNotReadContractsAndAnonymousCallersAreUnauthorized() {
        for (String token : List.of(TestTokens.sis(UUID.fromString(schoolA)), TestTokens.enrollmentOfficer())) {
            given().auth().oauth2(token).get("/api/contracts/" + contractA).then().statusCode(403);
            given().auth().oauth2(token).get("/api/contracts").then().statusCode(403);
            given().auth().oauth2(token).get("/api/contracts/" + contractA + "/scorecard").then().statusCode(403);
            given().auth().oauth2(token).get("/api/schools/" + schoolA + "/history").then().statusCode(403);
        }
        given().get("/api/contracts/" + contractA).then().statusCode(401).body("type", equalTo("urn:portfolio:problem:unauthorized"));
        given().get("/api/contracts").then().statusCode(401);
        given().get("/api/schools/" + schoolA + "/standing").then().statusCode(401);
        given().auth().oauth2(TestTokens.expired("DISTRICT_ADMIN")).get("/api/contracts").then().statusCode(401);
        given().auth().oauth2(TestTokens.forged("DISTRICT_ADMIN")).get("/api/contracts").then().statusCode(401);
        // the directory stays public
        given().get("/api/schools/" + schoolA).then().statusCode(200);
        given().get("/api/schools").then().statusCode(200);
        given().auth().oauth2(TestTokens.oversight()).get("/api/contracts/" + contractB + "/scorecard").then().statusCode(200);
    }

    private static io.restassured.response.ValidatableResponse postDraft(String token, Map<String, Object> body) {
        return given().auth().oauth2(token).contentType(ContentType.JSON).body(body).post("/api/contracts").then();
    }
}
