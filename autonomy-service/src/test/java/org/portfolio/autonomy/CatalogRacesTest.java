package org.portfolio.autonomy;

import io.agroal.api.AgroalDataSource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.Response;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;
import org.portfolio.testing.Races;
import org.portfolio.testing.TestTokens;

import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.portfolio.autonomy.DecisionCatalogResourceTest.DECISIONS;
import static org.portfolio.autonomy.DecisionCatalogResourceTest.newCode;

/**
 * Different decisions added to the catalog at the same moment (twentieth pass, an outside check of races): each
 * waited for the latest catalog version's lock, then, handed the row it had asked for, numbered its version after
 * that one, as the first had: one 201, the others 409s from the unique key. Each now numbers after the version that
 * is latest once it holds the lock.
 */
@QuarkusTest
class CatalogRacesTest {

    @Inject
    AgroalDataSource dataSource;

    @Test
    void threeDecisionsAddedAtOnceAreThreeNewVersions() throws Exception {
        int before = given().get("/api/autonomy/decision-catalog/versions").then().statusCode(200)
                .extract().path("[0].version");
        List<Callable<Response>> adds = java.util.stream.IntStream.range(0, 3).mapToObj(i -> (Callable<Response>) () ->
                given().auth().oauth2(TestTokens.districtAdmin()).contentType(ContentType.JSON)
                        .body(Map.of("code", newCode("SET_DRESS_CODE"), "domain", "PROGRAM", "name", "Set the dress code"))
                        .post(DECISIONS)).toList();
        List<Response> answers = Races.whileLocked(dataSource,
                "select 1 from catalog_version where version = ? for update", List.of(before), adds);
        assertThat(answers.stream().map(Response::statusCode).toList()).as(answers.toString()).containsOnly(201);
        int after = given().get("/api/autonomy/decision-catalog/versions").then().statusCode(200)
                .extract().path("[0].version");
        assertThat(after).isEqualTo(before + 3);
    }
}
