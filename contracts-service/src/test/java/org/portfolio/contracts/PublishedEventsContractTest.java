package org.portfolio.contracts;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import org.junit.jupiter.api.Test;
import org.portfolio.testing.events.EventContract;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.portfolio.contracts.Fixtures.*;

/**
 * The AsyncAPI document (module api-docs) is the contract of contracts-service's events: one school's life publishes
 * each of its ten event types, and then every event this service published in the test run, read back from
 * contracts.events, must conform to its message in the document (envelope, key, data; closed schemas, complete enums,
 * no nulls), and every message the document lists on contracts.events must have been published.
 */
@QuarkusTest
class PublishedEventsContractTest {

    @jakarta.inject.Inject
    org.portfolio.contracts.service.AccountabilityClock clock;

    @Test
    void everyEventContractsPublishesConformsToTheAsyncApiDocument() {
        String body = oversightBody();
        String school = openSchool(body);                                             // SchoolRegistered, SchoolStatusChanged
        var read = given().get("/api/schools/" + school).then().statusCode(200).extract();
        given().auth().oauth2(admin()).contentType(ContentType.JSON).header("If-Match", read.header("ETag"))
                .body(Map.of("districtCode", read.path("districtCode"), "name", "Renamed " + read.path("name"),
                        "type", "CHARTER", "grades", List.of("9", "10"), "oversightBodyId", body))
                .put("/api/schools/" + school).then().statusCode(200);                // SchoolUpdated (no zone, no NCES id)
        String contract = activeContract(school);                                     // ContractActivated
        awaitEvent("ContractActivated", about("contractId", contract));
        publishMetric(metric(school, "TEACHER_VACANCIES", year(0), 7, null, false));  // BenchmarkEvaluated, InterventionEscalated
        awaitEvent("InterventionEscalated", about("contractId", contract));
        Map<String, Object> relaxed = new HashMap<>(vacancies());
        relaxed.put("target", 8);
        given().auth().oauth2(admin()).contentType(ContentType.JSON).header("If-Match", etag(contract))
                .body(Map.of("reason", "Hiring freeze", "benchmarks", List.of(relaxed)))
                .post("/api/contracts/" + contract + "/amendments").then().statusCode(201);   // ContractAmended
        given().auth().oauth2(admin()).contentType(ContentType.JSON).body(Map.of("reason", "Charter revoked after audit"))
                .post("/api/contracts/" + contract + "/termination").then().statusCode(200);  // ContractEnded
        awaitEvent("ContractEnded", about("contractId", contract));
        awaitEvent("InterventionEscalated", e -> about("contractId", contract).test(e)
                && "CONTRACT_ENDED".equals(e.data().path("cause").path("kind").asText()));

        // the accountability clock: a step begun 31 days ago and due in 30 (escalated), last year's data due by its last day
        String clocked = openSchool(body);
        Map<String, Object> draft = new HashMap<>(draftBody(clocked, year(-1), year(1),
                List.of(provision("PEOPLE", "FULL_WITH_EXPECTATIONS")),
                List.of(benchmark("ELA_PROFICIENCY", "GTE", 40, year(-1), List.of("PEOPLE"), "NOTICE_OF_CONCERN", true))));
        draft.put("accountability", AccountabilityClockTest.clockTerms("ESCALATE", 0, true));
        String clockedContract = draft(draft);
        activate(clockedContract).statusCode(200);
        given().auth().oauth2(admin()).contentType(ContentType.JSON).body(Map.of("level", "NOTICE_OF_CONCERN", "reason",
                        "Audit", "effectiveDate", java.time.LocalDate.now(java.time.ZoneOffset.UTC).minusDays(31).toString()))
                .put("/api/contracts/" + clockedContract + "/intervention").then().statusCode(200);
        clock.run();                                                                  // InterventionStepOverdue, BenchmarkDataMissing
        awaitEvent("BenchmarkDataMissing", about("contractId", clockedContract));
        awaitEvent("InterventionStepOverdue", about("contractId", clockedContract));

        Map<String, Integer> checked = EventContract.load().assertTopicConforms(CONTRACTS_TOPIC, "/contracts");
        assertThat(checked).hasSizeGreaterThanOrEqualTo(10);
    }
}
