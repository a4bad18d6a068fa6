package org.portfolio.contracts;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import org.junit.jupiter.api.Test;
import org.portfolio.contracts.domain.SchoolYear;
import org.portfolio.testing.TestTokens;

import java.time.LocalDate;
import java.util.Map;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasKey;
import static org.hamcrest.Matchers.not;
import static org.portfolio.contracts.Fixtures.*;

/** Oversight sets the intervention level by hand, up or down, with a reason; every change is published. */
@QuarkusTest
class InterventionTest {

    /**
     * A step counted from a date after the term would never fall due while the contract holds (review C6 of
     * 2026-12-05): such a date is refused, as it is for a termination. Before, it was taken (200) and the step's due
     * and review dates lay beyond the contract.
     */
    @Test
    void aStepCannotCountFromADateAfterTheTerm() {
        String school = openSchool();
        String contract = activeContract(school);
        String etag = etag(contract);
        given().auth().oauth2(TestTokens.oversight()).contentType(ContentType.JSON).header("If-Match", etag)
                .body(Map.of("level", "NOTICE_OF_CONCERN", "reason", "Audit findings",
                        "effectiveDate", java.time.LocalDate.now().plusYears(30).toString()))
                .put("/api/contracts/" + contract + "/intervention").then().statusCode(422)
                .contentType("application/problem+json").body("errors[0].field", equalTo("effectiveDate"));
        given().auth().oauth2(TestTokens.oversight()).get("/api/contracts/" + contract).then().statusCode(200)
                .body("interventionLevel", equalTo("NONE"));

        // a decided end is the contract's last day: no step counts from after it (the review of this rule)
        java.time.LocalDate end = java.time.LocalDate.now(java.time.ZoneOffset.UTC).plusDays(40);
        given().auth().oauth2(admin()).contentType(ContentType.JSON)
                .body(Map.of("reason", "Operator withdraws", "effectiveDate", end.toString()))
                .post("/api/contracts/" + contract + "/termination").then().statusCode(200)
                .body("scheduledEnd.as", equalTo("TERMINATED"));
        given().auth().oauth2(TestTokens.oversight()).contentType(ContentType.JSON).header("If-Match", etag(contract))
                .body(Map.of("level", "NOTICE_OF_CONCERN", "reason", "Audit findings", "effectiveDate", end.plusDays(1).toString()))
                .put("/api/contracts/" + contract + "/intervention").then().statusCode(422)
                .body("errors[0].message", org.hamcrest.Matchers.containsString(end.toString()));
        given().auth().oauth2(TestTokens.oversight()).contentType(ContentType.JSON).header("If-Match", etag(contract))
                .body(Map.of("level", "NOTICE_OF_CONCERN", "reason", "Audit findings", "effectiveDate", end.toString()))
                .put("/api/contracts/" + contract + "/intervention").then().statusCode(200);
    }

    /**
     * A step counted from a date before the contract held was taken (200, pass 16 review P2): its due date could lie
     * before the day it was set, and the hourly accountability clock escalated it at once. Such a date is refused as a
     * date after the last day is (422, effectiveDate); the term's first day is taken. A renewal is in force from its
     * activation, before its term begins: a step on it counts from that day on.
     */
    @Test
    void aStepCannotCountFromADateBeforeTheContractHeld() {
        String school = openSchool();
        String contract = activeContract(school);
        LocalDate firstDay = SchoolYear.parse(year(0)).firstDay(LAST_DAY);
        given().auth().oauth2(TestTokens.oversight()).contentType(ContentType.JSON).header("If-Match", etag(contract))
                .body(Map.of("level", "CORRECTIVE_ACTION_PLAN", "reason", "Audit findings",
                        "effectiveDate", firstDay.minusDays(1).toString()))
                .put("/api/contracts/" + contract + "/intervention").then().statusCode(422)
                .contentType("application/problem+json").body("type", equalTo("urn:portfolio:problem:unprocessable"))
                .body("errors[0].field", equalTo("effectiveDate"))
                .body("errors[0].message", org.hamcrest.Matchers.containsString(firstDay.toString()));
        given().auth().oauth2(TestTokens.oversight()).get("/api/contracts/" + contract).then().statusCode(200)
                .body("interventionLevel", equalTo("NONE"));
        assertThat(events("InterventionEscalated", about("contractId", contract))).isEmpty();
        given().auth().oauth2(TestTokens.oversight()).contentType(ContentType.JSON).header("If-Match", etag(contract))
                .body(Map.of("level", "CORRECTIVE_ACTION_PLAN", "reason", "Audit findings", "effectiveDate", firstDay.toString()))
                .put("/api/contracts/" + contract + "/intervention").then().statusCode(200)
                .body("interventionSince", equalTo(firstDay.toString()));

        // renewed today for the next school year: in force from today, not from its term's first day
        String renewal = given().auth().oauth2(admin()).contentType(ContentType.JSON)
                .body(Map.of("reason", "Renewed", "term", Map.of("startYear", year(1), "endYear", year(2)),
                        "benchmarks", java.util.List.of(benchmark("TEACHER_VACANCIES", "LTE", 3, year(1),
                                java.util.List.of("PEOPLE"), "NOTICE_OF_CONCERN", true))))
                .post("/api/contracts/" + contract + "/renewal").then().statusCode(201).extract().path("id");
        LocalDate today = LocalDate.now(java.time.ZoneOffset.UTC);
        given().auth().oauth2(TestTokens.oversight()).contentType(ContentType.JSON).header("If-Match", etag(renewal))
                .body(Map.of("level", "PROBATION", "reason", "Missed the plan's milestones",
                        "effectiveDate", today.minusDays(1).toString()))
                .put("/api/contracts/" + renewal + "/intervention").then().statusCode(422)
                .body("errors[0].message", org.hamcrest.Matchers.containsString(today.toString()));
        given().auth().oauth2(TestTokens.oversight()).contentType(ContentType.JSON).header("If-Match", etag(renewal))
                .body(Map.of("level", "PROBATION", "reason", "Missed the plan's milestones"))
                .put("/api/contracts/" + renewal + "/intervention").then().statusCode(200)
                .body("interventionSince", equalTo(today.toString()));
    }

    @Test
    void oversightRaisesAndLowersTheLevelWithAReasonAndEachChangeIsPublished() {
        String school = openSchool();
        String contract = activeContract(school);
        // within the current school year, the contract's first (a date before its term is refused)
        String since = SchoolYear.parse(year(0)).firstDay(LAST_DAY).plusMonths(3).toString();
        given().auth().oauth2(TestTokens.oversight()).contentType(ContentType.JSON).header("If-Match", etag(contract))
                .body(Map.of("level", "CORRECTIVE_ACTION_PLAN", "reason", "Audit findings", "effectiveDate", since))
                .put("/api/contracts/" + contract + "/intervention").then().statusCode(200)
                .body("interventionLevel", equalTo("CORRECTIVE_ACTION_PLAN")).body("interventionSince", equalTo(since));
        given().auth().oauth2(TestTokens.oversight()).contentType(ContentType.JSON)
                .body(Map.of("level", "NONE", "reason", "Corrective plan completed"))
                .put("/api/contracts/" + contract + "/intervention").then().statusCode(200)
                .body("interventionLevel", equalTo("NONE")).body("$", not(hasKey("interventionSince")));

        awaitEvent("InterventionEscalated", about("contractId", contract).and(about("level", "NONE")));
        var changes = events("InterventionEscalated", about("contractId", contract));
        assertThat(changes).hasSize(2);
        var up = changes.get(0).data();
        assertThat(up.get("previousLevel").asText()).isEqualTo("NONE");
        assertThat(up.get("level").asText()).isEqualTo("CORRECTIVE_ACTION_PLAN");
        assertThat(up.get("reason").asText()).isEqualTo("Audit findings");
        assertThat(up.get("cause").get("kind").asText()).isEqualTo("MANUAL");
        assertThat(up.get("decidedBy").asText()).isEqualTo("test-client");
        assertThat(up.get("effectiveDate").asText()).isEqualTo(since);
        var down = changes.get(1).data();
        assertThat(down.get("previousLevel").asText()).isEqualTo("CORRECTIVE_ACTION_PLAN");
        assertThat(down.get("level").asText()).isEqualTo("NONE");

        given().auth().oauth2(admin()).get("/api/contracts/" + contract + "/history").then()
                .body("items.reason", hasItem("Corrective plan completed"));
    }

    @Test
    void settingTheSameLevelIsAConflictAndAReasonIsRequired() {
        String contract = activeContract(openSchool());
        given().auth().oauth2(admin()).contentType(ContentType.JSON).body(Map.of("level", "NONE", "reason", "x"))
                .put("/api/contracts/" + contract + "/intervention").then().statusCode(409)
                .body("type", equalTo("urn:portfolio:problem:conflict"));
        given().auth().oauth2(admin()).contentType(ContentType.JSON).body(Map.of("level", "PROBATION"))
                .put("/api/contracts/" + contract + "/intervention").then().statusCode(400)
                .body("errors[0].field", equalTo("reason"));
    }

    @Test
    void aContractThatEndsInInterventionClosesItsIntervention() {
        String school = openSchool();
        String contract = activeContract(school);
        given().auth().oauth2(admin()).contentType(ContentType.JSON).body(Map.of("level", "REVOCATION", "reason", "Fraud"))
                .put("/api/contracts/" + contract + "/intervention").then().statusCode(200);
        given().auth().oauth2(admin()).contentType(ContentType.JSON).body(Map.of("reason", "Charter revoked"))
                .post("/api/contracts/" + contract + "/termination").then().statusCode(200)
                .body("interventionLevel", equalTo("NONE"));
        var closed = awaitEvent("InterventionEscalated", about("contractId", contract).and(about("level", "NONE")));
        assertThat(closed.data().get("previousLevel").asText()).isEqualTo("REVOCATION");
        assertThat(closed.data().get("cause").get("kind").asText()).isEqualTo("CONTRACT_ENDED");
        var ended = awaitEvent("ContractEnded", about("contractId", contract));
        assertThat(ended.offset()).isLessThan(closed.offset());
    }

    @Test
    void aRenewalCarriesTheInterventionLevelOver() {
        String school = openSchool();
        String contract = activeContract(school);
        given().auth().oauth2(admin()).contentType(ContentType.JSON).body(Map.of("level", "PROBATION", "reason", "Low results"))
                .put("/api/contracts/" + contract + "/intervention").then().statusCode(200);
        given().auth().oauth2(admin()).contentType(ContentType.JSON)
                .body(Map.of("reason", "Renewed on probation", "term", Map.of("startYear", year(1), "endYear", year(2)),
                        "benchmarks", java.util.List.of(benchmark("TEACHER_VACANCIES", "LTE", 3, year(1),
                                java.util.List.of("PEOPLE"), "NOTICE_OF_CONCERN", true))))
                .post("/api/contracts/" + contract + "/renewal").then().statusCode(201)
                .body("interventionLevel", equalTo("PROBATION"));
        // the school's level did not change, so nothing is published about it
        assertThat(events("InterventionEscalated", about("schoolId", school))).hasSize(1);
    }
}
