package org.portfolio.autonomy;

import com.fasterxml.jackson.databind.JsonNode;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.portfolio.testing.EventsProbe;
import org.portfolio.testing.TestTokens;

import java.time.LocalDate;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.notNullValue;
import static org.portfolio.autonomy.Fixtures.*;

/** The RFP path: submit → under review → comments → approved (creates the grant) / denied; withdraw; scope. */
@QuarkusTest
class ProgrammaticRequestTest {

    static final String REQUESTS = "/api/autonomy/requests";

    UUID school;
    String leader;

    static Map<String, Object> submission(UUID school) {
        Map<String, Object> m = new HashMap<>();
        m.put("schoolId", school);
        m.put("domain", "TIME");
        m.put("decisions", List.of("EXTEND_SCHOOL_DAY", "SET_BELL_SCHEDULE"));
        m.put("title", "Extended learning day for grades 9-10");
        m.put("justification", "Ninety more minutes a day for reading intervention, staffed by our own teachers.");
        m.put("expectedOutcomes", List.of("ELA proficiency +5 points within two years", "Chronic absence below 10%"));
        m.put("startDate", LocalDate.now().plusMonths(1).toString());
        m.put("endDate", LocalDate.now().plusYears(2).toString());
        return m;
    }

    @BeforeEach
    void knownSchool() {
        school = UUID.randomUUID();
        leader = TestTokens.schoolLeader(school);
        registerSchool(school, "Westside Academy");
        await().atMost(WAIT).untilAsserted(() -> given().auth().oauth2(TestTokens.districtAdmin())
                .get("/api/autonomy/schools/{s}/history", school).then().statusCode(200));
    }

    private JsonPath submit() {
        return given().auth().oauth2(leader).contentType(JSON).body(submission(school)).post(REQUESTS).then()
                .statusCode(201).header("Location", org.hamcrest.Matchers.containsString(REQUESTS + "/"))
                .body("status", equalTo("SUBMITTED")).extract().jsonPath();
    }

    @jakarta.inject.Inject
    io.agroal.api.AgroalDataSource dataSource;

    /** Sixth pass, L6: endDate is the last day, inclusive: a one-day request is taken; an end before the start is not. */
    @Test
    void aOneDayRequestIsTakenAndAnEndBeforeTheStartIsNot() {
        Map<String, Object> oneDay = new HashMap<>(submission(school));
        LocalDate day = LocalDate.now().plusMonths(1);
        oneDay.put("startDate", day.toString());
        oneDay.put("endDate", day.toString());
        given().auth().oauth2(leader).contentType(JSON).body(oneDay).post(REQUESTS).then().statusCode(201)
                .body("startDate", equalTo(day.toString())).body("endDate", equalTo(day.toString()));
        oneDay.put("endDate", day.minusDays(1).toString());
        given().auth().oauth2(leader).contentType(JSON).body(oneDay).post(REQUESTS).then().statusCode(400)
                .body("errors[0].field", equalTo("endDate"));
    }

    /**
     * Third pass of 2026-12-05: a request took comments without end, and every answer about it carries all its steps.
     * 200 comments and revisions, then 409; the decision is still taken; outcomes up to the documented 20 × 1,000
     * characters fit (they answered 500 above 10,000 characters as JSON).
     */
    @Test
    void aRequestTakesTwoHundredCommentsAndRevisionsThenIsDecided() throws Exception {
        Map<String, Object> longest = new java.util.HashMap<>(submission(school));
        longest.put("expectedOutcomes", java.util.Collections.nCopies(20, "o".repeat(1000)));
        String id = given().auth().oauth2(leader).contentType(JSON).body(longest).post(REQUESTS).then().statusCode(201)
                .extract().path("id");
        try (var c = dataSource.getConnection(); var s = c.prepareStatement("insert into request_step (request_id, at, kind, "
                + "from_status, to_status, actor, actor_role, text) select ?, now(), 'COMMENTED', 'SUBMITTED', 'SUBMITTED', "
                + "'test', 'SCHOOL_LEADER', 'c' from generate_series(1, 199)")) {
            s.setObject(1, UUID.fromString(id));
            s.executeUpdate();
        }
        given().auth().oauth2(leader).contentType(JSON).body(Map.of("text", "the 200th"))
                .post(REQUESTS + "/{id}/comments", id).then().statusCode(201);
        given().auth().oauth2(leader).contentType(JSON).body(Map.of("text", "one more"))
                .post(REQUESTS + "/{id}/comments", id).then().statusCode(409).contentType("application/problem+json")
                .body("type", equalTo("urn:portfolio:problem:too-many-request-steps"));
        given().auth().oauth2(TestTokens.districtAdmin()).contentType(JSON).body(Map.of())
                .post(REQUESTS + "/{id}/review", id).then().statusCode(200);
        given().auth().oauth2(TestTokens.oversight()).contentType(JSON).body(Map.of("rationale", "Decided at last"))
                .post(REQUESTS + "/{id}/deny", id).then().statusCode(200).body("status", equalTo("DENIED"));
    }

    /**
     * The document's examples are what the service takes: the example request is submitted, reviewed, commented on,
     * revised and approved; submitted again, it is denied; submitted a third time, it is withdrawn.
     */
    @Test
    void theDocumentedExamplesAreTaken() {
        // the day the examples' story is told: their dates (a term, a request's end, a termination) stay ahead of it,
        // so the examples keep being taken after those dates have passed (hostile review H1, fifteenth pass)
        org.portfolio.testing.TestClock.setNow(org.portfolio.testing.RequestExamples.WRITTEN_ON.atTime(15, 0).toInstant(java.time.ZoneOffset.UTC));
        try {
            String oversight = TestTokens.oversight();
            String id = submitExample();
            given().auth().oauth2(oversight).contentType(JSON)
                    .body(documentedExample(REQUESTS + "/{id}/review", "post", "committee assigned"))
                    .post(REQUESTS + "/{id}/review", id).then().statusCode(200).body("status", equalTo("UNDER_REVIEW"));
            given().auth().oauth2(oversight).contentType(JSON)
                    .body(documentedExample(REQUESTS + "/{id}/comments", "post", "reviewer's question"))
                    .post(REQUESTS + "/{id}/comments", id).then().statusCode(201).body("kind", equalTo("COMMENTED"));
            String etag = given().auth().oauth2(leader).get(REQUESTS + "/{id}", id).then().statusCode(200).extract().header("ETag");
            Map<String, Object> revision = documentedExample(REQUESTS + "/{id}", "put", "after the committee's comments");
            given().auth().oauth2(leader).header("If-Match", etag).contentType(JSON).body(revision)
                    .put(REQUESTS + "/{id}", id).then().statusCode(200).body("decisions", equalTo(revision.get("decisions")));
            String reviewed = given().auth().oauth2(oversight).get(REQUESTS + "/{id}", id).then().statusCode(200)
                    .extract().header("ETag");
            Map<String, Object> approval = documentedExample(REQUESTS + "/{id}/approve", "post", "one-year pilot");
            String grantId = given().auth().oauth2(oversight).header("If-Match", reviewed).contentType(JSON).body(approval)
                    .post(REQUESTS + "/{id}/approve", id).then().statusCode(200).body("status", equalTo("APPROVED"))
                    .body("grantId", notNullValue()).extract().path("grantId");
            given().auth().oauth2(leader).get("/api/autonomy/grants/{id}", grantId).then().statusCode(200)
                    .body("decisions", equalTo(approval.get("decisions")))
                    .body("effectiveFrom", equalTo(approval.get("effectiveFrom")))
                    .body("effectiveTo", equalTo(approval.get("effectiveTo")));

            String denied = submitExample();
            given().auth().oauth2(oversight).contentType(JSON).body(Map.of()).post(REQUESTS + "/{id}/review", denied).then()
                    .statusCode(200);
            given().auth().oauth2(oversight).contentType(JSON)
                    .body(documentedExample(REQUESTS + "/{id}/deny", "post", "funding missing"))
                    .post(REQUESTS + "/{id}/deny", denied).then().statusCode(200).body("status", equalTo("DENIED"));

            String withdrawn = submitExample();
            given().auth().oauth2(leader).contentType(JSON)
                    .body(documentedExample(REQUESTS + "/{id}/withdraw", "post", "staff vote failed"))
                    .post(REQUESTS + "/{id}/withdraw", withdrawn).then().statusCode(200).body("status", equalTo("WITHDRAWN"));
        } finally {
            org.portfolio.testing.TestClock.reset();
        }
    }

    /** Submits the document's example request for this test's school (as its leader); returns its id. */
    private String submitExample() {
        Map<String, Object> example = withId(documentedExample(REQUESTS, "post", "extended learning day"), "schoolId", school);
        return given().auth().oauth2(leader).contentType(JSON).body(example).post(REQUESTS).then().statusCode(201)
                .body("status", equalTo("SUBMITTED")).body("decisions", equalTo(example.get("decisions")))
                .extract().path("id");
    }

    @Test
    void aRequestsWholeReviewPathEndsInAGrantAndTheSchoolSeesEveryStep() {
        String id = submit().getString("id");
        given().auth().oauth2(TestTokens.oversight()).contentType(JSON).body(Map.of("note", "Assigned to the board's committee"))
                .post(REQUESTS + "/{id}/review", id).then().statusCode(200).body("status", equalTo("UNDER_REVIEW"));
        given().auth().oauth2(TestTokens.oversight()).contentType(JSON)
                .body(Map.of("text", "How will the extra minutes be staffed and funded?"))
                .post(REQUESTS + "/{id}/comments", id).then().statusCode(201).body("kind", equalTo("COMMENTED"))
                .body("actorRole", equalTo("OVERSIGHT"));
        given().auth().oauth2(leader).contentType(JSON)
                .body(Map.of("text", "Staffed by current teachers on a stipend from our discretionary budget."))
                .post(REQUESTS + "/{id}/comments", id).then().statusCode(201).body("actorRole", equalTo("SCHOOL_LEADER"));
        // the school narrows its request after the comments (If-Match with the version it read)
        String etag = given().auth().oauth2(leader).get(REQUESTS + "/{id}", id).then().statusCode(200).extract().header("ETag");
        Map<String, Object> revision = new HashMap<>(submission(school));
        revision.remove("schoolId");
        revision.put("decisions", List.of("EXTEND_SCHOOL_DAY"));
        revision.put("note", "Bell schedule dropped from the request");
        given().auth().oauth2(leader).header("If-Match", etag).contentType(JSON).body(revision)
                .put(REQUESTS + "/{id}", id).then().statusCode(200).body("decisions", contains("EXTEND_SCHOOL_DAY"));

        // revised: an approval must name the version its reviewer read (review A8 of 2026-12-05: before, an approval
        // without If-Match granted whatever the request said by then)
        given().auth().oauth2(TestTokens.oversight()).contentType(JSON)
                .body(Map.of("rationale", "Clear plan, measurable outcomes, funded"))
                .post(REQUESTS + "/{id}/approve", id).then().statusCode(428).contentType("application/problem+json")
                .body("type", org.hamcrest.Matchers.endsWith("precondition-required"));
        // "*" names no version either
        given().auth().oauth2(TestTokens.oversight()).contentType(JSON).header("If-Match", "*")
                .body(Map.of("rationale", "Clear plan, measurable outcomes, funded"))
                .post(REQUESTS + "/{id}/approve", id).then().statusCode(428);
        String reviewed = given().auth().oauth2(TestTokens.oversight()).get(REQUESTS + "/{id}", id).then().statusCode(200)
                .extract().header("ETag");
        JsonPath approved = given().auth().oauth2(TestTokens.oversight()).contentType(JSON).header("If-Match", reviewed)
                .body(Map.of("rationale", "Clear plan, measurable outcomes, funded"))
                .post(REQUESTS + "/{id}/approve", id).then().statusCode(200).body("status", equalTo("APPROVED"))
                .body("grantId", notNullValue()).body("rationale", equalTo("Clear plan, measurable outcomes, funded"))
                .extract().jsonPath();
        String grantId = approved.getString("grantId");

        // the grant: PROGRAMMATIC, from the approved request, in force
        given().auth().oauth2(leader).get("/api/autonomy/grants/{id}", grantId).then().statusCode(200)
                .body("model", equalTo("PROGRAMMATIC")).body("source", equalTo("APPROVED_REQUEST"))
                .body("requestId", equalTo(id)).body("status", equalTo("ACTIVE"))
                .body("decisions", contains("EXTEND_SCHOOL_DAY"))
                .body("cause.kind", equalTo("REQUEST_APPROVED")).body("cause.requestId", equalTo(id));
        JsonPath later = given().queryParam("date", LocalDate.now().plusMonths(2).toString())
                .get("/api/autonomy/schools/{s}/decision-rights/EXTEND_SCHOOL_DAY", school).then().statusCode(200)
                .extract().jsonPath();
        assertThat(later.getString("decidedBy")).isEqualTo("SCHOOL");
        assertThat(later.getString("basis.requestId")).isEqualTo(id);
        // the public check shows neither the reviewer's rationale nor its client (third pass of 2026-12-05)
        assertThat(later.getString("basis.cause.kind")).isEqualTo("REQUEST_APPROVED");
        assertThat(later.getString("basis.cause.reason")).isNull();
        assertThat(later.getString("basis.cause.actor")).isNull();
        assertThat(later.prettify()).doesNotContain("measurable outcomes");
        // before its start date it is granted but not yet in effect
        assertThat(check(school, "EXTEND_SCHOOL_DAY").getString("basis.reason")).isEqualTo("NOT_YET_EFFECTIVE");
        // the narrowed-away decision stays the district's
        assertThat(check(school, "SET_BELL_SCHEDULE").getString("basis.reason")).isEqualTo("NOT_IN_GRANT");

        // the school sees every step, in order
        given().auth().oauth2(leader).get(REQUESTS + "/{id}", id).then().statusCode(200)
                .body("steps.kind", contains("SUBMITTED", "REVIEW_STARTED", "COMMENTED", "COMMENTED", "REVISED", "APPROVED"))
                .body("steps[1].text", equalTo("Assigned to the board's committee"))
                .body("steps[5].toStatus", equalTo("APPROVED"));

        EventsProbe.Received granted = awaitPublished(GRANTED, r -> r.data().path("grantId").asText().equals(grantId));
        JsonNode d = granted.data();
        assertThat(d.path("model").asText()).isEqualTo("PROGRAMMATIC");
        assertThat(d.path("source").asText()).isEqualTo("APPROVED_REQUEST");
        assertThat(d.path("requestId").asText()).isEqualTo(id);
        assertThat(d.path("cause").path("kind").asText()).isEqualTo("REQUEST_APPROVED");
    }

    @Test
    void anApprovalEnteredAgainAfterADatabaseRestoreCreatesTheSameGrant() throws Exception {
        // seventeenth pass, H1: in the restore drill the re-entered approval made a second grant, and contracts-service
        // showed two ACTIVE grants for one request (docs/operations.md, "Restoring one service")
        String id = submit().getString("id");
        given().auth().oauth2(TestTokens.oversight()).contentType(JSON).body(Map.of("note", "Assigned to the board's committee"))
                .post(REQUESTS + "/{id}/review", id).then().statusCode(200).body("status", equalTo("UNDER_REVIEW"));
        Map<String, Object> approval = Map.of("rationale", "Clear plan, measurable outcomes, funded");
        String grantId = given().auth().oauth2(TestTokens.oversight()).contentType(JSON).body(approval)
                .post(REQUESTS + "/{id}/approve", id).then().statusCode(200).extract().path("grantId");

        try (var c = dataSource.getConnection(); var s = c.createStatement()) {
            s.executeUpdate("delete from grant_open_miss where grant_id = '" + grantId + "'");
            s.executeUpdate("delete from grant_history where grant_id = '" + grantId + "'");
            assertThat(s.executeUpdate("delete from autonomy_grant where id = '" + grantId + "'")).isEqualTo(1);
            s.executeUpdate("delete from request_step where request_id = '" + id + "' and kind = 'APPROVED'");
            assertThat(s.executeUpdate("update autonomy_request set status = 'UNDER_REVIEW', decided_by = null, decided_at = null, "
                    + "rationale = null, grant_id = null, version = version - 1 where id = '" + id + "'")).isEqualTo(1);
        }
        given().auth().oauth2(TestTokens.oversight()).contentType(JSON).body(approval)
                .post(REQUESTS + "/{id}/approve", id).then().statusCode(200).body("grantId", equalTo(grantId));
    }

    /** Third pass of 2026-12-05: an approval granted decisions a missed benchmark had revoked, the miss still standing. */
    @Test
    void anApprovalDoesNotGoAroundARevocation() {
        UUID contract = UUID.randomUUID();
        activate(contract, school, List.of(full("TIME")));
        awaitGrants(school, g -> has(g, "TIME", "ACTIVE"));
        evaluate(school, contract, UUID.randomUUID(), "MISSED", 3, 7, true, "TIME");
        awaitGrants(school, g -> has(g, "TIME", "REVOKED"));
        String id = submit().getString("id");
        given().auth().oauth2(TestTokens.districtAdmin()).contentType(JSON).body(Map.of())
                .post(REQUESTS + "/{id}/review", id).then().statusCode(200);
        given().auth().oauth2(TestTokens.oversight()).contentType(JSON).body(Map.of("rationale", "Good plan"))
                .post(REQUESTS + "/{id}/approve", id).then().statusCode(409).contentType("application/problem+json")
                .body("type", equalTo("urn:portfolio:problem:overlapping-grant"));
        assertThat(check(school, "EXTEND_SCHOOL_DAY").getString("decidedBy")).isEqualTo("DISTRICT");
    }

    /**
     * An approval whose effectiveTo had already passed made an ACTIVE grant (AutonomyGranted published) that the
     * grant-term job ended within the hour, while a request's own endDate in the past is refused (pass 16 review P3).
     * A past effectiveTo is 400 as that endDate is; a request whose endDate passed during its review, approved without
     * an effectiveTo, is 422: its period has ended. Either way the request stays under review and nothing is granted.
     */
    @Test
    void anApprovalGrantsNothingThatHasAlreadyEnded() {
        String id = submit().getString("id");
        given().auth().oauth2(TestTokens.districtAdmin()).contentType(JSON).body(Map.of())
                .post(REQUESTS + "/{id}/review", id).then().statusCode(200);
        LocalDate today = LocalDate.now(java.time.ZoneOffset.UTC);
        given().auth().oauth2(TestTokens.oversight()).contentType(JSON)
                .body(Map.of("rationale", "Good plan", "effectiveFrom", today.minusDays(10).toString(),
                        "effectiveTo", today.minusDays(1).toString()))
                .post(REQUESTS + "/{id}/approve", id).then().statusCode(400).contentType("application/problem+json")
                .body("type", equalTo("urn:portfolio:problem:validation"))
                .body("errors[0].field", equalTo("effectiveTo"));

        LocalDate ended = LocalDate.parse(given().auth().oauth2(leader).get(REQUESTS + "/{id}", id).then()
                .statusCode(200).extract().path("endDate"));
        LocalDate later = ended.plusDays(3);
        org.portfolio.testing.TestClock.setNow(later.atTime(12, 0).toInstant(java.time.ZoneOffset.UTC));
        try {
            given().auth().oauth2(TestTokens.oversight()).contentType(JSON).body(Map.of("rationale", "Good plan"))
                    .post(REQUESTS + "/{id}/approve", id).then().statusCode(422).contentType("application/problem+json")
                    .body("type", equalTo("urn:portfolio:problem:unprocessable"))
                    .body("errors[0].field", equalTo("effectiveTo"))
                    .body("detail", org.hamcrest.Matchers.containsString(ended.toString()));
            given().auth().oauth2(leader).get(REQUESTS + "/{id}", id).then().statusCode(200)
                    .body("status", equalTo("UNDER_REVIEW")).body("grantId", equalTo(null));
            assertThat(grants(school).getList("items")).isEmpty();
            // the approver may still grant a period that has not ended
            given().auth().oauth2(TestTokens.oversight()).contentType(JSON)
                    .body(Map.of("rationale", "Good plan, one more year", "effectiveTo", later.plusYears(1).toString()))
                    .post(REQUESTS + "/{id}/approve", id).then().statusCode(200).body("status", equalTo("APPROVED"));
        } finally {
            org.portfolio.testing.TestClock.reset();
        }
    }

    @Test
    void aDeniedRequestCarriesItsRationaleAndGrantsNothing() {
        String id = submit().getString("id");
        given().auth().oauth2(TestTokens.districtAdmin()).contentType(JSON).body(Map.of())
                .post(REQUESTS + "/{id}/review", id).then().statusCode(200);
        given().auth().oauth2(TestTokens.oversight()).contentType(JSON)
                .body(Map.of("rationale", "No funding for the extra hours"))
                .post(REQUESTS + "/{id}/deny", id).then().statusCode(200).body("status", equalTo("DENIED"))
                .body("rationale", equalTo("No funding for the extra hours")).body("grantId", equalTo(null));
        given().auth().oauth2(leader).get(REQUESTS + "/{id}", id).then()
                .body("steps.kind", contains("SUBMITTED", "REVIEW_STARTED", "DENIED"))
                .body("steps[2].text", equalTo("No funding for the extra hours"));
        assertThat(grants(school).getList("items")).isEmpty();
    }

    @Test
    void theSchoolWithdrawsItsOwnOpenRequest() {
        String id = submit().getString("id");
        given().auth().oauth2(leader).contentType(JSON).body(Map.of("note", "We will resubmit next year"))
                .post(REQUESTS + "/{id}/withdraw", id).then().statusCode(200).body("status", equalTo("WITHDRAWN"))
                .body("rationale", equalTo("We will resubmit next year"));
    }

    @Test
    void invalidTransitionsAre409ProblemJson() {
        String id = submit().getString("id");
        // approving or denying before the review started
        given().auth().oauth2(TestTokens.oversight()).contentType(JSON).body(Map.of("rationale", "ok"))
                .post(REQUESTS + "/{id}/approve", id).then().statusCode(409).contentType("application/problem+json")
                .body("type", equalTo("urn:portfolio:problem:invalid-request-transition"))
                .body("detail", org.hamcrest.Matchers.containsString("SUBMITTED"));
        given().auth().oauth2(TestTokens.oversight()).contentType(JSON).body(Map.of())
                .post(REQUESTS + "/{id}/review", id).then().statusCode(200);
        given().auth().oauth2(TestTokens.oversight()).contentType(JSON).body(Map.of())
                .post(REQUESTS + "/{id}/review", id).then().statusCode(409)
                .body("type", equalTo("urn:portfolio:problem:invalid-request-transition"));
        given().auth().oauth2(TestTokens.oversight()).contentType(JSON).body(Map.of("rationale", "No"))
                .post(REQUESTS + "/{id}/deny", id).then().statusCode(200);
        // a decided request: no withdrawal, no comment, no second decision, no revision
        given().auth().oauth2(leader).contentType(JSON).body(Map.of()).post(REQUESTS + "/{id}/withdraw", id).then()
                .statusCode(409).contentType("application/problem+json");
        given().auth().oauth2(leader).contentType(JSON).body(Map.of("text", "Please reconsider"))
                .post(REQUESTS + "/{id}/comments", id).then().statusCode(409);
        given().auth().oauth2(TestTokens.oversight()).contentType(JSON).body(Map.of("rationale", "ok"))
                .post(REQUESTS + "/{id}/approve", id).then().statusCode(409);
        Map<String, Object> revision = new HashMap<>(submission(school));
        revision.remove("schoolId");
        given().auth().oauth2(leader).contentType(JSON).body(revision).put(REQUESTS + "/{id}", id).then().statusCode(409);
    }

    @Test
    void aSchoolLeaderSeesAndRequestsOnlyForItsOwnSchool() {
        String id = submit().getString("id");
        UUID other = UUID.randomUUID();
        String otherLeader = TestTokens.schoolLeader(other);
        registerSchool(other, "Other School");

        given().auth().oauth2(otherLeader).get(REQUESTS + "/{id}", id).then().statusCode(403)
                .contentType("application/problem+json").body("type", equalTo("urn:portfolio:problem:forbidden"));
        given().auth().oauth2(otherLeader).contentType(JSON).body(Map.of("text", "hi"))
                .post(REQUESTS + "/{id}/comments", id).then().statusCode(403);
        given().auth().oauth2(otherLeader).contentType(JSON).body(Map.of())
                .post(REQUESTS + "/{id}/withdraw", id).then().statusCode(403);
        given().auth().oauth2(otherLeader).contentType(JSON).body(submission(school)).post(REQUESTS).then().statusCode(403);
        given().auth().oauth2(otherLeader).get(REQUESTS).then().statusCode(200)
                .body("items.id", not(hasItem(id)));
        given().auth().oauth2(otherLeader).queryParam("schoolId", school).get(REQUESTS).then().statusCode(403);
        given().auth().oauth2(leader).get(REQUESTS).then().statusCode(200).body("items.id", contains(id));
        // grants and histories of another school are out of reach too
        given().auth().oauth2(otherLeader).queryParam("schoolId", school).get("/api/autonomy/grants").then().statusCode(403);
        given().auth().oauth2(otherLeader).get("/api/autonomy/schools/{s}/history", school).then().statusCode(403);
        // a school leader neither reviews nor decides
        given().auth().oauth2(leader).contentType(JSON).body(Map.of()).post(REQUESTS + "/{id}/review", id).then().statusCode(403);
        given().auth().oauth2(leader).contentType(JSON).body(Map.of("rationale", "self-approved"))
                .post(REQUESTS + "/{id}/approve", id).then().statusCode(403);
        // oversight reads and comments but does not submit or withdraw for a school
        given().auth().oauth2(TestTokens.oversight()).contentType(JSON).body(submission(school)).post(REQUESTS).then().statusCode(403);
        given().auth().oauth2(TestTokens.oversight()).get(REQUESTS + "/{id}", id).then().statusCode(200);
        given().get(REQUESTS).then().statusCode(401).contentType("application/problem+json");
        given().auth().oauth2(TestTokens.sis(school)).get(REQUESTS).then().statusCode(403);
    }

    @Test
    void staleIfMatchIs412AndBadRequestsAreClientErrors() {
        JsonPath submitted = submit();
        String id = submitted.getString("id");
        given().auth().oauth2(TestTokens.oversight()).header("If-Match", "\"99\"").contentType(JSON).body(Map.of())
                .post(REQUESTS + "/{id}/review", id).then().statusCode(412).contentType("application/problem+json");

        Map<String, Object> noPlan = new HashMap<>(submission(school));
        noPlan.remove("justification");
        given().auth().oauth2(leader).contentType(JSON).body(noPlan).post(REQUESTS).then().statusCode(400)
                .body("errors.field", hasItem("justification"));
        Map<String, Object> wrongDomain = new HashMap<>(submission(school));
        wrongDomain.put("decisions", List.of("HIRE_TEACHERS"));
        given().auth().oauth2(leader).contentType(JSON).body(wrongDomain).post(REQUESTS).then().statusCode(422)
                .body("errors[0].field", equalTo("decisions[0]"));
        Map<String, Object> backwards = new HashMap<>(submission(school));
        backwards.put("endDate", LocalDate.now().minusDays(1).toString());
        given().auth().oauth2(leader).contentType(JSON).body(backwards).post(REQUESTS).then().statusCode(400)
                .body("errors[0].field", equalTo("endDate"));
        UUID unknown = UUID.randomUUID();
        given().auth().oauth2(TestTokens.districtAdmin()).contentType(JSON).body(submission(unknown)).post(REQUESTS)
                .then().statusCode(422);
        given().auth().oauth2(leader).get(REQUESTS + "/{id}", UUID.randomUUID()).then().statusCode(404);
        given().auth().oauth2(leader).queryParam("status", "MAYBE").get(REQUESTS).then().statusCode(400)
                .body("errors[0].field", equalTo("status"));

        // an approval grants at most what was requested
        given().auth().oauth2(TestTokens.oversight()).contentType(JSON).body(Map.of()).post(REQUESTS + "/{id}/review", id)
                .then().statusCode(200);
        given().auth().oauth2(TestTokens.oversight()).contentType(JSON)
                .body(Map.of("rationale", "ok", "decisions", List.of("SET_SCHOOL_CALENDAR")))
                .post(REQUESTS + "/{id}/approve", id).then().statusCode(422);
        given().auth().oauth2(TestTokens.oversight()).contentType(JSON).body(Map.of("rationale", " "))
                .post(REQUESTS + "/{id}/approve", id).then().statusCode(400);
    }
}
