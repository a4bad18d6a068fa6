package org.portfolio.autonomy;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import org.junit.jupiter.api.Test;
import org.portfolio.testing.TestTokens;

import java.util.Map;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItems;

@QuarkusTest
class DecisionCatalogResourceTest {

    @Test
    void theSeededCatalogCoversAllFourDomainsAndIsPublic() {
        given().get("/api/autonomy/decision-catalog/decisions").then().statusCode(200)
                .body("domain", hasItems("PEOPLE", "TIME", "MONEY", "PROGRAM"))
                .body("code", hasItems("HIRE_TEACHERS", "SET_BELL_SCHEDULE", "ALLOCATE_BUDGET", "CHOOSE_CURRICULUM"));
        given().get("/api/autonomy/decision-catalog/decisions/HIRE_TEACHERS").then().statusCode(200)
                .body("domain", equalTo("PEOPLE"));
    }

    @Test
    void aDistrictAdminAddsADecisionOnceOnly() {
        Map<String, Object> d = Map.of("code", "SET_DRESS_CODE", "domain", "PROGRAM", "name", "Set the dress code");
        given().auth().oauth2(TestTokens.districtAdmin()).contentType(ContentType.JSON).body(d)
                .post("/api/autonomy/decision-catalog/decisions").then().statusCode(201)
                .header("Location", org.hamcrest.Matchers.endsWith("/SET_DRESS_CODE"));
        given().auth().oauth2(TestTokens.districtAdmin()).contentType(ContentType.JSON).body(d)
                .post("/api/autonomy/decision-catalog/decisions").then().statusCode(409)
                .body("type", equalTo("urn:portfolio:problem:duplicate-decision"));
        given().auth().oauth2(TestTokens.schoolLeader()).contentType(ContentType.JSON).body(d)
                .post("/api/autonomy/decision-catalog/decisions").then().statusCode(403);
    }

    @Test
    void badCodesAndUnknownDecisionsAreClientErrors() {
        given().auth().oauth2(TestTokens.districtAdmin()).contentType(ContentType.JSON)
                .body(Map.of("code", "lower case", "domain", "PEOPLE", "name", "x"))
                .post("/api/autonomy/decision-catalog/decisions").then().statusCode(400)
                .body("errors[0].field", equalTo("code"));
        given().get("/api/autonomy/decision-catalog/decisions/NOPE").then().statusCode(404);
    }
}
