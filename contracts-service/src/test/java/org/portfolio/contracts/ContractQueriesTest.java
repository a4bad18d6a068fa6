package org.portfolio.contracts;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.containsInAnyOrder;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;
import static org.portfolio.contracts.Fixtures.*;

/** The contract list's filters and paging, the scorecard's trend, the histories' order and causes. */
@QuarkusTest
class ContractQueriesTest {

    @Test
    void theContractListFiltersAndPages() {
        String body = oversightBody();
        String charter = openSchool(body, "CHARTER");
        String magnet = openSchool(body, "MAGNET");
        String innovation = openSchool(body, "INNOVATION");
        String shortTerm = draft(draftBody(charter, year(0), year(0), List.of(provision("PEOPLE", "FULL_WITH_EXPECTATIONS")),
                List.of(vacancies())));
        activate(shortTerm).statusCode(200);
        String onProbation = activeContract(magnet);
        given().auth().oauth2(admin()).contentType(ContentType.JSON).body(Map.of("level", "PROBATION", "reason", "Results"))
                .put("/api/contracts/" + onProbation + "/intervention").then().statusCode(200);
        String drafted = draft(standardDraft(innovation));

        String base = "/api/contracts?oversightBodyId=" + body;
        given().auth().oauth2(admin()).get(base).then().statusCode(200).body("total", equalTo(3))
                .body("items[0].id", equalTo(shortTerm));   // ordered by term end
        given().auth().oauth2(admin()).get(base + "&status=ACTIVE").then()
                .body("items.id", containsInAnyOrder(shortTerm, onProbation));
        given().auth().oauth2(admin()).get(base + "&status=DRAFT").then().body("items.id", contains(drafted));
        given().auth().oauth2(admin()).get(base + "&interventionAtLeast=NOTICE_OF_CONCERN").then()
                .body("items.id", contains(onProbation)).body("items[0].interventionLevel", equalTo("PROBATION"));
        given().auth().oauth2(admin()).get(base + "&interventionAtLeast=REVOCATION").then().body("total", equalTo(0));
        given().auth().oauth2(admin()).get(base + "&expiringBefore=" + lastDayOf(year(0)).plusDays(1)).then()
                .body("items.id", contains(shortTerm));
        given().auth().oauth2(admin()).get(base + "&expiringBefore=" + lastDayOf(year(0))).then().body("total", equalTo(0));
        given().auth().oauth2(admin()).get(base + "&schoolType=MAGNET").then().body("items.id", contains(onProbation))
                .body("items[0].schoolType", equalTo("MAGNET"));
        given().auth().oauth2(admin()).get(base + "&size=2&page=1").then()
                .body("items", hasSize(1)).body("total", equalTo(3)).body("page", equalTo(1)).body("size", equalTo(2));
        given().auth().oauth2(admin()).get("/api/contracts?schoolId=" + magnet).then().body("items.id", contains(onProbation));
    }

    @Test
    void theScorecardShowsTargetActualStatusAndTheTrendOverPeriods() {
        String school = openSchool();
        var ela = benchmark("ELA_PROFICIENCY", "GTE", 45, year(0), List.of(), "NOTICE_OF_CONCERN", false);
        String contract = activeContract(school, vacancies(), ela);
        publishMetric(metric(school, "ELA_PROFICIENCY", year(-2), 47, 200, false));
        publishMetric(metric(school, "ELA_PROFICIENCY", year(-1), 44, 8, true));
        publishMetric(metric(school, "ELA_PROFICIENCY", year(0), 41.5, 212, false));
        org.awaitility.Awaitility.await().atMost(java.time.Duration.ofSeconds(20)).untilAsserted(() ->
                scorecard(contract).body("benchmarks[1].status", equalTo("MISSED")));
        scorecard(contract)
                .body("benchmarks[0].status", equalTo("NOT_YET_EVALUATED"))
                .body("benchmarks[0].trend", hasSize(0))
                .body("benchmarks[0].direction", equalTo("UNKNOWN"))
                .body("benchmarks[1].target", equalTo(45))
                .body("benchmarks[1].latestActual", equalTo(41.5f))
                .body("benchmarks[1].n", equalTo(212))
                .body("benchmarks[1].trend.period", contains(year(-2), year(-1), year(0)))
                .body("benchmarks[1].trend[1].suppressed", equalTo(true))
                .body("benchmarks[1].direction", equalTo("DECLINING"))
                .body("summary.met", equalTo(0)).body("summary.missed", equalTo(1))
                .body("summary.notYetEvaluated", equalTo(1));
    }

    @Test
    void theScorecardShowsTheAutonomyStateAutonomyServiceAnnounces() {
        String school = openSchool();
        String contract = activeContract(school);
        String grant = java.util.UUID.randomUUID().toString();
        org.portfolio.testing.EventsProbe.publish("autonomy.events", "/autonomy", "portfolio.autonomy.AutonomyGranted.v1", school,
                Map.of("grantId", grant, "schoolId", school, "domain", "PEOPLE", "model", "FULL_WITH_EXPECTATIONS",
                        "contractId", contract, "cause", Map.of("kind", "CONTRACT_ACTIVATED")));
        org.portfolio.testing.EventsProbe.publish("autonomy.events", "/autonomy", "portfolio.autonomy.AutonomyRevoked.v1", school,
                Map.of("grantId", grant, "schoolId", school, "domain", "PEOPLE", "model", "FULL_WITH_EXPECTATIONS",
                        "cause", Map.of("kind", "BENCHMARK_MISSED", "metricCode", "TEACHER_VACANCIES", "target", 3, "actual", 7)));
        org.awaitility.Awaitility.await().atMost(java.time.Duration.ofSeconds(20)).untilAsserted(() ->
                scorecard(contract).body("autonomy[0].status", equalTo("REVOKED")));
        scorecard(contract).body("autonomy[0].domain", equalTo("PEOPLE")).body("autonomy[0].grantId", equalTo(grant))
                .body("autonomy[0].cause", org.hamcrest.Matchers.containsString("BENCHMARK_MISSED"));
    }

    @Test
    void aGrantEventNamingAnUnknownDomainGoesToTheDeadLetterTopicNotOntoTheScorecard() {
        // the scorecard declares autonomy[].domain and .model as enums (issue 12): a value outside them is refused
        String school = openSchool();
        String contract = activeContract(school);
        String id = org.portfolio.testing.EventsProbe.publish("autonomy.events", "/autonomy",
                "portfolio.autonomy.AutonomyGranted.v1", school,
                Map.of("grantId", java.util.UUID.randomUUID().toString(), "schoolId", school, "domain", "ATHLETICS",
                        "model", "FULL_WITH_EXPECTATIONS", "contractId", contract, "cause", Map.of("kind", "MANUAL")));
        var dead = org.portfolio.testing.EventsProbe.await("autonomy.events.dlq", e -> id.equals(e.id()),
                java.time.Duration.ofSeconds(20));
        assertThat(dead.header("dlq-consumer")).isEqualTo("autonomy-state");
        assertThat(dead.header("dlq-error")).contains("ATHLETICS");
        scorecard(contract).body("autonomy", hasSize(0));
    }

    @Test
    void theContractHistoryIsInOrderWithWhoWhyAndCause() {
        String school = openSchool();
        String contract = activeContract(school);
        String eventId = publishMetric(metric(school, "TEACHER_VACANCIES", year(0), 5, null, false));
        awaitEvent("InterventionEscalated", about("contractId", contract));
        given().auth().oauth2(admin()).contentType(ContentType.JSON).body(Map.of("level", "NONE", "reason", "Vacancies filled"))
                .put("/api/contracts/" + contract + "/intervention").then().statusCode(200);

        var page = given().auth().oauth2(admin()).get("/api/contracts/" + contract + "/history").then().statusCode(200).extract();
        List<String> kinds = page.path("items.kind");
        assertThat(kinds).containsExactly("CONTRACT_DRAFTED", "CONTRACT_ACTIVATED", "BENCHMARK_EVALUATED",
                "INTERVENTION_CHANGED", "INTERVENTION_CHANGED");
        List<Integer> seqs = page.path("items.seq");
        assertThat(seqs).isSorted();
        assertThat((String) page.path("items[1].reason")).isEqualTo("Board approval");
        assertThat((String) page.path("items[2].cause.eventId")).isEqualTo(eventId);
        assertThat((String) page.path("items[3].cause.kind")).isEqualTo("BENCHMARK_MISSED");
        assertThat((String) page.path("items[3].actor")).isEqualTo("system");
        assertThat((String) page.path("items[4].cause.kind")).isEqualTo("MANUAL");
        assertThat((String) page.path("items[4].reason")).isEqualTo("Vacancies filled");
        assertThat((String) page.path("items[4].actor")).isEqualTo("test-client");
        given().auth().oauth2(admin()).get("/api/contracts/" + contract + "/history?size=2&page=2").then()
                .body("items", hasSize(1)).body("total", equalTo(5));
    }
}
