package org.portfolio.enrollment;

import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.Test;
import org.portfolio.testing.TestTokens;

import java.util.Map;
import java.util.UUID;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.greaterThanOrEqualTo;
import static org.portfolio.enrollment.Fixtures.officer;

/**
 * A search for applicants with the child's reference or name in the body, out of the URL that proxies and load
 * balancers log (log audit, sixteenth pass); the same answers as the GET with its query.
 */
@QuarkusTest
class ApplicantSearchTest {

    private static final String SEARCH = "/api/enrollment/applicants/search";

    private static void applicant(String ref, String first, String last) {
        given().auth().oauth2(officer()).contentType("application/json").body(Map.of("externalRef", ref, "firstName", first,
                "lastName", last, "birthDate", "2015-04-01", "grade", "6")).post("/api/enrollment/applicants").then().statusCode(201);
    }

    @Test
    void theBodyNamesWhatTheQueryDidAndTheAnswersAreTheSame() {
        String last = "Search" + UUID.randomUUID().toString().substring(0, 8);
        String ref = "SRCH-" + UUID.randomUUID().toString().substring(0, 8);
        applicant(ref, "Zoe", last);
        applicant(ref + "-2", "Ada", last);

        given().auth().oauth2(officer()).contentType("application/json").body(Map.of("externalRef", ref)).post(SEARCH).then()
                .statusCode(200).body("total", equalTo(1)).body("items[0].firstName", equalTo("Zoe"));
        given().auth().oauth2(officer()).contentType("application/json").body(Map.of("lastName", last.toUpperCase())).post(SEARCH)
                .then().statusCode(200).body("total", equalTo(2)).body("items.firstName", contains("Ada", "Zoe"));
        given().auth().oauth2(officer()).contentType("application/json").body(Map.of("lastName", last, "page", 1, "size", 1))
                .post(SEARCH).then().statusCode(200).body("total", equalTo(2)).body("page", equalTo(1))
                .body("items.firstName", contains("Zoe"));
        given().auth().oauth2(officer()).contentType("application/json").body(Map.of()).post(SEARCH).then().statusCode(200)
                .body("total", greaterThanOrEqualTo(2)).body("size", equalTo(50));
        given().auth().oauth2(officer()).queryParam("lastName", last).get("/api/enrollment/applicants").then()
                .body("items.firstName", contains("Ada", "Zoe"));
    }

    @Test
    void itIsTheEnrollmentOfficesAndItsBoundsAreTheQuerys() {
        given().auth().oauth2(TestTokens.schoolLeader(UUID.randomUUID())).contentType("application/json").body(Map.of("lastName", "X"))
                .post(SEARCH).then().statusCode(403);
        given().auth().oauth2(officer()).contentType("application/json").body(Map.of("lastName", "X", "size", 501)).post(SEARCH).then()
                .statusCode(400).body("errors[0].field", equalTo("size"));
        given().auth().oauth2(officer()).contentType("application/json").body(Map.of("lastName", "x".repeat(101))).post(SEARCH).then()
                .statusCode(400).body("errors[0].field", equalTo("lastName"));
    }

    /** It changes nothing: the document declares no 409 and no 422 for it (hostile review, sixteenth pass). */
    @Test
    void theDocumentDeclaresNoConflictForARead() {
        java.util.Map<String, Object> responses = given().accept("application/json").get("/q/openapi").then().statusCode(200)
                .extract().jsonPath().getMap("paths.'/api/enrollment/applicants/search'.post.responses");
        org.assertj.core.api.Assertions.assertThat(responses).containsKeys("200", "400", "403").doesNotContainKeys("409", "422");
    }
}
