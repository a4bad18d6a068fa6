package org.portfolio.system.e2e;

import io.restassured.response.Response;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.portfolio.system.gateway.RunningStack;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.portfolio.system.e2e.District.benchmark;
import static org.portfolio.system.e2e.District.provision;

/**
 * Earned autonomy: a MONEY provision earned by a rating of MEETS or better for two consecutive years stays PENDING
 * on one good year and is granted by itself when the second year's SIS data makes the school qualify, with the
 * ratings that earned it recorded as the cause.
 */
@ExtendWith(RunningStack.class)
@Order(2)
class EarnedAutonomyIT {

    private final District district;

    EarnedAutonomyIT(RunningStack.Stack running) {
        this.district = new District(running.stack());
    }

    @Test
    void anEarnedProvisionIsGrantedWhenTwoConsecutiveRatingsQualifyWithTheRatingsAsCause() throws Exception {
        String previous = District.schoolYear(-1);
        String current = District.schoolYear(0);
        ensurePublishedFramework(previous);
        ensurePublishedFramework(current);

        District.School school = district.openSchool(district.oversightBody());
        district.activeContract(school.id(),
                List.of(provision("MONEY", "EARNED", List.of(), Map.of("minimumTier", "MEETS", "consecutiveYears", 2))),
                List.of(benchmark("TEACHER_VACANCIES", "LTE", 3, current, "ORGANIZATIONAL", List.of("MONEY"), "NOTICE_OF_CONCERN", true)));
        district.awaitGrant(school.id(), "MONEY", "PENDING");
        String sis = district.client("SIS", school.id());
        String oversight = district.oversight();

        // one strong year: rated, but one year is not two
        postStrongYear(sis, school.id(), previous);
        await("autonomy-service holds the " + previous + " rating").atMost(District.EVENTUAL).pollInterval(Duration.ofMillis(200))
                .until(() -> district.as(oversight).get("/api/autonomy/schools/{id}/ratings", school.id()).then().statusCode(200)
                        .extract().<List<Object>>path("$").size() == 1);
        assertThat(district.grantStatus(school.id(), "MONEY")).isEqualTo("PENDING");
        assertThat(district.decisionRights(school.id(), "ALLOCATE_BUDGET").<String>path("basis.reason"))
                .isEqualTo("PENDING_ELIGIBILITY");

        // the second consecutive strong year → granted
        postStrongYear(sis, school.id(), current);
        district.awaitGrant(school.id(), "MONEY", "ACTIVE");

        // every rating version performance-service computed, per year (the earning ones are among them)
        List<List<String>> versions = new ArrayList<>();
        for (String year : List.of(current, previous)) {
            Response ratings = district.as(oversight).queryParam("schoolYear", year)
                    .get("/api/performance/schools/{id}/ratings", school.id()).then().statusCode(200).extract().response();
            assertThat(ratings.<String>path("[0].tier")).as(year).isEqualTo("EXCEEDS");
            versions.add(ratings.path("ratingId"));
        }
        Map<String, Object> grant = district.onlyGrant(school.id(), "MONEY");
        assertThat(grant).containsEntry("model", "EARNED");
        Map<?, ?> cause = (Map<?, ?>) grant.get("cause");
        assertThat(cause.get("kind")).isEqualTo("RATING_QUALIFIED");
        List<?> ratingIds = (List<?>) cause.get("ratingIds");
        assertThat(ratingIds).as("the ratings that earned it, latest first").hasSize(2);
        assertThat(versions.get(0)).contains((String) ratingIds.get(0));
        assertThat(versions.get(1)).contains((String) ratingIds.get(1));
        assertThat(district.grantHistory(grant.get("id"))).extracting(h -> h.get("action"))
                .containsSubsequence("CREATED_PENDING", "GRANTED").containsOnlyOnce("GRANTED");
    }

    /** ELA and MATH all proficient with growth percentile 70, and no teacher vacancy: EXCEEDS on the default framework. */
    private void postStrongYear(String sis, UUID school, String year) {
        List<Map<String, Object>> rows = new ArrayList<>(District.assessments(school, year, "ELA", 12, 12, 70));
        rows.addAll(District.assessments(school, year, "MATH", 12, 12, 70));
        District.postAssessments(district, sis, rows);
        District.postSchoolMetrics(district, sis, List.of(Map.of("schoolId", school.toString(), "schoolYear", year,
                "metricCode", "TEACHER_VACANCIES", "value", 0)));
    }

    /** Ratings need a framework published for exactly that year: publish a copy of the current one if there is none. */
    private void ensurePublishedFramework(String year) throws Exception {
        String admin = district.admin();
        int published = district.as(admin).queryParam("schoolYear", year).queryParam("status", "PUBLISHED")
                .get("/api/performance/frameworks").then().statusCode(200).extract().path("total");
        if (published > 0) {
            return;
        }
        String source = district.as(admin).queryParam("status", "PUBLISHED").get("/api/performance/frameworks")
                .then().statusCode(200).extract().path("items[0].id");
        String draft = district.as(admin).body(Map.of("schoolYear", year)).post("/api/performance/frameworks/{id}/new-version", source)
                .then().statusCode(201).extract().path("id");
        district.as(admin).post("/api/performance/frameworks/{id}/publish", draft).then().statusCode(200);
    }
}
