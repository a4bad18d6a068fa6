package org.portfolio.autonomy;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import org.junit.jupiter.api.Test;
import org.portfolio.testing.RealInfrastructure;
import org.portfolio.testing.TestClock;
import org.portfolio.testing.TestTokens;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.portfolio.autonomy.Fixtures.*;

/** The decision-rights check, the per-school matrix and the portfolio view: shapes, dates, access. */
@QuarkusTest
class DecisionRightsTest {

    static final String CHECK = "/api/autonomy/schools/{s}/decision-rights/{d}";

    @Test
    void theCheckIsPublicToEveryRoleAndRejectsUnknownsAndBadDates() {
        UUID school = UUID.randomUUID();
        activate(UUID.randomUUID(), school, List.of(full("PEOPLE")));
        awaitGrants(school, g -> has(g, "PEOPLE", "ACTIVE"));

        given().get(CHECK, school, "HIRE_TEACHERS").then().statusCode(200).body("allowed", equalTo(true))
                .body("decidedBy", equalTo("SCHOOL")).body("domain", equalTo("PEOPLE"))
                .body("decisionName", equalTo("Hire teachers")).body("date", equalTo(LocalDate.now().toString()))
                .body("basis.reason", equalTo("GRANTED")).body("basis.model", equalTo("FULL_WITH_EXPECTATIONS"))
                .body("basis.source", equalTo("CONTRACT_PROVISION"));
        given().auth().oauth2(TestTokens.schoolLeader(UUID.randomUUID())).get(CHECK, school, "HIRE_TEACHERS").then()
                .statusCode(200);
        given().auth().oauth2(TestTokens.enrollmentOfficer()).get(CHECK, school, "HIRE_TEACHERS").then().statusCode(200);
        given().auth().oauth2(TestTokens.sis(school)).get(CHECK, school, "HIRE_TEACHERS").then().statusCode(200)
                .body("decidedBy", equalTo("SCHOOL"));
        given().auth().oauth2(TestTokens.sis(school)).get("/api/autonomy/schools/{s}/decision-rights", school).then()
                .statusCode(200);
        given().auth().oauth2(TestTokens.sis(school)).get("/api/autonomy/decision-catalog/decisions").then().statusCode(200);

        given().get(CHECK, UUID.randomUUID(), "HIRE_TEACHERS").then().statusCode(404)
                .contentType("application/problem+json").body("type", equalTo("urn:portfolio:problem:not-found"));
        given().get(CHECK, school, "NO_SUCH_DECISION").then().statusCode(404);
        given().queryParam("date", "15/09/2026").get(CHECK, school, "HIRE_TEACHERS").then().statusCode(400)
                .contentType("application/problem+json").body("errors[0].field", equalTo("date"));
    }

    @Test
    void theDateParameterAnswersForTheGrantsEffectiveDates() {
        UUID school = UUID.randomUUID();
        activate(UUID.randomUUID(), school, List.of(full("MONEY")));
        List<Map<String, Object>> grants = awaitGrants(school, g -> has(g, "MONEY", "ACTIVE"));
        LocalDate to = LocalDate.parse((String) grantOn(grants, "MONEY").get("effectiveTo"));

        JsonPath last = given().queryParam("date", to.toString()).get(CHECK, school, "ALLOCATE_BUDGET").then()
                .statusCode(200).extract().jsonPath();
        assertThat(last.getBoolean("allowed")).isTrue();
        JsonPath after = given().queryParam("date", to.plusDays(1).toString()).get(CHECK, school, "ALLOCATE_BUDGET")
                .then().statusCode(200).extract().jsonPath();
        assertThat(after.getString("decidedBy")).isEqualTo("DISTRICT");
        assertThat(after.getString("basis.reason")).isEqualTo("TERM_ENDED");
        // a date before the grant existed: the school had no grant then
        JsonPath before = given().queryParam("date", LocalDate.now().minusYears(3).toString())
                .get(CHECK, school, "ALLOCATE_BUDGET").then().statusCode(200).extract().jsonPath();
        assertThat(before.getString("basis.reason")).isEqualTo("NO_GRANT");
        assertThat(before.getString("basis.explanation")).contains("had no MONEY autonomy grant on");
    }

    @Test
    void theMatrixListsEveryDecisionByDomainWithWhoDecides() {
        UUID school = UUID.randomUUID();
        registerSchool(school, "Matrix Middle School");
        activate(UUID.randomUUID(), school, List.of(full("PEOPLE", "HIRE_TEACHERS"), full("TIME"), earned("MONEY", "MEETS", 1)));
        awaitGrants(school, g -> has(g, "PEOPLE", "ACTIVE") && has(g, "TIME", "ACTIVE") && has(g, "MONEY", "PENDING"));
        await().atMost(WAIT).untilAsserted(() -> given().get("/api/autonomy/schools/{s}/decision-rights", school).then()
                .body("schoolName", equalTo("Matrix Middle School")));

        JsonPath m = given().get("/api/autonomy/schools/{s}/decision-rights", school).then().statusCode(200)
                .extract().jsonPath();
        assertThat(m.getList("domains.domain")).containsExactly("PEOPLE", "TIME", "MONEY", "PROGRAM");
        assertThat(m.getString("domains.find { it.domain == 'PEOPLE' }.control")).isEqualTo("PARTIAL");
        assertThat(m.getString("domains.find { it.domain == 'TIME' }.control")).isEqualTo("SCHOOL");
        assertThat(m.getString("domains.find { it.domain == 'MONEY' }.control")).isEqualTo("DISTRICT");
        assertThat(m.getString("domains.find { it.domain == 'PROGRAM' }.control")).isEqualTo("DISTRICT");
        assertThat(m.getList("domains.find { it.domain == 'TIME' }.decisions.decision"))
                .contains("SET_SCHOOL_CALENDAR", "SET_BELL_SCHEDULE", "EXTEND_SCHOOL_DAY");
        assertThat(m.getString("domains.find { it.domain == 'PEOPLE' }.decisions.find { it.decision == 'DISMISS_STAFF' }.reason"))
                .isEqualTo("NOT_IN_GRANT");
        assertThat(m.getString("domains.find { it.domain == 'MONEY' }.decisions[0].reason"))
                .isEqualTo("PENDING_ELIGIBILITY");
        assertThat(m.getInt("catalogVersion")).isPositive();
    }

    @Test
    void thePortfolioShowsEverySchoolByDomainForOversightOnly() {
        String tag = "Portfolio-" + UUID.randomUUID().toString().substring(0, 8);
        UUID revoked = UUID.randomUUID();
        UUID holding = UUID.randomUUID();
        UUID contract = UUID.randomUUID();
        registerSchool(revoked, tag + " Alpha");
        registerSchool(holding, tag + " Beta");
        activate(contract, revoked, List.of(full("PEOPLE")));
        activate(UUID.randomUUID(), holding, List.of(full("PEOPLE"), full("TIME")));
        awaitGrants(holding, g -> has(g, "TIME", "ACTIVE"));
        awaitGrants(revoked, g -> has(g, "PEOPLE", "ACTIVE"));
        evaluate(revoked, contract, UUID.randomUUID(), "MISSED", 3, 7, true, "PEOPLE");
        awaitGrants(revoked, g -> has(g, "PEOPLE", "REVOKED"));

        JsonPath all = given().auth().oauth2(TestTokens.oversight()).queryParam("q", tag)
                .get("/api/autonomy/portfolio").then().statusCode(200).extract().jsonPath();
        assertThat(all.getLong("total")).isEqualTo(2);
        assertThat(all.getList("items.name")).containsExactly(tag + " Alpha", tag + " Beta");
        assertThat(all.getString("items[0].domains.find { it.domain == 'PEOPLE' }.control")).isEqualTo("DISTRICT");
        assertThat(all.getString("items[0].domains.find { it.domain == 'PEOPLE' }.reason")).isEqualTo("REVOKED");
        assertThat(all.getString("items[0].domains.find { it.domain == 'PEOPLE' }.grantStatus")).isEqualTo("REVOKED");
        assertThat(all.getString("items[1].domains.find { it.domain == 'PEOPLE' }.control")).isEqualTo("SCHOOL");
        assertThat(all.getString("items[1].domains.find { it.domain == 'PROGRAM' }.reason")).isEqualTo("NO_GRANT");
        assertThat(all.getLong("totals.PEOPLE.SCHOOL")).isEqualTo(1);
        assertThat(all.getLong("totals.PEOPLE.DISTRICT")).isEqualTo(1);
        assertThat(all.getLong("totals.TIME.SCHOOL")).isEqualTo(1);

        JsonPath peopleRevoked = given().auth().oauth2(TestTokens.districtAdmin()).queryParam("q", tag)
                .queryParam("domain", "PEOPLE").queryParam("reason", "REVOKED").get("/api/autonomy/portfolio").then()
                .statusCode(200).extract().jsonPath();
        assertThat(peopleRevoked.getList("items.schoolId")).containsExactly(revoked.toString());

        given().auth().oauth2(TestTokens.schoolLeader(revoked)).get("/api/autonomy/portfolio").then().statusCode(403);
        given().get("/api/autonomy/portfolio").then().statusCode(401);
        given().auth().oauth2(TestTokens.oversight()).queryParam("control", "SOMETIMES").get("/api/autonomy/portfolio")
                .then().statusCode(400);
        // schoolStatus is one of the four statuses (it is declared so): another value is a 400, not an empty page
        given().auth().oauth2(TestTokens.oversight()).queryParam("q", tag).queryParam("schoolStatus", "OPEN")
                .get("/api/autonomy/portfolio").then().statusCode(200).body("total", equalTo(2));
        given().auth().oauth2(TestTokens.oversight()).queryParam("schoolStatus", "ON_HOLD").get("/api/autonomy/portfolio")
                .then().statusCode(400).contentType("application/problem+json")
                .body("errors[0].field", equalTo("schoolStatus"));
    }

    @Test
    void aDecisionAddedToTheCatalogIsCoveredByWholeDomainGrantsAndARetiredOneByNone() {
        UUID whole = UUID.randomUUID();
        UUID subset = UUID.randomUUID();
        activate(UUID.randomUUID(), whole, List.of(full("PROGRAM")));
        activate(UUID.randomUUID(), subset, List.of(full("PROGRAM", "CHOOSE_CURRICULUM")));
        awaitGrants(whole, g -> has(g, "PROGRAM", "ACTIVE"));
        awaitGrants(subset, g -> has(g, "PROGRAM", "ACTIVE"));

        String code = "RUN_" + UUID.randomUUID().toString().substring(0, 8).toUpperCase().replace('-', '_') + "_CLUBS";
        given().auth().oauth2(TestTokens.districtAdmin()).contentType(JSON)
                .body(Map.of("code", code, "domain", "PROGRAM", "name", "Run after-school clubs"))
                .post("/api/autonomy/decision-catalog/decisions").then().statusCode(201);
        assertThat(check(whole, code).getString("decidedBy")).isEqualTo("SCHOOL");
        assertThat(check(subset, code).getString("basis.reason")).isEqualTo("NOT_IN_GRANT");

        given().auth().oauth2(TestTokens.districtAdmin()).contentType(JSON).body(Map.of("reason", "Folded into curriculum"))
                .post("/api/autonomy/decision-catalog/decisions/{c}/retire", code).then().statusCode(200);
        JsonPath retired = check(whole, code);
        assertThat(retired.getString("decidedBy")).isEqualTo("DISTRICT");
        assertThat(retired.getString("basis.reason")).isEqualTo("DECISION_RETIRED");
        given().get("/api/autonomy/schools/{s}/decision-rights", whole).then().statusCode(200)
                .body("domains.find { it.domain == 'PROGRAM' }.decisions.decision", org.hamcrest.Matchers.not(hasItem(code)));
    }

    /**
     * A check of a past date answers with the grant and the catalog as they stood on that date (review A7 of
     * 2026-12-05): before, it rebuilt the grant's status from its history but took today's decisions, effective
     * dates and catalog, so a decision an amendment added later counted as covered then, a decision retired later
     * was called retired then, and one added later was answered as if it had existed.
     */
    @Test
    void aPastDateIsAnsweredWithTheGrantAndTheCatalogAsTheyStoodThen() {
        UUID school = UUID.randomUUID();
        UUID contract = UUID.randomUUID();
        String tag = UUID.randomUUID().toString().substring(0, 8).toUpperCase();
        String added = "RUN_" + tag + "_CLUBS";      // in the catalog then, in the grant only since an amendment
        String retired = "SET_" + tag + "_UNIFORMS"; // in the catalog then, retired since
        String later = "PLAN_" + tag + "_TRIPS";     // added to the catalog since
        Instant now = Instant.now();
        LocalDate then = LocalDate.ofInstant(now.minus(Duration.ofDays(19)), ZoneOffset.UTC);
        try {
            TestClock.setNow(now.minus(Duration.ofDays(20)));
            define(added);
            define(retired);
            activate(contract, school, List.of(full("PROGRAM", "CHOOSE_CURRICULUM")));
            awaitGrants(school, g -> has(g, "PROGRAM", "ACTIVE"));

            TestClock.setNow(now.minus(Duration.ofDays(10)));
            amend(contract, school, 2, List.of(full("PROGRAM", "CHOOSE_CURRICULUM", added)));
            awaitGrants(school, g -> ((List<?>) grantOn(g, "PROGRAM").get("decisions")).contains(added));
            given().auth().oauth2(TestTokens.districtAdmin()).contentType(JSON).body(Map.of("reason", "No longer ours"))
                    .post("/api/autonomy/decision-catalog/decisions/{c}/retire", retired).then().statusCode(200);
            define(later);
        } finally {
            TestClock.reset();
        }

        assertThat(check(school, added).getString("basis.reason")).isNotEqualTo("NOT_IN_GRANT");
        JsonPath addedThen = given().queryParam("date", then.toString()).get(CHECK, school, added).then()
                .statusCode(200).extract().jsonPath();
        assertThat(addedThen.getString("decidedBy")).isEqualTo("DISTRICT");
        assertThat(addedThen.getString("basis.reason")).isEqualTo("NOT_IN_GRANT");
        assertThat(addedThen.getString("basis.explanation")).contains("cover CHOOSE_CURRICULUM but not " + added);

        assertThat(check(school, retired).getString("basis.reason")).isEqualTo("DECISION_RETIRED");
        JsonPath retiredThen = given().queryParam("date", then.toString()).get(CHECK, school, retired).then()
                .statusCode(200).extract().jsonPath();
        assertThat(retiredThen.getString("basis.reason")).isEqualTo("NOT_IN_GRANT");

        check(school, later);
        given().queryParam("date", then.toString()).get(CHECK, school, later).then().statusCode(404)
                .contentType("application/problem+json").body("detail", containsString("added to the decision catalog after " + then));

        JsonPath matrixThen = given().queryParam("date", then.toString()).get("/api/autonomy/schools/{s}/decision-rights", school)
                .then().statusCode(200).extract().jsonPath();
        List<String> programThen = matrixThen.getList("domains.find { it.domain == 'PROGRAM' }.decisions.decision");
        assertThat(programThen).contains(added, retired).doesNotContain(later);
        JsonPath matrixNow = given().get("/api/autonomy/schools/{s}/decision-rights", school).then().statusCode(200)
                .extract().jsonPath();
        assertThat(matrixThen.getInt("catalogVersion")).isLessThan(matrixNow.getInt("catalogVersion"));
        assertThat(matrixNow.getList("domains.find { it.domain == 'PROGRAM' }.decisions.decision", String.class))
                .contains(added, later).doesNotContain(retired);
    }

    /**
     * A day between a contract's last day and the activation of the contract that renewed it: the grant carried over
     * then (its successor was named), so the check of that day says GRANTED, as it did on that day. The review of
     * the past-date terms found it TERM_ENDED when the successor was not part of the recorded terms.
     */
    @Test
    void aDayWhileTheGrantAwaitedItsSuccessorIsAnsweredAsItCarriedOver() {
        UUID school = UUID.randomUUID();
        UUID a = UUID.randomUUID();
        UUID b = UUID.randomUUID();
        int endStart = Integer.parseInt(yearsFromNow(-2).substring(0, 4));
        LocalDate lastDay = LocalDate.of(endStart + 1, 6, 30);
        try {
            TestClock.setNow(lastDay.minusDays(5).atTime(12, 0).toInstant(ZoneOffset.UTC));
            Map<String, Object> c = contract(a, school, 1, null, List.of(full("MONEY")));
            c.put("term", Map.of("startYear", yearsFromNow(-6), "endYear", yearsFromNow(-2)));
            org.portfolio.testing.EventsProbe.publish(CONTRACTS, "/contracts", CONTRACT_ACTIVATED, school.toString(), c);
            assertThat(grantOn(awaitGrants(school, g -> has(g, "MONEY", "ACTIVE")), "MONEY").get("effectiveTo"))
                    .isEqualTo(lastDay.toString());
            end(a, school, "RENEWED", b);
            await().atMost(WAIT).untilAsserted(() -> assertThat(grantOn(grants(school).getList("items"), "MONEY")
                    .get("awaitingSuccessorContractId")).isEqualTo(b.toString()));

            TestClock.setNow(lastDay.plusDays(20).atTime(12, 0).toInstant(ZoneOffset.UTC));
            Map<String, Object> renewal = contract(b, school, 1, a, List.of(full("MONEY")));
            renewal.put("term", Map.of("startYear", yearsFromNow(-1), "endYear", yearsFromNow(3)));
            org.portfolio.testing.EventsProbe.publish(CONTRACTS, "/contracts", CONTRACT_ACTIVATED, school.toString(), renewal);
            awaitGrants(school, g -> b.toString().equals(grantOn(g, "MONEY").get("contractId")));
        } finally {
            TestClock.reset();
        }
        JsonPath gap = given().queryParam("date", lastDay.plusDays(10).toString()).get(CHECK, school, "ALLOCATE_BUDGET")
                .then().statusCode(200).extract().jsonPath();
        assertThat(gap.getString("basis.reason")).isEqualTo("GRANTED");
        assertThat(gap.getString("basis.explanation")).contains("carries over to contract " + b);
    }

    private static void define(String code) {
        given().auth().oauth2(TestTokens.districtAdmin()).contentType(JSON)
                .body(Map.of("code", code, "domain", "PROGRAM", "name", "Decision " + code))
                .post("/api/autonomy/decision-catalog/decisions").then().statusCode(201);
    }

    /**
     * Another replica changed a school's grants: its NOTIFY reaches this replica's cache, which drops the snapshot.
     * Simulated by committing a change and the notification straight to the database, as another replica would.
     */
    @Test
    void aChangeCommittedByAnotherReplicaReachesThisReplicasCache() throws Exception {
        UUID school = UUID.randomUUID();
        activate(UUID.randomUUID(), school, List.of(full("TIME")));
        List<Map<String, Object>> grants = awaitGrants(school, g -> has(g, "TIME", "ACTIVE"));
        assertThat(check(school, "SET_BELL_SCHEDULE").getString("decidedBy")).isEqualTo("SCHOOL"); // now cached
        UUID grant = UUID.fromString((String) grantOn(grants, "TIME").get("id"));

        try (Connection c = DriverManager.getConnection(RealInfrastructure.jdbcUrl(), "postgres", "postgres")) {
            try (PreparedStatement s = c.prepareStatement(
                    "update autonomy_grant set status = 'REVOKED', status_since = now(), cause_kind = 'MANUAL', "
                            + "cause_reason = 'by another replica', version = version + 1 where id = ?")) {
                s.setObject(1, grant);
                s.executeUpdate();
            }
            // without a notification this replica keeps answering from its snapshot: the cache is really in use
            assertThat(check(school, "SET_BELL_SCHEDULE").getString("decidedBy")).isEqualTo("SCHOOL");
            c.setAutoCommit(false);
            try (PreparedStatement s = c.prepareStatement("select pg_notify('autonomy_rights', ?)")) {
                s.setString(1, school.toString());
                s.execute();
            }
            c.commit();
        }
        await().atMost(WAIT).untilAsserted(() ->
                assertThat(check(school, "SET_BELL_SCHEDULE").getString("basis.reason")).isEqualTo("REVOKED"));
    }

    @Test
    void extremeDatesAndPagesAreClearRefusalsNot500s() {
        // review of 2026-12-05: the public check took a day after +999999999-12-31 (500, no token needed); a page whose
        // offset overflows an int reached Hibernate (500)
        given().get("/api/autonomy/schools/" + java.util.UUID.randomUUID() + "/decision-rights/HIRE_TEACHERS?date=%2B999999999-12-31")
                .then().statusCode(400).contentType("application/problem+json").body("errors[0].field", equalTo("date"));
        given().get("/api/autonomy/schools/" + java.util.UUID.randomUUID() + "/decision-rights/HIRE_TEACHERS?date=1066-10-14")
                .then().statusCode(400);
        given().auth().oauth2(org.portfolio.testing.TestTokens.districtAdmin()).get("/api/autonomy/grants?page=50000000")
                .then().statusCode(400).contentType("application/problem+json");
    }
}
