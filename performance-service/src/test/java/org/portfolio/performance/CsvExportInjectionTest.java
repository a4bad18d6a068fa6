package org.portfolio.performance;

import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.Test;
import org.portfolio.testing.TestTokens;

import java.util.List;
import java.util.Map;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * A school's name comes from another service's event and ends up in the CSV exports that oversight staff open in a
 * spreadsheet: a name that starts a formula is neutralised (OWASP CSV injection), negative numbers stay numbers.
 */
@QuarkusTest
class CsvExportInjectionTest {

    @Test
    void aFormulaInASchoolNameIsNeutralisedInBothExports() {
        Fixtures.School s = Fixtures.school("CHARTER", "=HYPERLINK(\"http://evil.example\",\"Report\")");
        String score = "TEST_SCORE_DELTA";
        given().auth().oauth2(TestTokens.districtAdmin()).contentType("application/json")
                .body(Map.of("code", score, "name", "Score change", "category", "ACADEMIC",
                        "direction", "HIGHER_IS_BETTER", "unit", "SCORE"))
                .post("/api/performance/metrics").then().statusCode(org.hamcrest.Matchers.oneOf(201, 409));
        Fixtures.postJson("school-metrics", TestTokens.districtAdmin(), List.of(
                Fixtures.value(s.id(), score, -12.5, 40))).statusCode(201);

        for (String csv : List.of(
                given().queryParam("schoolYear", Fixtures.YEAR).get("/api/performance/public/export").then()
                        .statusCode(200).extract().asString(),
                given().auth().oauth2(TestTokens.districtAdmin()).queryParam("schoolYear", Fixtures.YEAR)
                        .get("/api/performance/ratings/export").then().statusCode(200).extract().asString())) {
            String line = csv.lines().filter(l -> l.startsWith(s.id().toString())).findFirst().orElseThrow();
            assertThat(line).contains(",\"'=HYPERLINK(\"\"http://evil.example\"\",\"\"Report\"\")\",");
            assertThat(line).doesNotContain(",\"=HYPERLINK");
            String header = csv.lines().findFirst().orElseThrow();
            List<String> columns = List.of(header.split(","));
            assertThat(columns).contains(score + "_value");
            assertThat(line).contains(",-12.5,");
        }
    }
}
