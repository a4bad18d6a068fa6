package org.portfolio.contracts;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import org.junit.jupiter.api.Test;
import org.portfolio.testing.EventsProbe;

import java.util.List;
import java.util.Map;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasKey;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.notNullValue;
import static org.portfolio.contracts.Fixtures.*;

/** Draft → edit → activate → amend → renew → terminate, each step visible in the API and on the topic. */
@QuarkusTest
class ContractLifecycleTest {

    @Test
    void aContractGoesFromDraftThroughAmendmentAndRenewalToTermination() {
        String school = openSchool();

        // draft
        var created = postDraft(standardDraft(school)).statusCode(201).header("ETag", equalTo("\"0\"")).extract();
        String id = created.path("id");
        assertThat(created.header("Location")).endsWith("/api/contracts/" + id);
        given().auth().oauth2(admin()).get("/api/contracts/" + id).then().statusCode(200)
                .body("status", equalTo("DRAFT")).body("version", equalTo(1))
                .body("term.startYear", equalTo(year(0))).body("term.endDate", equalTo(lastDayOf(year(2)).toString()))
                .body("provisions.domain", contains("PEOPLE", "MONEY"))
                .body("provisions[1].eligibility.minimumTier", equalTo("MEETS"))
                .body("benchmarks[0].metricCode", equalTo("TEACHER_VACANCIES"));

        // edit the draft (If-Match), keeping the PEOPLE provision's identity and adding a benchmark
        var draft = given().auth().oauth2(admin()).get("/api/contracts/" + id).then().extract();
        String peopleId = draft.path("provisions[0].provisionId");
        Map<String, Object> people = new java.util.HashMap<>(provision("PEOPLE", "FULL_WITH_EXPECTATIONS"));
        people.put("provisionId", peopleId);
        Map<String, Object> ela = benchmark("ELA_PROFICIENCY", "GTE", 45, year(1), List.of(), "CORRECTIVE_ACTION_PLAN", false);
        given().auth().oauth2(admin()).contentType(ContentType.JSON).header("If-Match", draft.header("ETag"))
                .body(Map.of("term", Map.of("startYear", year(0), "endYear", year(2)),
                        "provisions", List.of(people), "benchmarks", List.of(vacancies(), ela)))
                .put("/api/contracts/" + id).then().statusCode(200)
                .body("provisions", hasSize(1)).body("provisions[0].provisionId", equalTo(peopleId))
                .body("benchmarks", hasSize(2));

        // activate → ContractActivated
        activate(id).statusCode(200).body("status", equalTo("ACTIVE")).body("activatedBy", equalTo("test-client"));
        var activated = awaitEvent("ContractActivated", about("contractId", id));
        assertThat(activated.subject()).isEqualTo(school);
        assertThat(activated.key()).isEqualTo(school);
        assertThat(activated.data().get("version").asInt()).isEqualTo(1);
        assertThat(activated.data().get("term").get("startYear").asText()).isEqualTo(year(0));
        assertThat(activated.data().path("renewsContractId").isMissingNode()).as("absent, not null").isTrue();
        assertThat(activated.data().get("provisions").get(0).get("provisionId").asText()).isEqualTo(peopleId);
        assertThat(activated.data().get("provisions").get(0).get("model").asText()).isEqualTo("FULL_WITH_EXPECTATIONS");
        var vac = activated.data().get("benchmarks").get(0);
        assertThat(vac.get("comparator").asText()).isEqualTo("LTE");
        assertThat(vac.get("target").asInt()).isEqualTo(3);
        assertThat(vac.get("guardsDomains").get(0).asText()).isEqualTo("PEOPLE");
        assertThat(vac.get("missTriggers").asText()).isEqualTo("NOTICE_OF_CONCERN");
        assertThat(vac.get("reinstateOnMet").asBoolean()).isTrue();
        String vacanciesId = vac.get("benchmarkId").asText();

        // amend → version 2, version 1 still readable, ContractAmended with who and why
        Map<String, Object> relaxed = new java.util.HashMap<>(vacancies());
        relaxed.put("benchmarkId", vacanciesId);
        relaxed.put("target", 5);
        var amended = given().auth().oauth2(admin()).contentType(ContentType.JSON).header("If-Match", etag(id))
                .body(Map.of("reason", "Hiring freeze", "benchmarks", List.of(relaxed, ela)))
                .post("/api/contracts/" + id + "/amendments").then().statusCode(201)
                .body("version", equalTo(2)).body("benchmarks[0].target", equalTo(5))
                .body("benchmarks[0].benchmarkId", equalTo(vacanciesId)).extract();
        assertThat(amended.header("Location")).endsWith("/api/contracts/" + id + "/versions/2");
        given().auth().oauth2(admin()).get("/api/contracts/" + id + "/versions/1").then().statusCode(200)
                .body("current", equalTo(false)).body("benchmarks[0].target", equalTo(3)).body("$", not(hasKey("reason")));
        given().auth().oauth2(admin()).get("/api/contracts/" + id + "/versions").then().statusCode(200)
                .body("items.version", contains(1, 2)).body("items[1].reason", equalTo("Hiring freeze"))
                .body("items[1].createdBy", equalTo("test-client")).body("items[1].current", equalTo(true))
                .body("total", equalTo(2));
        // paged (every version carries its whole content; third pass of 2026-12-05, C2)
        given().auth().oauth2(admin()).get("/api/contracts/" + id + "/versions?page=1&size=1").then().statusCode(200)
                .body("items.version", contains(2)).body("total", equalTo(2)).body("size", equalTo(1));
        given().auth().oauth2(admin()).get("/api/contracts/" + id + "/versions?size=101").then().statusCode(400);
        var amendEvent = awaitEvent("ContractAmended", about("contractId", id));
        assertThat(amendEvent.data().get("version").asInt()).isEqualTo(2);
        assertThat(amendEvent.data().get("previousVersion").asInt()).isEqualTo(1);
        assertThat(amendEvent.data().get("amendedBy").asText()).isEqualTo("test-client");
        assertThat(amendEvent.data().get("reason").asText()).isEqualTo("Hiring freeze");
        assertThat(amendEvent.data().get("benchmarks").get(0).get("target").asInt()).isEqualTo(5);

        // renew → old RENEWED, new ACTIVE renewing it; ContractEnded(RENEWED) before ContractActivated
        var renewal = given().auth().oauth2(admin()).contentType(ContentType.JSON).header("If-Match", etag(id))
                .body(Map.of("reason", "Strong results", "term", Map.of("startYear", year(1), "endYear", year(3)),
                        "benchmarks", List.of(benchmark("ELA_PROFICIENCY", "GTE", 50, year(2), List.of(), "NOTICE_OF_CONCERN", false))))
                .post("/api/contracts/" + id + "/renewal").then().statusCode(201)
                .body("status", equalTo("ACTIVE")).body("renewsContractId", equalTo(id))
                .body("provisions.domain", contains("PEOPLE")).extract();
        String successor = renewal.path("id");
        assertThat(renewal.header("Location")).endsWith("/api/contracts/" + successor);
        assertThat((String) renewal.path("provisions[0].provisionId")).isNotEqualTo(peopleId);
        given().auth().oauth2(admin()).get("/api/contracts/" + id).then()
                .body("status", equalTo("RENEWED")).body("renewedByContractId", equalTo(successor))
                .body("ended.as", equalTo("RENEWED")).body("ended.reason", equalTo("Strong results"));
        var ended = awaitEvent("ContractEnded", about("contractId", id));
        var successorActivated = awaitEvent("ContractActivated", about("contractId", successor));
        assertThat(ended.data().get("endedAs").asText()).isEqualTo("RENEWED");
        assertThat(ended.data().get("renewedByContractId").asText()).isEqualTo(successor);
        assertThat(successorActivated.data().get("renewsContractId").asText()).isEqualTo(id);
        assertThat(ended.partition()).isEqualTo(successorActivated.partition());
        assertThat(ended.offset()).isLessThan(successorActivated.offset());

        // terminate the successor → TERMINATED, ContractEnded
        given().auth().oauth2(admin()).contentType(ContentType.JSON)
                .body(Map.of("reason", "Charter revoked after audit"))
                .post("/api/contracts/" + successor + "/termination").then().statusCode(200)
                .body("status", equalTo("TERMINATED")).body("ended.reason", equalTo("Charter revoked after audit"))
                .body("ended.effectiveDate", notNullValue());
        var terminated = awaitEvent("ContractEnded", about("contractId", successor));
        assertThat(terminated.data().get("endedAs").asText()).isEqualTo("TERMINATED");
        assertThat(terminated.data().get("reason").asText()).isEqualTo("Charter revoked after audit");
        assertThat(terminated.data().path("renewedByContractId").isMissingNode()).as("absent, not null").isTrue();

        // the school's history tells the whole story, in order
        List<String> kinds = given().auth().oauth2(admin()).get("/api/schools/" + school + "/history").then()
                .statusCode(200).extract().path("items.kind");
        assertThat(kinds).containsSubsequence("SCHOOL_REGISTERED", "STATUS_DECISION", "CONTRACT_DRAFTED",
                "CONTRACT_DRAFT_EDITED", "CONTRACT_ACTIVATED", "CONTRACT_AMENDED", "CONTRACT_DRAFTED", "CONTRACT_ENDED",
                "CONTRACT_ACTIVATED", "CONTRACT_ENDED");
    }

    /**
     * Every request example the document shows for a contract is one the service takes, its ids made real: draft, edit,
     * activation, amendment, intervention and termination on one school's contract; activation, non-renewal and then
     * renewal (a non-renewal overturned) on another's. Both end TERMINATED at once afterwards, so that no clock or expiry
     * run of another test, on a moved clock, finds their steps or benchmarks.
     */
    @Test
    void theDocumentsRequestExamplesAreTaken() {
        // the day the examples' story is told: their dates (a term, a request's end, a termination) stay ahead of it,
        // so the examples keep being taken after those dates have passed (hostile review H1, fifteenth pass)
        org.portfolio.testing.TestClock.setNow(org.portfolio.testing.RequestExamples.WRITTEN_ON.atTime(15, 0).toInstant(java.time.ZoneOffset.UTC));
        try {
            String school = openSchool();
            String id = sendExample("post", "/api/contracts", "innovation school", null, Map.of("schoolId", school))
                    .statusCode(201).body("status", equalTo("DRAFT")).extract().path("id");
            sendExample("put", "/api/contracts/{id}", "reviewed draft", id, Map.of()).statusCode(200)
                    .body("provisions.domain", contains("PEOPLE", "TIME", "MONEY")).body("benchmarks", hasSize(3))
                    .body("accountability.missingDataGraceDays", equalTo(60));
            sendExample("post", "/api/contracts/{id}/activation", "board approval", id, Map.of()).statusCode(200)
                    .body("status", equalTo("ACTIVE"));
            sendExample("post", "/api/contracts/{id}/amendments", "accountability clock", id, Map.of()).statusCode(201)
                    .body("version", equalTo(2)).body("benchmarks", hasSize(3))
                    .body("accountability.overdueStep", equalTo("ESCALATE"));
            sendExample("put", "/api/contracts/{id}/intervention", "notice of concern", id, Map.of()).statusCode(200)
                    .body("interventionLevel", equalTo("NOTICE_OF_CONCERN"));
            sendExample("post", "/api/contracts/{id}/termination", "at school year end", id, Map.of()).statusCode(200)
                    .body("status", equalTo("ACTIVE")).body("scheduledEnd.as", equalTo("TERMINATED"));
            terminateNow(id);

            String other = openSchool();
            String renewed = sendExample("post", "/api/contracts", "innovation school", null, Map.of("schoolId", other))
                    .statusCode(201).extract().path("id");
            sendExample("post", "/api/contracts/{id}/activation", "board approval", renewed, Map.of()).statusCode(200);
            sendExample("post", "/api/contracts/{id}/non-renewal", "at term end", renewed, Map.of()).statusCode(200)
                    .body("scheduledEnd.as", equalTo("NON_RENEWED"));
            String successor = sendExample("post", "/api/contracts/{id}/renewal", "five more years", renewed, Map.of())
                    .statusCode(201).body("status", equalTo("ACTIVE")).body("renewsContractId", equalTo(renewed))
                    .body("term.startYear", equalTo("2031-32")).extract().path("id");
            terminateNow(successor);
        } finally {
            org.portfolio.testing.TestClock.reset();
        }
    }

    private static void terminateNow(String contractId) {
        given().auth().oauth2(admin()).contentType(ContentType.JSON).body(Map.of("reason", "End of the example"))
                .post("/api/contracts/" + contractId + "/termination").then().statusCode(200)
                .body("status", equalTo("TERMINATED"));
    }

    @Test
    void aRenewalCanBeDraftedReviewedAndThenActivated() {
        String school = openSchool();
        String old = activeContract(school);
        Map<String, Object> renewal = draftBody(school, year(1), year(3), List.of(provision("PEOPLE", "FULL_WITH_EXPECTATIONS")),
                List.of(benchmark("TEACHER_VACANCIES", "LTE", 2, year(1), List.of("PEOPLE"), "NOTICE_OF_CONCERN", true)));
        renewal.put("renewsContractId", old);
        String draft = draft(renewal);
        // while the renewal is a draft the old contract is still the active one
        given().auth().oauth2(admin()).get("/api/contracts/" + old).then().body("status", equalTo("ACTIVE"));
        activate(draft).statusCode(200).body("renewsContractId", equalTo(old));
        given().auth().oauth2(admin()).get("/api/contracts/" + old).then()
                .body("status", equalTo("RENEWED")).body("renewedByContractId", equalTo(draft));
    }

    @Test
    void aDraftCanBeDiscardedButAnActiveContractCannot() {
        String school = openSchool();
        String draft = draft(standardDraft(school));
        given().auth().oauth2(admin()).delete("/api/contracts/" + draft).then().statusCode(204);
        given().auth().oauth2(admin()).get("/api/contracts/" + draft).then().statusCode(404);
        String active = activeContract(school);
        given().auth().oauth2(admin()).delete("/api/contracts/" + active).then().statusCode(409)
                .body("type", equalTo("urn:portfolio:problem:contract-status-conflict"));
        List<String> kinds = given().auth().oauth2(admin()).get("/api/schools/" + school + "/history").then()
                .extract().path("items.kind");
        assertThat(kinds).contains("CONTRACT_DRAFT_DISCARDED");
    }

    @Test
    void aNonRenewalDecidedForTheTermEndIsScheduledAndARenewalCanSupersedeIt() {
        String school = openSchool();
        String id = activeContract(school);
        given().auth().oauth2(admin()).contentType(ContentType.JSON)
                .body(Map.of("reason", "Enrollment below viability"))
                .post("/api/contracts/" + id + "/non-renewal").then().statusCode(200)
                .body("status", equalTo("ACTIVE"))
                .body("scheduledEnd.as", equalTo("NON_RENEWED"))
                .body("scheduledEnd.effectiveDate", equalTo(lastDayOf(year(2)).toString()));
        // a second non-renewal conflicts; nothing ended yet
        given().auth().oauth2(admin()).contentType(ContentType.JSON).body(Map.of("reason", "again"))
                .post("/api/contracts/" + id + "/non-renewal").then().statusCode(409)
                .body("type", equalTo("urn:portfolio:problem:contract-status-conflict"));
        assertThat(events("ContractEnded", about("contractId", id))).isEmpty();
        // a renewal (e.g. the non-renewal overturned on appeal) supersedes the decided end
        given().auth().oauth2(admin()).contentType(ContentType.JSON)
                .body(Map.of("reason", "Non-renewal overturned on appeal", "term", Map.of("startYear", year(1), "endYear", year(2)),
                        "benchmarks", List.of(benchmark("TEACHER_VACANCIES", "LTE", 3, year(1), List.of("PEOPLE"), "NOTICE_OF_CONCERN", true))))
                .post("/api/contracts/" + id + "/renewal").then().statusCode(201);
        given().auth().oauth2(admin()).get("/api/contracts/" + id).then()
                .body("status", equalTo("RENEWED")).body("$", not(hasKey("scheduledEnd")));
        List<String> summaries = given().auth().oauth2(admin()).get("/api/contracts/" + id + "/history").then()
                .extract().path("items.summary");
        assertThat(summaries).anyMatch(s -> s.contains("supersedes the decided end as NON_RENEWED"));
        // a non-renewal's date is the contract's last day: today holds through today (the expiry job ends it the
        // night after, as a term's end); a date already past ends it now
        java.time.LocalDate today = java.time.LocalDate.now(java.time.ZoneOffset.UTC);
        String throughToday = activeContract(openSchool());
        given().auth().oauth2(admin()).contentType(ContentType.JSON)
                .body(Map.of("reason", "Closing early", "effectiveDate", today.toString()))
                .post("/api/contracts/" + throughToday + "/non-renewal").then().statusCode(200)
                .body("status", equalTo("ACTIVE")).body("scheduledEnd.effectiveDate", equalTo(today.toString()));
        String other = activeContract(openSchool());
        given().auth().oauth2(admin()).contentType(ContentType.JSON)
                .body(Map.of("reason", "Closing early", "effectiveDate", today.minusDays(1).toString()))
                .post("/api/contracts/" + other + "/non-renewal").then().statusCode(200)
                .body("status", equalTo("NON_RENEWED"));
        EventsProbe.Received e = awaitEvent("ContractEnded", about("contractId", other));
        assertThat(e.data().get("endedAs").asText()).isEqualTo("NON_RENEWED");
    }

    /**
     * Third pass of 2026-12-05: the longest reasons and decision lists the API takes did not fit where they are kept
     * (500, nothing changed): a closing reason of 2,000 characters, stored as "School closed: " + it; a provision of 50
     * codes of 60 characters, stored comma-joined in 2,000; an expiring-before date in the first half of 1900.
     */
    @Test
    void theLongestTextsTheApiTakesAreKept() {
        String school = openSchool();
        Map<String, Object> people = new java.util.LinkedHashMap<>(provision("PEOPLE", "FULL_WITH_EXPECTATIONS"));
        List<String> codes = new java.util.ArrayList<>();
        for (int i = 0; i < 50; i++) {
            codes.add(String.format("D%02d", i) + "_".repeat(57));
        }
        people.put("decisions", codes);
        String id = draft(draftBody(school, year(0), year(2), List.of(people), List.of(vacancies())));
        given().auth().oauth2(admin()).get("/api/contracts/" + id).then().statusCode(200)
                .body("provisions[0].decisions.size()", equalTo(50));
        activate(id).statusCode(200);
        String reason = "r".repeat(2000);
        decide(school, "CLOSE", reason).statusCode(201);
        given().auth().oauth2(admin()).get("/api/contracts/" + id).then()
                .body("status", equalTo("TERMINATED"))
                .body("ended.reason", equalTo(("School closed: " + reason).substring(0, 1999) + "…")); // ContractEnded's 2,000
        given().auth().oauth2(admin()).queryParam("expiringBefore", "1900-01-01").get("/api/contracts").then()
                .statusCode(200).body("total", equalTo(0));
    }

    @Test
    void closingASchoolTerminatesItsActiveContract() {
        String school = openSchool();
        String id = activeContract(school);
        decide(school, "CLOSE", "Closed by the board").statusCode(201);
        given().auth().oauth2(admin()).get("/api/contracts/" + id).then()
                .body("status", equalTo("TERMINATED")).body("ended.reason", equalTo("School closed: Closed by the board"));
        var status = awaitEvent("SchoolStatusChanged", about("schoolId", school).and(about("status", "CLOSED")));
        var ended = awaitEvent("ContractEnded", about("contractId", id));
        assertThat(status.offset()).isLessThan(ended.offset());
        // and no new contract can be drafted for it
        postDraft(standardDraft(school)).statusCode(409).body("type", equalTo("urn:portfolio:problem:school-status-conflict"));
    }
}
