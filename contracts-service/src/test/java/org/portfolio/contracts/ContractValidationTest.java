package org.portfolio.contracts;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.portfolio.testing.TestClock;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasItems;
import static org.portfolio.contracts.Fixtures.*;

/** Every bad request gets the right status and problem type, and names the field. */
@QuarkusTest
class ContractValidationTest {

    private static final String PROBLEM = "application/problem+json";

    @AfterEach
    void resetClock() {
        TestClock.reset();
    }

    // ------------------------------------------------------------ 400

    @Test
    void malformedFieldsAre400NamingEachField() {
        Map<String, Object> bad = draftBody(UUID.randomUUID().toString(), "2026-28", "26-27",
                List.of(Map.of("domain", "PEOPLE", "model", "FULL_WITH_EXPECTATIONS", "scope", "",
                        "decisions", List.of("hire teachers"))),
                List.of(Map.of("metricCode", "ela", "comparator", "GTE", "target", 45, "period", "2026-27",
                        "category", "ACADEMIC", "missTriggers", "NOTICE_OF_CONCERN")));
        postDraft(bad).statusCode(400).contentType(PROBLEM)
                .body("type", equalTo("urn:portfolio:problem:validation"))
                .body("errors.field", hasItems("term.endYear", "provisions[0].scope", "provisions[0].decisions[0]",
                        "benchmarks[0].metricCode"));
        // a year that looks right but is not two consecutive years
        postDraft(draftBody(UUID.randomUUID().toString(), "2026-28", "2027-28", List.of(), List.of()))
                .statusCode(400).body("errors.field", hasItem("term.startYear"));
    }

    @Test
    void unknownEnumValuesAndMissingFieldsAre400() {
        Map<String, Object> b = new HashMap<>(vacancies());
        b.put("comparator", "ABOUT");
        postDraft(draftBody(UUID.randomUUID().toString(), year(0), year(1), List.of(), List.of(b))).statusCode(400)
                .body("errors[0].field", equalTo("benchmarks[0].comparator"))
                .body("errors[0].message", containsString("GTE"));
        Map<String, Object> noTarget = new HashMap<>(vacancies());
        noTarget.remove("target");
        postDraft(draftBody(UUID.randomUUID().toString(), year(0), year(1), List.of(), List.of(noTarget))).statusCode(400)
                .body("errors.field", hasItem("benchmarks[0].target"));
        postDraft(Map.of("term", Map.of("startYear", year(0), "endYear", year(1)))).statusCode(400)
                .body("errors.field", hasItem("schoolId"));
    }

    /**
     * A target's declared bounds, ±10^12 inclusive, are targets; a hundredth past them is 400 (the bad-input sweep's
     * boundary cases found the bounds themselves refused: @Digits allowed 12 whole digits, 2026-12-06).
     */
    @Test
    void aTargetAtItsDeclaredBoundIsAcceptedAndAHundredthPastItIs400() {
        for (Number target : List.of(1_000_000_000_000L, -1_000_000_000_000L)) {
            Map<String, Object> b = new HashMap<>(vacancies());
            b.put("target", target);
            postDraft(standardDraft(openSchool(), b)).statusCode(201);
        }
        for (String target : List.of("1000000000000.01", "-1000000000000.01")) {
            Map<String, Object> b = new HashMap<>(vacancies());
            b.put("target", new java.math.BigDecimal(target));
            postDraft(standardDraft(openSchool(), b)).statusCode(400).contentType(PROBLEM)
                    .body("errors.field", hasItem("benchmarks[0].target"));
        }
    }

    @Test
    void badListParametersAre400() {
        given().auth().oauth2(admin()).get("/api/contracts?status=GONE").then().statusCode(400)
                .body("errors[0].field", equalTo("status"));
        given().auth().oauth2(admin()).get("/api/contracts?expiringBefore=next-year").then().statusCode(400)
                .body("errors[0].field", equalTo("expiringBefore"));
        // a date LocalDate reads but no school year holds (review of 2026-12-05: 500)
        given().auth().oauth2(admin()).get("/api/contracts?expiringBefore=2300-01-01").then().statusCode(400)
                .contentType("application/problem+json").body("errors[0].field", equalTo("expiringBefore"));
        given().auth().oauth2(admin()).get("/api/contracts?size=0").then().statusCode(400)
                .body("errors[0].field", equalTo("size"));
        given().auth().oauth2(admin()).get("/api/contracts?interventionAtLeast=HIGH").then().statusCode(400);
    }

    // ------------------------------------------------------------ 404

    @Test
    void unknownContractsAndVersionsAre404() {
        String id = UUID.randomUUID().toString();
        for (String path : List.of("", "/scorecard", "/history", "/versions", "/versions/1")) {
            given().auth().oauth2(admin()).get("/api/contracts/" + id + path).then().statusCode(404)
                    .contentType(PROBLEM).body("type", equalTo("urn:portfolio:problem:not-found"));
        }
        activate(id).statusCode(404);
        String real = draft(standardDraft(openSchool()));
        given().auth().oauth2(admin()).get("/api/contracts/" + real + "/versions/7").then().statusCode(404);
    }

    // ------------------------------------------------------------ 422

    @Test
    void aTermThatMakesNoSenseIs422() {
        String school = openSchool();
        postDraft(draftBody(school, year(2), year(0), List.of(), List.of())).statusCode(422)
                .body("type", equalTo("urn:portfolio:problem:unprocessable"))
                .body("errors[0].field", equalTo("term.endYear"))
                .body("errors[0].message", containsString("before"));
        postDraft(draftBody(school, year(0), year(5), List.of(), List.of())).statusCode(422)
                .body("errors[0].message", containsString("at most 5"));
        postDraft(draftBody(school, year(-3), year(-1), List.of(), List.of())).statusCode(422)
                .body("errors[0].message", containsString("entirely in the past"));
    }

    @Test
    void contentThatBreaksTheRulesIs422WithEveryField() {
        String school = openSchool();
        Map<String, Object> earnedWithoutCriteria = new HashMap<>(provision("MONEY", "EARNED"));
        earnedWithoutCriteria.remove("eligibility");
        Map<String, Object> fullWithCriteria = new HashMap<>(provision("TIME", "FULL_WITH_EXPECTATIONS"));
        fullWithCriteria.put("eligibility", Map.of("minimumTier", "MEETS", "consecutiveYears", 1));
        postDraft(draftBody(school, year(0), year(1),
                List.of(provision("PEOPLE", "FULL_WITH_EXPECTATIONS"), provision("PEOPLE", "PROGRAMMATIC"),
                        earnedWithoutCriteria, fullWithCriteria),
                List.of(benchmark("ELA_PROFICIENCY", "GTE", 40, year(3), List.of(), "NONE", false),
                        benchmark("TEACHER_VACANCIES", "LTE", 3, year(0), List.of("PROGRAM"), "NONE", false),
                        benchmark("TEACHER_VACANCIES", "LTE", 4, year(0), List.of(), "NONE", false))))
                .statusCode(422)
                .body("errors.field", hasItems("provisions[1].domain", "provisions[2].eligibility",
                        "provisions[3].eligibility", "benchmarks[0].period", "benchmarks[1].guardsDomains", "benchmarks[2]"));
    }

    @Test
    void unknownSchoolOrOversightBodyIs422() {
        postDraft(standardDraft(UUID.randomUUID().toString())).statusCode(422)
                .body("errors[0].field", equalTo("schoolId"));
        Map<String, Object> d = standardDraft(openSchool());
        d.put("oversightBodyId", UUID.randomUUID().toString());
        postDraft(d).statusCode(422).body("errors[0].field", equalTo("oversightBodyId"));
        Map<String, Object> r = standardDraft(openSchool());
        r.put("renewsContractId", UUID.randomUUID().toString());
        postDraft(r).statusCode(422).body("errors[0].field", equalTo("renewsContractId"));
    }

    @Test
    void aDraftWithoutBenchmarksCannotBeActivated() {
        String id = draft(draftBody(openSchool(), year(0), year(1), List.of(provision("PEOPLE", "FULL_WITH_EXPECTATIONS")), List.of()));
        activate(id).statusCode(422).body("errors[0].field", equalTo("benchmarks"));
    }

    @Test
    void aDraftWhoseTermHasPassedCannotBeActivated() {
        String id = draft(draftBody(openSchool(), year(0), year(0), List.of(provision("PEOPLE", "FULL_WITH_EXPECTATIONS")),
                List.of(vacancies())));
        TestClock.setNow(lastDayOf(year(0)).plusDays(2).atStartOfDay().toInstant(ZoneOffset.UTC));
        activate(id).statusCode(422).body("errors[0].message", containsString("entirely in the past"));
    }

    @Test
    void anAmendmentWithAnUnknownIdOrNoChangeIs422() {
        String id = activeContract(openSchool());
        Map<String, Object> b = new HashMap<>(vacancies());
        b.put("benchmarkId", UUID.randomUUID().toString());
        given().auth().oauth2(admin()).contentType(ContentType.JSON)
                .body(Map.of("reason", "x", "benchmarks", List.of(b)))
                .post("/api/contracts/" + id + "/amendments").then().statusCode(422)
                .body("errors[0].field", equalTo("benchmarks[0].benchmarkId"));
        given().auth().oauth2(admin()).contentType(ContentType.JSON)
                .body(Map.of("reason", "nothing", "term", Map.of("startYear", year(0), "endYear", year(2))))
                .post("/api/contracts/" + id + "/amendments").then().statusCode(422)
                .body("detail", containsString("changes nothing"));
        given().auth().oauth2(admin()).contentType(ContentType.JSON).body(Map.of("benchmarks", List.of()))
                .post("/api/contracts/" + id + "/amendments").then().statusCode(400)
                .body("errors.field", hasItem("reason"));
    }

    @Test
    void aRenewalMustFollowTheOldTerm() {
        String id = activeContract(openSchool());
        given().auth().oauth2(admin()).contentType(ContentType.JSON)
                .body(Map.of("reason", "r", "term", Map.of("startYear", year(0), "endYear", year(2)), "benchmarks", List.of(vacancies())))
                .post("/api/contracts/" + id + "/renewal").then().statusCode(422)
                .body("errors[0].field", equalTo("term.startYear"));
    }

    @Test
    void anEndAfterTheTermIs422() {
        String id = activeContract(openSchool());
        given().auth().oauth2(admin()).contentType(ContentType.JSON)
                .body(Map.of("reason", "r", "effectiveDate", lastDayOf(year(2)).plusDays(1).toString()))
                .post("/api/contracts/" + id + "/termination").then().statusCode(422)
                .body("errors[0].field", equalTo("effectiveDate"));
    }

    // ------------------------------------------------------------ 409

    @Test
    void operationsTheStatusDoesNotAllowAre409() {
        String school = openSchool();
        String active = activeContract(school);
        String conflict = "urn:portfolio:problem:contract-status-conflict";
        activate(active).statusCode(409).body("type", equalTo(conflict));
        given().auth().oauth2(admin()).contentType(ContentType.JSON)
                .body(Map.of("term", Map.of("startYear", year(0), "endYear", year(1))))
                .put("/api/contracts/" + active).then().statusCode(409).body("type", equalTo(conflict));
        String draft = draft(standardDraft(school));
        given().auth().oauth2(admin()).contentType(ContentType.JSON).body(Map.of("reason", "x"))
                .post("/api/contracts/" + draft + "/amendments").then().statusCode(409).body("type", equalTo(conflict));
        given().auth().oauth2(admin()).contentType(ContentType.JSON).body(Map.of("reason", "x"))
                .post("/api/contracts/" + draft + "/termination").then().statusCode(409).body("type", equalTo(conflict));
        given().auth().oauth2(admin()).contentType(ContentType.JSON).body(Map.of("level", "PROBATION", "reason", "x"))
                .put("/api/contracts/" + draft + "/intervention").then().statusCode(409).body("type", equalTo(conflict));
        // a second ACTIVE contract for the school
        activate(draft).statusCode(409).body("type", equalTo("urn:portfolio:problem:active-contract-exists"))
                .body("detail", containsString(active));
        // an ended contract stays ended
        given().auth().oauth2(admin()).contentType(ContentType.JSON).body(Map.of("reason", "x"))
                .post("/api/contracts/" + active + "/termination").then().statusCode(200);
        given().auth().oauth2(admin()).contentType(ContentType.JSON).body(Map.of("reason", "x"))
                .post("/api/contracts/" + active + "/termination").then().statusCode(409).body("type", equalTo(conflict));
    }

    @Test
    void aContractIsActivatedOnlyForAnOpenOrProposedSchool() {
        String body = oversightBody();
        String proposed = proposedSchool(body);
        activate(draft(standardDraft(proposed))).statusCode(200);
        String closing = openSchool(body);
        String draft = draft(standardDraft(closing));
        decide(closing, "BEGIN_CLOSURE", "Low enrollment").statusCode(201);
        activate(draft).statusCode(409).body("type", equalTo("urn:portfolio:problem:school-status-conflict"));
    }

    // ------------------------------------------------------------ 412

    @Test
    void aStaleIfMatchIs412OnEveryUpdate() {
        String school = openSchool();
        String draft = draft(standardDraft(school));
        String stale = etag(draft);
        given().auth().oauth2(admin()).contentType(ContentType.JSON).header("If-Match", stale)
                .body(Map.of("term", Map.of("startYear", year(0), "endYear", year(1)), "benchmarks", List.of(vacancies()),
                        "provisions", List.of(provision("PEOPLE", "FULL_WITH_EXPECTATIONS"))))
                .put("/api/contracts/" + draft).then().statusCode(200);
        String precondition = "urn:portfolio:problem:precondition-failed";
        given().auth().oauth2(admin()).contentType(ContentType.JSON).header("If-Match", stale)
                .body(Map.of("term", Map.of("startYear", year(0), "endYear", year(1))))
                .put("/api/contracts/" + draft).then().statusCode(412).body("type", equalTo(precondition));
        given().auth().oauth2(admin()).contentType(ContentType.JSON).header("If-Match", stale).body(Map.of())
                .post("/api/contracts/" + draft + "/activation").then().statusCode(412);
        activate(draft).statusCode(200);
        given().auth().oauth2(admin()).contentType(ContentType.JSON).header("If-Match", stale)
                .body(Map.of("reason", "x", "benchmarks", List.of(vacancies())))
                .post("/api/contracts/" + draft + "/amendments").then().statusCode(412).body("type", equalTo(precondition));
        given().auth().oauth2(admin()).contentType(ContentType.JSON).header("If-Match", stale)
                .body(Map.of("level", "PROBATION", "reason", "x"))
                .put("/api/contracts/" + draft + "/intervention").then().statusCode(412);
        given().auth().oauth2(admin()).contentType(ContentType.JSON).header("If-Match", stale)
                .body(Map.of("reason", "x")).post("/api/contracts/" + draft + "/termination").then().statusCode(412);
    }

    @Test
    void activationNeedsNoBody() {
        String id = draft(standardDraft(openSchool()));
        given().auth().oauth2(admin()).contentType(ContentType.JSON).post("/api/contracts/" + id + "/activation").then().statusCode(200)
                .body("status", equalTo("ACTIVE"));
    }
}
