package org.portfolio.contracts;

import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.Test;
import org.portfolio.testing.EventsProbe;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.allOf;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.not;
import static org.portfolio.contracts.Fixtures.activeContract;
import static org.portfolio.contracts.Fixtures.openSchool;
import static org.portfolio.contracts.Fixtures.scorecard;

/**
 * Earned autonomy falls back (issue 15, point 5) on the scorecard: autonomy-service announces a fall back as
 * AutonomyRevoked with cause RATING_FELL and the ratings; the scorecard shows the grant PENDING (not REVOKED) and names
 * the fall back and the ratings in words, and ACTIVE again when the ratings earn it back (AutonomyReinstated,
 * RATING_QUALIFIED). A benchmark revocation is still REVOKED.
 */
@QuarkusTest
class AutonomyFallBackOnTheScorecardTest {

    private static final String AUTONOMY = "autonomy.events";

    @Test
    void aGrantThatFellBackIsPendingOnTheScorecardWithTheRatingsAsCauseInWords() {
        String school = openSchool();
        String contract = activeContract(school);
        String grant = UUID.randomUUID().toString();
        String earnedBy = UUID.randomUUID().toString();
        EventsProbe.publish(AUTONOMY, "/autonomy", "portfolio.autonomy.AutonomyGranted.v1", school, Map.of(
                "grantId", grant, "schoolId", school, "domain", "MONEY", "model", "EARNED", "decisions", List.of(),
                "source", "CONTRACT_PROVISION", "contractId", contract, "effectiveFrom", "2026-07-01",
                "cause", Map.of("kind", "RATING_QUALIFIED", "eventId", UUID.randomUUID().toString(), "ratingId", earnedBy,
                        "ratingIds", List.of(earnedBy), "description", "Rated MEETS or better for 1 consecutive school year(s): 2025-26 MEETS")));
        await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> scorecard(contract)
                .body("autonomy[0].status", equalTo("ACTIVE"))
                .body("autonomy[0].ratingIds", contains(earnedBy))
                .body("autonomy[0].explanation", allOf(containsString("EARNED MONEY autonomy in force since "),
                        containsString("earned by the school's ratings (Rated MEETS or better"))));

        String weak = UUID.randomUUID().toString();
        String weaker = UUID.randomUUID().toString();
        String description = "Rated below MEETS for 2 consecutive school year(s): 2027-28 DOES_NOT_MEET, 2026-27 APPROACHING";
        EventsProbe.publish(AUTONOMY, "/autonomy", "portfolio.autonomy.AutonomyRevoked.v1", school, Map.of(
                "grantId", grant, "schoolId", school, "domain", "MONEY", "model", "EARNED",
                "revokedAt", Instant.now().toString(),
                "cause", Map.of("kind", "RATING_FELL", "eventId", UUID.randomUUID().toString(), "ratingId", weaker,
                        "ratingIds", List.of(weaker, weak), "description", description)));
        await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> scorecard(contract)
                .body("autonomy[0].status", equalTo("PENDING")));
        scorecard(contract)
                .body("autonomy[0].ratingIds", contains(weaker, weak))
                .body("autonomy[0].cause", containsString("RATING_FELL"))
                .body("autonomy[0].explanation", allOf(containsString("EARNED MONEY autonomy fell back on "),
                        containsString("the school's ratings fell below the contract's criteria (" + description
                                + "; ratings " + weaker + ", " + weak + ")"),
                        containsString("The district decides until the ratings earn it again."),
                        not(containsString("revoked"))));

        // earned again: ACTIVE
        String better = UUID.randomUUID().toString();
        EventsProbe.publish(AUTONOMY, "/autonomy", "portfolio.autonomy.AutonomyReinstated.v1", school, Map.of(
                "grantId", grant, "schoolId", school, "domain", "MONEY", "model", "EARNED",
                "reinstatedAt", Instant.now().plusSeconds(1).toString(),
                "cause", Map.of("kind", "RATING_QUALIFIED", "eventId", UUID.randomUUID().toString(), "ratingId", better,
                        "ratingIds", List.of(better), "description", "Rated MEETS or better for 1 consecutive school year(s): 2028-29 MEETS; earned again after falling back")));
        await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> scorecard(contract)
                .body("autonomy[0].status", equalTo("ACTIVE"))
                .body("autonomy[0].ratingIds", contains(better))
                .body("autonomy[0].explanation", containsString("earned again after falling back")));
    }

    /**
     * Review of issue 15 (M2): an AutonomyReinstated published before issue 15 (in flight at the upgrade, replayed from
     * the DLQ) quotes the correction's free-text reason in its description; the scorecard keeps the code OTHER only.
     */
    @Test
    void anOlderEventQuotingACorrectionsFreeTextIsCutToTheCode() {
        String school = openSchool();
        String contract = activeContract(school);
        String grant = UUID.randomUUID().toString();
        String correction = UUID.randomUUID().toString();
        EventsProbe.publish(AUTONOMY, "/autonomy", "portfolio.autonomy.AutonomyReinstated.v1", school, Map.of(
                "grantId", grant, "schoolId", school, "domain", "PEOPLE", "model", "FULL_WITH_EXPECTATIONS",
                "reinstatedAt", Instant.now().toString(),
                "cause", Map.of("kind", "BENCHMARK_MET", "eventId", UUID.randomUUID().toString(),
                        "reason", "Benchmark met on corrected data (correction " + correction
                                + ": Marisol Quintanilla-Okafor's file was keyed twice)",
                        "description", "Benchmark TEACHER_VACANCIES 2026-27 met on corrected data (correction "
                                + correction + ": Marisol Quintanilla-Okafor's file was keyed twice)")));
        await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> scorecard(contract)
                .body("autonomy[0].status", equalTo("ACTIVE")));
        String card = scorecard(contract).extract().asString();
        assertThat(card).contains("(correction " + correction + ": OTHER)").doesNotContain("Quintanilla");
        assertThat(given().auth().oauth2(org.portfolio.testing.TestTokens.districtAdmin()).get("/api/contracts/" + contract + "/history")
                .then().statusCode(200).extract().asString()).doesNotContain("Quintanilla");
    }

    @Test
    void aBenchmarkRevocationStaysRevokedAndIsExplained() {
        String school = openSchool();
        String contract = activeContract(school);
        String grant = UUID.randomUUID().toString();
        EventsProbe.publish(AUTONOMY, "/autonomy", "portfolio.autonomy.AutonomyRevoked.v1", school, Map.of(
                "grantId", grant, "schoolId", school, "domain", "PEOPLE", "model", "FULL_WITH_EXPECTATIONS",
                "revokedAt", Instant.now().toString(),
                "cause", Map.of("kind", "BENCHMARK_MISSED", "eventId", UUID.randomUUID().toString(),
                        "benchmarkId", UUID.randomUUID().toString(), "evaluationId", UUID.randomUUID().toString(),
                        "metricCode", "TEACHER_VACANCIES", "period", "2026-27", "comparator", "LTE", "target", 3, "actual", 7,
                        "description", "Benchmark TEACHER_VACANCIES 2026-27 missed: target LTE 3, actual 7")));
        await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> scorecard(contract)
                .body("autonomy[0].status", equalTo("REVOKED")));
        scorecard(contract)
                .body("autonomy[0].explanation", equalTo("FULL_WITH_EXPECTATIONS PEOPLE autonomy revoked on "
                        + java.time.LocalDate.now(java.time.ZoneOffset.UTC) + " (Benchmark TEACHER_VACANCIES 2026-27 "
                        + "missed: target LTE 3, actual 7). The district decides until it is reinstated."))
                .body("autonomy[0]", org.hamcrest.Matchers.not(org.hamcrest.Matchers.hasKey("ratingIds")));
    }
}
