package org.portfolio.autonomy;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import org.junit.jupiter.api.Test;
import org.portfolio.testing.TestTokens;

import java.util.Map;
import java.util.UUID;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasItems;
import static org.hamcrest.Matchers.not;

@QuarkusTest
class DecisionCatalogResourceTest {

    static final String DECISIONS = "/api/autonomy/decision-catalog/decisions";

    static String newCode(String prefix) {
        return prefix + "_" + UUID.randomUUID().toString().substring(0, 8).toUpperCase();
    }

    @Test
    void theSeededCatalogCoversAllFourDomainsAndIsPublic() {
        given().get(DECISIONS).then().statusCode(200)
                .body("domain", hasItems("PEOPLE", "TIME", "MONEY", "PROGRAM"))
                .body("code", hasItems("HIRE_TEACHERS", "SET_BELL_SCHEDULE", "ALLOCATE_BUDGET", "CHOOSE_CURRICULUM"));
        given().get(DECISIONS + "/HIRE_TEACHERS").then().statusCode(200)
                .body("domain", equalTo("PEOPLE"));
        given().get("/api/autonomy/decision-catalog/versions/1").then().statusCode(200)
                .body("changeKind", equalTo("SEEDED")).body("decisionCount", equalTo(11))
                .body("decisions.code", hasItems("HIRE_TEACHERS", "PLAN_PROFESSIONAL_DEVELOPMENT"));
    }

    /** The document's examples are what the service takes: the example decision is added, edited and retired. */
    @Test
    void theDocumentedExamplesAreTaken() {
        String admin = TestTokens.districtAdmin();
        Map<String, Object> define = Fixtures.documentedExample(DECISIONS, "post", "grading policy");
        String code = (String) define.get("code");
        given().auth().oauth2(admin).contentType(ContentType.JSON).body(define).post(DECISIONS).then().statusCode(201)
                .body("code", equalTo(code)).body("domain", equalTo(define.get("domain")));
        Map<String, Object> edit = Fixtures.documentedExample(DECISIONS + "/{code}", "put", "renamed");
        given().auth().oauth2(admin).contentType(ContentType.JSON).body(edit).put(DECISIONS + "/" + code).then()
                .statusCode(200).body("name", equalTo(edit.get("name")));
        given().auth().oauth2(admin).contentType(ContentType.JSON)
                .body(Fixtures.documentedExample(DECISIONS + "/{code}/retire", "post", "district standard again"))
                .post(DECISIONS + "/" + code + "/retire").then().statusCode(200)
                .body("retiredInVersion", org.hamcrest.Matchers.notNullValue());
    }

    @Test
    void aDistrictAdminAddsADecisionOnceOnly() {
        String code = newCode("SET_DRESS_CODE");
        Map<String, Object> d = Map.of("code", code, "domain", "PROGRAM", "name", "Set the dress code");
        given().auth().oauth2(TestTokens.districtAdmin()).contentType(ContentType.JSON).body(d)
                .post(DECISIONS).then().statusCode(201)
                .header("Location", org.hamcrest.Matchers.endsWith("/" + code));
        given().auth().oauth2(TestTokens.districtAdmin()).contentType(ContentType.JSON).body(d)
                .post(DECISIONS).then().statusCode(409)
                .body("type", equalTo("urn:portfolio:problem:duplicate-decision"));
        given().auth().oauth2(TestTokens.schoolLeader()).contentType(ContentType.JSON).body(d)
                .post(DECISIONS).then().statusCode(403);
        given().auth().oauth2(TestTokens.oversight()).contentType(ContentType.JSON).body(d)
                .post(DECISIONS).then().statusCode(403);
    }

    @Test
    void everyEditMakesANewCatalogVersionAndOldVersionsStayReadable() {
        String code = newCode("HOST_EVENTS");
        String admin = TestTokens.districtAdmin();
        given().auth().oauth2(admin).contentType(ContentType.JSON)
                .body(Map.of("code", code, "domain", "TIME", "name", "Host school events"))
                .post(DECISIONS).then().statusCode(201);
        int added = given().get(DECISIONS + "/" + code).then().extract().path("introducedInVersion");
        String etag = given().get(DECISIONS + "/" + code).then().extract().header("ETag");

        given().auth().oauth2(admin).header("If-Match", etag).contentType(ContentType.JSON)
                .body(Map.of("name", "Host school events after hours", "description", "Evenings and weekends"))
                .put(DECISIONS + "/" + code).then().statusCode(200).body("name", equalTo("Host school events after hours"));
        given().auth().oauth2(admin).header("If-Match", etag).contentType(ContentType.JSON)
                .body(Map.of("name", "Stale edit")).put(DECISIONS + "/" + code).then().statusCode(412);
        given().auth().oauth2(admin).contentType(ContentType.JSON)
                .body(Map.of("domain", "MONEY", "name", "Moved")).put(DECISIONS + "/" + code).then().statusCode(422)
                .body("errors[0].field", equalTo("domain"));
        given().auth().oauth2(admin).contentType(ContentType.JSON).body(Map.of("reason", "Not a school decision"))
                .post(DECISIONS + "/" + code + "/retire").then().statusCode(200)
                .body("retiredInVersion", org.hamcrest.Matchers.greaterThan(added));
        given().auth().oauth2(admin).contentType(ContentType.JSON).body(Map.of("reason", "again"))
                .post(DECISIONS + "/" + code + "/retire").then().statusCode(409)
                .body("type", equalTo("urn:portfolio:problem:decision-retired"));
        given().auth().oauth2(admin).contentType(ContentType.JSON).body(Map.of("name", "Back"))
                .put(DECISIONS + "/" + code).then().statusCode(409);

        // the current catalog no longer lists it; the version that added it still does, with its first name
        given().get(DECISIONS).then().body("code", not(hasItem(code)));
        given().queryParam("includeRetired", true).get(DECISIONS).then().body("code", hasItem(code));
        given().queryParam("version", added).get(DECISIONS).then().statusCode(200).header("Catalog-Version", String.valueOf(added))
                .body("find { it.code == '" + code + "' }.name", equalTo("Host school events"));
        given().get("/api/autonomy/decision-catalog/versions/{v}", added + 1).then().statusCode(200)
                .body("changeKind", equalTo("EDITED")).body("createdBy", equalTo("test-client"))
                .body("decisions.find { it.code == '" + code + "' }.name", equalTo("Host school events after hours"));
        java.util.List<Integer> versions = given().get("/api/autonomy/decision-catalog/versions").then().statusCode(200)
                .extract().path("version");
        assertThat(versions).contains(added, added + 1, added + 2, 1);
        assertThat(versions).isSortedAccordingTo(java.util.Comparator.reverseOrder());
        given().get("/api/autonomy/decision-catalog/versions/{v}", 999999).then().statusCode(404);
        given().auth().oauth2(TestTokens.schoolLeader()).contentType(ContentType.JSON).body(Map.of("reason", "x"))
                .post(DECISIONS + "/HIRE_TEACHERS/retire").then().statusCode(403);
    }

    @Test
    void badCodesAndUnknownDecisionsAreClientErrors() {
        given().auth().oauth2(TestTokens.districtAdmin()).contentType(ContentType.JSON)
                .body(Map.of("code", "lower case", "domain", "PEOPLE", "name", "x"))
                .post(DECISIONS).then().statusCode(400)
                .body("errors[0].field", equalTo("code"));
        given().get(DECISIONS + "/NOPE").then().statusCode(404);
        given().auth().oauth2(TestTokens.districtAdmin()).contentType(ContentType.JSON).body(Map.of("reason", "x"))
                .post(DECISIONS + "/NOPE/retire").then().statusCode(404);
    }
}
