package org.portfolio.performance;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import org.junit.jupiter.api.Test;
import org.portfolio.testing.TestTokens;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.portfolio.performance.Fixtures.postJson;

/**
 * Hostile review of the twenty-fifth pass, P1: a district's proficiency metric over ELA and math was published beside
 * ELA's own while math's was suppressed (one student): the public page showed ELA 50 % at n 20 and ELA and math 52.4 %
 * at n 21, so anyone could tell that the one math student was proficient (47.6 % when not). A metric over several
 * subjects is suppressed when one of its subjects has fewer students than the minimum n.
 */
@QuarkusTest
class ComplementarySuppressionTest {

    @Test
    void aMetricOverSeveralSubjectsIsSuppressedWhenOneSubjectsStudentsAreTooFew() {
        // subjects of this test only: the catalog is shared by the module's tests, which count the metrics they change
        String tag = UUID.randomUUID().toString().replaceAll("[^a-f]", "").toUpperCase() + "QQQQ";
        String big = "CSA" + tag.substring(0, 4);
        String small = "CSB" + tag.substring(0, 4);
        String one = metric("CS_" + tag.substring(0, 4), List.of(big));
        String both = metric("CSAB_" + tag.substring(0, 4), List.of(big, small));

        UUID few = Fixtures.school().id();
        String p = "CS" + UUID.randomUUID().toString().substring(0, 6).toUpperCase() + "-";
        List<Map<String, Object>> rows = new ArrayList<>(Fixtures.students(few, p, big, 20, 10));
        rows.add(Fixtures.assessment(few, p + "ONLYSMALL", small, 4, null)); // one student, in the small subject only
        postJson("assessments", TestTokens.districtAdmin(), rows).statusCode(201);

        JsonPath page = publicPage(few);
        assertThat(page.getMap("metrics.find { it.metricCode == '" + one + "' }")).containsEntry("n", 20);
        assertThat(page.getMap("metrics.find { it.metricCode == '" + both + "' }"))
                .as("beside the one-subject metric, the combined one would give the one student's result away")
                .doesNotContainKeys("value", "n");
        String csv = given().queryParam("schoolYear", Fixtures.YEAR).get("/api/performance/public/export")
                .then().statusCode(200).extract().asString();
        assertThat(csv.lines().filter(l -> l.startsWith(few.toString())).toList()).isNotEmpty()
                .noneMatch(l -> l.contains(",52.4,") || l.contains(",21,"));

        // both subjects with enough students: published, n the distinct students
        UUID enough = Fixtures.school().id();
        String q = "CS" + UUID.randomUUID().toString().substring(0, 6).toUpperCase() + "-";
        List<Map<String, Object>> all = new ArrayList<>(Fixtures.students(enough, q + "E", big, 20, 10));
        all.addAll(Fixtures.students(enough, q + "M", small, 20, 10));
        postJson("assessments", TestTokens.districtAdmin(), all).statusCode(201);
        assertThat(publicPage(enough).getMap("metrics.find { it.metricCode == '" + both + "' }"))
                .containsEntry("n", 40).containsKey("value");
    }

    /** A proficiency metric over these subjects added to the module's shared catalog (its code returned). */
    static String metric(String code, List<String> subjects) {
        given().auth().oauth2(TestTokens.districtAdmin()).contentType(ContentType.JSON)
                .body(Map.of("code", code, "name", "Proficiency " + code, "category", "ACADEMIC",
                        "direction", "HIGHER_IS_BETTER", "unit", "PERCENT", "computation", "ASSESSMENT_PROFICIENCY",
                        "subjects", subjects))
                .post("/api/performance/metrics").then().statusCode(201);
        return code;
    }

    private static JsonPath publicPage(UUID school) {
        return JsonPath.from(given().queryParam("schoolYear", Fixtures.YEAR).get("/api/performance/public/schools/" + school)
                .then().statusCode(200).extract().asString());
    }
}
