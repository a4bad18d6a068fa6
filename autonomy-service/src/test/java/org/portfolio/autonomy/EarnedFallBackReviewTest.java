package org.portfolio.autonomy;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import org.junit.jupiter.api.Test;
import org.portfolio.testing.EventsProbe;
import org.portfolio.testing.TestClock;
import org.portfolio.testing.TestTokens;
import org.portfolio.testing.events.EventContract;

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
import static org.hamcrest.Matchers.hasItem;
import static org.portfolio.autonomy.Fixtures.*;

/**
 * The review of issue 15 point 5 (earned autonomy falls back), each suspected defect as a scenario on real
 * PostgreSQL and Kafka: ratings that fall while the grant is not yet in force or PENDING, a benchmark-revoked grant
 * whose ratings fall meanwhile, and a renewal's successor contract (falling back carries over as earning does).
 */
@QuarkusTest
class EarnedFallBackReviewTest {

    // --- (a) ratings that fall before the grant is in force, or while it is PENDING ----------------------------

    @Test
    void ratingsThatFallBeforeTheTermStartsTakeTheEarnedGrantBackBeforeItIsInForce() {
        UUID school = UUID.randomUUID();
        UUID contract = UUID.randomUUID();
        rating(school, UUID.randomUUID(), yearsFromNow(-2), "MEETS", Instant.now().toString());
        awaitRatings(school, 1);
        // a contract whose term starts next school year: earned at once from the ratings held, not yet in force
        Map<String, Object> c = contract(contract, school, 1, null, List.of(earned("MONEY", "MEETS", 1, 1)));
        c.put("term", Map.of("startYear", yearsFromNow(1), "endYear", yearsFromNow(5)));
        EventsProbe.publish(CONTRACTS, "/contracts", CONTRACT_ACTIVATED, school.toString(), c);
        awaitGrants(school, g -> has(g, "MONEY", "ACTIVE"));
        assertThat(check(school, "ALLOCATE_BUDGET").getString("basis.reason")).isEqualTo("NOT_YET_EFFECTIVE");

        // the ratings fall before the term starts: it falls back, and on the term's first day the district decides
        UUID weak = UUID.randomUUID();
        rating(school, weak, yearsFromNow(-1), "APPROACHING", Instant.now().toString());
        awaitGrants(school, g -> has(g, "MONEY", "PENDING"));
        String firstDay = yearsFromNow(1).substring(0, 4) + "-07-01";
        JsonPath answer = given().queryParam("date", firstDay)
                .get("/api/autonomy/schools/{s}/decision-rights/{d}", school, "ALLOCATE_BUDGET").then().statusCode(200)
                .extract().jsonPath();
        assertThat(answer.getBoolean("allowed")).isFalse();
        assertThat(answer.getString("basis.reason")).isEqualTo("PENDING_ELIGIBILITY");
        assertThat(answer.getList("basis.cause.ratingIds")).containsExactly(weak.toString());
    }

    @Test
    void aCorrectionThatLeavesTheRatingsBelowTheRuleDoesNotRestoreAGrantThatFellBack() {
        // weak years keep coming while the grant is PENDING (with a year without a rating between them); a correction
        // of a rating in the run that leaves it below the tier must not give the autonomy back
        UUID school = UUID.randomUUID();
        activate(UUID.randomUUID(), school, List.of(earned("MONEY", "MEETS", 2, 2)));
        awaitGrants(school, g -> has(g, "MONEY", "PENDING"));
        rating(school, UUID.randomUUID(), yearsFromNow(-7), "MEETS", Instant.now().minusSeconds(60).toString());
        rating(school, UUID.randomUUID(), yearsFromNow(-6), "MEETS", Instant.now().minusSeconds(60).toString());
        UUID grantId = UUID.fromString((String) grantOn(awaitGrants(school, g -> has(g, "MONEY", "ACTIVE")), "MONEY").get("id"));
        rating(school, UUID.randomUUID(), yearsFromNow(-5), "DOES_NOT_MEET", Instant.now().minusSeconds(60).toString());
        rating(school, UUID.randomUUID(), yearsFromNow(-4), "DOES_NOT_MEET", Instant.now().minusSeconds(60).toString());
        awaitGrants(school, g -> has(g, "MONEY", "PENDING"));
        // still weak, after a year without a rating
        rating(school, UUID.randomUUID(), yearsFromNow(-2), "DOES_NOT_MEET", Instant.now().minusSeconds(60).toString());

        // performance-service re-publishes the 2nd weak year under a new rating id, as weak as before
        UUID reissued = UUID.randomUUID();
        rating(school, reissued, yearsFromNow(-4), "APPROACHING", Instant.now().toString());
        awaitRating(school, reissued);
        await().during(Duration.ofSeconds(2)).atMost(WAIT).until(() ->
                "PENDING".equals(grantOn(grants(school).getList("items"), "MONEY").get("status")));
        assertThat(history(grantId)).extracting(h -> h.get("action"))
                .containsExactly("CREATED_PENDING", "GRANTED", "FELL_BACK");
        assertThat(published(REINSTATED, school)).isEmpty();
    }

    @Test
    void aFallBackWhoseReasonWentAwayWithANewYearIsNotUndoneByACorrectionThatKeepsTheYearWeak() {
        UUID school = UUID.randomUUID();
        activate(UUID.randomUUID(), school, List.of(earned("TIME", "MEETS", 2, 2)));
        awaitGrants(school, g -> has(g, "TIME", "PENDING"));
        rating(school, UUID.randomUUID(), yearsFromNow(-6), "MEETS", Instant.now().minusSeconds(60).toString());
        rating(school, UUID.randomUUID(), yearsFromNow(-5), "MEETS", Instant.now().minusSeconds(60).toString());
        awaitGrants(school, g -> has(g, "TIME", "ACTIVE"));
        rating(school, UUID.randomUUID(), yearsFromNow(-4), "DOES_NOT_MEET", Instant.now().minusSeconds(60).toString());
        rating(school, UUID.randomUUID(), yearsFromNow(-3), "DOES_NOT_MEET", Instant.now().minusSeconds(60).toString());
        awaitGrants(school, g -> has(g, "TIME", "PENDING"));
        // one strong year: not yet earned again (two are needed)
        rating(school, UUID.randomUUID(), yearsFromNow(-2), "MEETS", Instant.now().minusSeconds(60).toString());

        // a correction of a weak year that leaves it weak: the fall back's reason did not go away by a correction
        UUID corrected = UUID.randomUUID();
        rating(school, corrected, yearsFromNow(-3), "APPROACHING", Instant.now().toString());
        awaitRating(school, corrected);
        await().during(Duration.ofSeconds(2)).atMost(WAIT).until(() ->
                "PENDING".equals(grantOn(grants(school).getList("items"), "TIME").get("status")));
        assertThat(published(REINSTATED, school)).isEmpty();
    }

    // --- (b) a benchmark-revoked EARNED grant whose ratings fall meanwhile -------------------------------------

    @Test
    void aRevokedEarnedGrantWhoseRatingsFellIsNotReinstatedByAMetItStaysFallenBack() {
        UUID school = UUID.randomUUID();
        UUID contract = UUID.randomUUID();
        UUID benchmark = UUID.randomUUID();
        activate(contract, school, List.of(earned("PEOPLE", "MEETS", 1, 1)));
        awaitGrants(school, g -> has(g, "PEOPLE", "PENDING"));
        rating(school, UUID.randomUUID(), yearsFromNow(-2), "MEETS", Instant.now().toString());
        UUID grantId = UUID.fromString((String) grantOn(awaitGrants(school, g -> has(g, "PEOPLE", "ACTIVE")), "PEOPLE").get("id"));
        evaluate(school, contract, benchmark, "MISSED", 3, 7, true, "PEOPLE");
        awaitGrants(school, g -> has(g, "PEOPLE", "REVOKED"));
        io.restassured.RestAssured.given().auth().oauth2(org.portfolio.testing.TestTokens.districtAdmin())
                .get("/api/autonomy/grants/" + grantId).then().statusCode(200)
                .body("reinstatesWhenMet", org.hamcrest.Matchers.equalTo(true));

        // while revoked, the ratings that earned it fall below the rule: the grant stays revoked
        UUID weak = UUID.randomUUID();
        String fellEvent = rating(school, weak, yearsFromNow(-1), "APPROACHING", Instant.now().toString());
        awaitRating(school, weak);
        assertThat(check(school, "HIRE_TEACHERS").getString("basis.reason")).isEqualTo("REVOKED");
        // and the grant no longer promises to come back with the MET (found by review: it still said true)
        io.restassured.RestAssured.given().auth().oauth2(org.portfolio.testing.TestTokens.districtAdmin())
                .get("/api/autonomy/grants/" + grantId).then().statusCode(200)
                .body("status", org.hamcrest.Matchers.equalTo("REVOKED"))
                .body("reinstatesWhenMet", org.hamcrest.Matchers.equalTo(false));

        // the benchmark is met (on corrected data): the guard lets go, but the ratings no longer earn it → PENDING
        Map<String, Object> met = evaluation(school, contract, benchmark, "MET", 3, 2, true, "PEOPLE");
        met.put("trigger", "CORRECTION");
        met.put("correction", Map.of("correctionId", UUID.randomUUID(), "reason", "Two vacancies were filled in August"));
        String metEvent = EventsProbe.publish(CONTRACTS, "/contracts", BENCHMARK_EVALUATED, school.toString(), met);
        Map<String, Object> grant = grantOn(awaitGrants(school, g -> has(g, "PEOPLE", "PENDING")), "PEOPLE");
        @SuppressWarnings("unchecked") Map<String, Object> cause = (Map<String, Object>) grant.get("cause");
        assertThat(cause.get("kind")).isEqualTo("RATING_FELL");
        assertThat(cause.get("eventId")).isEqualTo(metEvent);
        assertThat((List<Object>) cause.get("ratingIds")).containsExactly(weak.toString());
        assertThat((String) cause.get("description")).contains("met", "Rated below MEETS for 1 consecutive school year(s): "
                + yearsFromNow(-1) + " APPROACHING");
        List<Map<String, Object>> history = history(grantId);
        assertThat(history).extracting(h -> h.get("action"))
                .containsExactly("CREATED_PENDING", "GRANTED", "REVOKED", "FELL_BACK", "FELL_BACK");
        // the fall back was recorded when the rating came (the grant stayed revoked), and took effect with the MET
        assertThat(history.get(3).get("fromStatus")).isEqualTo("REVOKED");
        assertThat(history.get(3).get("toStatus")).isEqualTo("REVOKED");
        assertThat(history.get(3).toString()).contains("RATING_FELL", fellEvent, weak.toString());
        assertThat(history.get(4).get("fromStatus")).isEqualTo("REVOKED");
        assertThat(history.get(4).get("toStatus")).isEqualTo("PENDING");

        JsonPath answer = check(school, "HIRE_TEACHERS");
        assertThat(answer.getBoolean("allowed")).isFalse();
        assertThat(answer.getString("basis.reason")).isEqualTo("PENDING_ELIGIBILITY");
        assertThat(answer.getString("basis.explanation")).contains("fell back on ")
                .contains("because the school's ratings fell below its criteria").contains(weak.toString());
        // consumers hear the new cause (still not the school's): AutonomyRevoked RATING_FELL; never a reinstatement
        EventsProbe.Received revoked = awaitPublished(REVOKED, r -> r.data().path("grantId").asText().equals(grantId.toString())
                && "RATING_FELL".equals(r.data().path("cause").path("kind").asText()));
        assertThat(revoked.data().path("cause").path("ratingId").asText()).isEqualTo(weak.toString());
        assertThat(published(REINSTATED, school)).isEmpty();

        // a later qualifying rating earns it again, as for any grant that fell back
        rating(school, UUID.randomUUID(), yearsFromNow(0), "MEETS", Instant.now().toString());
        awaitGrants(school, g -> has(g, "PEOPLE", "ACTIVE"));
        end(contract, school, "TERMINATED", null);
        awaitPublished(ENDED, r -> r.data().path("grantId").asText().equals(grantId.toString()));
        assertThat(EventContract.load().assertTopicConforms(AUTONOMY, "/autonomy")).containsKeys(REVOKED, REINSTATED);
    }

    /**
     * Found by review: the ratings fell while the grant was revoked, then a new strong year earned it again before the
     * MET; the MET took it to PENDING (publishing a revocation RATING_FELL with an outdated cause) and earned it again
     * at once. It is reinstated by the MET, once, and nothing says it was lost.
     */
    @Test
    void aRevokedEarnedGrantWhoseRatingsFellAndRecoveredMeanwhileIsReinstatedByTheMetWithoutASpuriousRevocation() {
        UUID school = UUID.randomUUID();
        UUID contract = UUID.randomUUID();
        UUID benchmark = UUID.randomUUID();
        activate(contract, school, List.of(earned("PEOPLE", "MEETS", 1, 1)));
        awaitGrants(school, g -> has(g, "PEOPLE", "PENDING"));
        rating(school, UUID.randomUUID(), yearsFromNow(-2), "MEETS", Instant.now().toString());
        UUID grantId = UUID.fromString((String) grantOn(awaitGrants(school, g -> has(g, "PEOPLE", "ACTIVE")), "PEOPLE").get("id"));
        evaluate(school, contract, benchmark, "MISSED", 3, 7, true, "PEOPLE");
        awaitGrants(school, g -> has(g, "PEOPLE", "REVOKED"));
        UUID weak = UUID.randomUUID();
        rating(school, weak, yearsFromNow(-1), "APPROACHING", Instant.now().toString());
        awaitRating(school, weak);
        UUID strong = UUID.randomUUID();
        rating(school, strong, yearsFromNow(0), "MEETS", Instant.now().toString());
        awaitRating(school, strong);
        io.restassured.RestAssured.given().auth().oauth2(org.portfolio.testing.TestTokens.districtAdmin())
                .get("/api/autonomy/grants/" + grantId).then().statusCode(200)
                .body("reinstatesWhenMet", org.hamcrest.Matchers.equalTo(true));

        evaluate(school, contract, benchmark, "MET", 3, 2, true, "PEOPLE");
        Map<String, Object> grant = grantOn(awaitGrants(school, g -> has(g, "PEOPLE", "ACTIVE")), "PEOPLE");
        @SuppressWarnings("unchecked") Map<String, Object> cause = (Map<String, Object>) grant.get("cause");
        assertThat(cause.get("kind")).isEqualTo("BENCHMARK_MET");
        awaitPublished(REINSTATED, r -> r.data().path("grantId").asText().equals(grantId.toString()));
        assertThat(published(REVOKED, school)).as("only the benchmark's revocation, no RATING_FELL one").hasSize(1);
        List<Map<String, Object>> history = history(grantId);
        assertThat(history.get(history.size() - 1).get("action")).isEqualTo("REINSTATED");
        assertThat(history).filteredOn(h -> "PENDING".equals(h.get("toStatus"))).as("never PENDING after it was created")
                .hasSize(1);
    }

    @Test
    void aRevokedEarnedGrantIsReinstatedWhenACorrectionTookTheFallBackAwayOrNoRatingFellMeanwhile() {
        // the weak rating is corrected while the grant is revoked: the reason is gone, the MET reinstates
        UUID school = UUID.randomUUID();
        UUID contract = UUID.randomUUID();
        UUID benchmark = UUID.randomUUID();
        activate(contract, school, List.of(earned("PEOPLE", "MEETS", 1, 1)));
        awaitGrants(school, g -> has(g, "PEOPLE", "PENDING"));
        rating(school, UUID.randomUUID(), yearsFromNow(-2), "MEETS", Instant.now().minusSeconds(60).toString());
        awaitGrants(school, g -> has(g, "PEOPLE", "ACTIVE"));
        evaluate(school, contract, benchmark, "MISSED", 3, 7, true, "PEOPLE");
        awaitGrants(school, g -> has(g, "PEOPLE", "REVOKED"));
        rating(school, UUID.randomUUID(), yearsFromNow(-1), "APPROACHING", Instant.now().minusSeconds(60).toString());
        UUID fixed = UUID.randomUUID();
        rating(school, fixed, yearsFromNow(-1), "MEETS", Instant.now().toString());
        awaitRating(school, fixed);
        evaluate(school, contract, benchmark, "MET", 3, 2, true, "PEOPLE");
        Map<String, Object> grant = grantOn(awaitGrants(school, g -> has(g, "PEOPLE", "ACTIVE")), "PEOPLE");
        assertThat(((Map<?, ?>) grant.get("cause")).get("kind")).isEqualTo("BENCHMARK_MET");

        // oversight activated it by hand on weak ratings; no rating came while it was revoked: the MET reinstates
        UUID other = UUID.randomUUID();
        UUID otherContract = UUID.randomUUID();
        activate(otherContract, other, List.of(earned("PEOPLE", "MEETS", 1, 1)));
        rating(other, UUID.randomUUID(), yearsFromNow(-1), "APPROACHING", Instant.now().toString());
        UUID otherGrant = UUID.fromString((String) grantOn(awaitGrants(other, g -> has(g, "PEOPLE", "PENDING")), "PEOPLE").get("id"));
        awaitRatings(other, 1);
        given().auth().oauth2(TestTokens.oversight()).contentType(JSON).body(Map.of("reason", "Turnaround plan approved"))
                .post("/api/autonomy/grants/{id}/activate", otherGrant).then().statusCode(200);
        evaluate(other, otherContract, benchmark, "MISSED", 3, 7, true, "PEOPLE");
        awaitGrants(other, g -> has(g, "PEOPLE", "REVOKED"));
        evaluate(other, otherContract, benchmark, "MET", 3, 2, true, "PEOPLE");
        awaitGrants(other, g -> has(g, "PEOPLE", "ACTIVE"));
    }

    /**
     * Found by review (issue 15, finding 1): the weak year that made a revoked grant fall back was merely re-issued
     * (a new rating id, the same year, still below the tier) after a new strong year had taken the reason away. The
     * new id made the noted rating look "corrected", so the MET reinstated a grant whose ratings fell. A re-issue is
     * not a correction that lifts the year: the reason went away with the new year, and the grant waits to be earned
     * again (PENDING), as an ACTIVE grant that fell back would.
     */
    @Test
    void aRevokedEarnedGrantWhoseWeakYearWasOnlyReissuedIsNotReinstatedByTheMetAfterANewStrongYear() {
        UUID school = UUID.randomUUID();
        UUID contract = UUID.randomUUID();
        UUID benchmark = UUID.randomUUID();
        // two strong years earn it, one weak year takes it back
        activate(contract, school, List.of(earned("PEOPLE", "MEETS", 2, 1)));
        awaitGrants(school, g -> has(g, "PEOPLE", "PENDING"));
        rating(school, UUID.randomUUID(), yearsFromNow(-3), "MEETS", Instant.now().minusSeconds(60).toString());
        rating(school, UUID.randomUUID(), yearsFromNow(-2), "MEETS", Instant.now().minusSeconds(60).toString());
        UUID grantId = UUID.fromString((String) grantOn(awaitGrants(school, g -> has(g, "PEOPLE", "ACTIVE")), "PEOPLE").get("id"));
        evaluate(school, contract, benchmark, "MISSED", 3, 7, true, "PEOPLE");
        awaitGrants(school, g -> has(g, "PEOPLE", "REVOKED"));

        // while revoked: a weak year (noted as a fall back), then a new strong year (one is not enough to earn it)
        UUID weak = UUID.randomUUID();
        rating(school, weak, yearsFromNow(-1), "APPROACHING", Instant.now().minusSeconds(60).toString());
        awaitRating(school, weak);
        UUID strong = UUID.randomUUID();
        rating(school, strong, yearsFromNow(0), "MEETS", Instant.now().minusSeconds(60).toString());
        awaitRating(school, strong);
        // performance-service re-issues the weak year under a new rating id, still below the tier
        UUID reissued = UUID.randomUUID();
        rating(school, reissued, yearsFromNow(-1), "DOES_NOT_MEET", Instant.now().toString());
        awaitRating(school, reissued);
        // the grant does not promise to come back with the MET
        given().auth().oauth2(TestTokens.districtAdmin()).get("/api/autonomy/grants/" + grantId).then().statusCode(200)
                .body("status", org.hamcrest.Matchers.equalTo("REVOKED"))
                .body("reinstatesWhenMet", org.hamcrest.Matchers.equalTo(false));

        // the MET lets the guard go: PENDING, the weak year as cause — never reinstated
        String metEvent = evaluate(school, contract, benchmark, "MET", 3, 2, true, "PEOPLE");
        Map<String, Object> grant = grantOn(awaitGrants(school, g -> has(g, "PEOPLE", "PENDING")), "PEOPLE");
        @SuppressWarnings("unchecked") Map<String, Object> cause = (Map<String, Object>) grant.get("cause");
        assertThat(cause.get("kind")).isEqualTo("RATING_FELL");
        assertThat(cause.get("eventId")).isEqualTo(metEvent);
        assertThat(history(grantId)).extracting(h -> h.get("action"))
                .containsExactly("CREATED_PENDING", "GRANTED", "REVOKED", "FELL_BACK", "FELL_BACK");
        assertThat(published(REINSTATED, school)).isEmpty();
        assertThat(check(school, "HIRE_TEACHERS").getString("basis.reason")).isEqualTo("PENDING_ELIGIBILITY");
    }

    /**
     * The other side of finding 1: a correction that lifts the noted weak year (same school year, now at the tier)
     * takes the reason away — the MET reinstates. With two weak years noted, lifting one of them is enough (the run
     * is broken by the correction); and the grant says so before the MET ({@code reinstatesWhenMet}).
     */
    @Test
    void aRevokedEarnedGrantWhoseNotedWeakYearWasLiftedByACorrectionIsReinstatedByTheMet() {
        UUID school = UUID.randomUUID();
        UUID contract = UUID.randomUUID();
        UUID benchmark = UUID.randomUUID();
        activate(contract, school, List.of(earned("PEOPLE", "MEETS", 2, 2)));
        awaitGrants(school, g -> has(g, "PEOPLE", "PENDING"));
        rating(school, UUID.randomUUID(), yearsFromNow(-4), "MEETS", Instant.now().minusSeconds(60).toString());
        rating(school, UUID.randomUUID(), yearsFromNow(-3), "MEETS", Instant.now().minusSeconds(60).toString());
        UUID grantId = UUID.fromString((String) grantOn(awaitGrants(school, g -> has(g, "PEOPLE", "ACTIVE")), "PEOPLE").get("id"));
        evaluate(school, contract, benchmark, "MISSED", 3, 7, true, "PEOPLE");
        awaitGrants(school, g -> has(g, "PEOPLE", "REVOKED"));
        rating(school, UUID.randomUUID(), yearsFromNow(-2), "APPROACHING", Instant.now().minusSeconds(60).toString());
        UUID secondWeak = UUID.randomUUID();
        rating(school, secondWeak, yearsFromNow(-1), "DOES_NOT_MEET", Instant.now().minusSeconds(60).toString());
        awaitRating(school, secondWeak);
        await().atMost(WAIT).until(() -> history(grantId).stream().anyMatch(h -> "FELL_BACK".equals(h.get("action"))));
        given().auth().oauth2(TestTokens.districtAdmin()).get("/api/autonomy/grants/" + grantId).then().statusCode(200)
                .body("reinstatesWhenMet", org.hamcrest.Matchers.equalTo(false));
        // the older weak year is corrected to MEETS: the fall back's reason is gone
        UUID lifted = UUID.randomUUID();
        rating(school, lifted, yearsFromNow(-2), "MEETS", Instant.now().toString());
        awaitRating(school, lifted);
        given().auth().oauth2(TestTokens.districtAdmin()).get("/api/autonomy/grants/" + grantId).then().statusCode(200)
                .body("reinstatesWhenMet", org.hamcrest.Matchers.equalTo(true));
        // undone at correction time, as a PENDING grant that fell back is restored: REVOKED → REVOKED, the correction
        Map<String, Object> undone = history(grantId).get(4);
        assertThat(undone.get("action")).isEqualTo("FALL_BACK_UNDONE");
        assertThat(undone.get("fromStatus")).isEqualTo("REVOKED");
        assertThat(undone.get("toStatus")).isEqualTo("REVOKED");
        assertThat(undone.toString()).contains("RATING_QUALIFIED", lifted.toString());
        evaluate(school, contract, benchmark, "MET", 3, 2, true, "PEOPLE");
        Map<String, Object> grant = grantOn(awaitGrants(school, g -> has(g, "PEOPLE", "ACTIVE")), "PEOPLE");
        assertThat(((Map<?, ?>) grant.get("cause")).get("kind")).isEqualTo("BENCHMARK_MET");
        awaitPublished(REINSTATED, r -> r.data().path("grantId").asText().equals(grantId.toString()));
        assertThat(history(grantId)).extracting(h -> h.get("action")).containsExactly("CREATED_PENDING", "GRANTED",
                "REVOKED", "FELL_BACK", "FALL_BACK_UNDONE", "REINSTATED");
    }

    /**
     * Found by review (issue 15, second review, hole 1): a FELL_BACK note stands until a correction undoes it; a later
     * weak year writes no second note. Here the first note names year −1; the weak year 0 that followed is then
     * corrected to MEETS. On the corrected data year −1 is weak and one strong year followed it: the reason went away
     * with a new strong year, not by a correction of a rating the note names — as an ACTIVE grant (whose cause names
     * only year −1) it would stay PENDING. The MET used to read only the latest note ([0], "lifted") and reinstated.
     */
    @Test
    void aRevokedEarnedGrantIsNotReinstatedWhenALaterWeakYearIsCorrectedWhileTheFirstFallBackStands() {
        UUID school = UUID.randomUUID();
        UUID contract = UUID.randomUUID();
        UUID benchmark = UUID.randomUUID();
        activate(contract, school, List.of(earned("PEOPLE", "MEETS", 2, 1)));
        awaitGrants(school, g -> has(g, "PEOPLE", "PENDING"));
        rating(school, UUID.randomUUID(), yearsFromNow(-3), "MEETS", Instant.now().minusSeconds(60).toString());
        rating(school, UUID.randomUUID(), yearsFromNow(-2), "MEETS", Instant.now().minusSeconds(60).toString());
        UUID grantId = UUID.fromString((String) grantOn(awaitGrants(school, g -> has(g, "PEOPLE", "ACTIVE")), "PEOPLE").get("id"));
        evaluate(school, contract, benchmark, "MISSED", 3, 7, true, "PEOPLE");
        awaitGrants(school, g -> has(g, "PEOPLE", "REVOKED"));

        UUID first = UUID.randomUUID();
        rating(school, first, yearsFromNow(-1), "APPROACHING", Instant.now().minusSeconds(60).toString());
        awaitRating(school, first);
        await().atMost(WAIT).until(() -> history(grantId).stream().anyMatch(h -> "FELL_BACK".equals(h.get("action"))));
        UUID second = UUID.randomUUID();
        rating(school, second, yearsFromNow(0), "APPROACHING", Instant.now().minusSeconds(60).toString());
        awaitRating(school, second);
        // year 0 is corrected to MEETS: the standing fall back names year −1 only — nothing is undone
        UUID corrected = UUID.randomUUID();
        rating(school, corrected, yearsFromNow(0), "MEETS", Instant.now().toString());
        awaitRating(school, corrected);
        given().auth().oauth2(TestTokens.districtAdmin()).get("/api/autonomy/grants/" + grantId).then().statusCode(200)
                .body("status", org.hamcrest.Matchers.equalTo("REVOKED"))
                .body("reinstatesWhenMet", org.hamcrest.Matchers.equalTo(false));

        String metEvent = evaluate(school, contract, benchmark, "MET", 3, 2, true, "PEOPLE");
        Map<String, Object> grant = grantOn(awaitGrants(school, g -> has(g, "PEOPLE", "PENDING")), "PEOPLE");
        @SuppressWarnings("unchecked") Map<String, Object> cause = (Map<String, Object>) grant.get("cause");
        assertThat(cause.get("kind")).isEqualTo("RATING_FELL");
        assertThat(cause.get("eventId")).isEqualTo(metEvent);
        assertThat((List<Object>) cause.get("ratingIds")).containsExactly(first.toString());
        assertThat(history(grantId)).extracting(h -> h.get("action"))
                .containsExactly("CREATED_PENDING", "GRANTED", "REVOKED", "FELL_BACK", "FELL_BACK");
        assertThat(published(REINSTATED, school)).isEmpty();
    }

    /**
     * Found by review (issue 15, second review, hole 2): a correction of a noted weak year undoes the fall back only
     * if it is what made the rule stop holding. Here a new strong year (−1) ended the weak run first; the later
     * correction of noted year −3 to MEETS changes nothing (with −3 put back weak the rule still does not hold) — as
     * an ACTIVE grant that fell back would, the grant waits to be earned again. The MET used to reinstate it.
     */
    @Test
    void aRevokedEarnedGrantIsNotReinstatedWhenANotedYearIsCorrectedAfterANewStrongYearEndedTheWeakRun() {
        UUID school = UUID.randomUUID();
        UUID contract = UUID.randomUUID();
        UUID benchmark = UUID.randomUUID();
        activate(contract, school, List.of(earned("PEOPLE", "MEETS", 2, 2)));
        awaitGrants(school, g -> has(g, "PEOPLE", "PENDING"));
        rating(school, UUID.randomUUID(), yearsFromNow(-5), "MEETS", Instant.now().minusSeconds(60).toString());
        rating(school, UUID.randomUUID(), yearsFromNow(-4), "MEETS", Instant.now().minusSeconds(60).toString());
        UUID grantId = UUID.fromString((String) grantOn(awaitGrants(school, g -> has(g, "PEOPLE", "ACTIVE")), "PEOPLE").get("id"));
        evaluate(school, contract, benchmark, "MISSED", 3, 7, true, "PEOPLE");
        awaitGrants(school, g -> has(g, "PEOPLE", "REVOKED"));

        UUID older = UUID.randomUUID();
        rating(school, older, yearsFromNow(-3), "APPROACHING", Instant.now().minusSeconds(60).toString());
        UUID newer = UUID.randomUUID();
        rating(school, newer, yearsFromNow(-2), "DOES_NOT_MEET", Instant.now().minusSeconds(60).toString());
        awaitRating(school, newer);
        await().atMost(WAIT).until(() -> history(grantId).stream().anyMatch(h -> "FELL_BACK".equals(h.get("action"))));
        // a new strong year: the rule stops holding because of it (one strong year does not earn it again)
        UUID strong = UUID.randomUUID();
        rating(school, strong, yearsFromNow(-1), "MEETS", Instant.now().minusSeconds(60).toString());
        awaitRating(school, strong);
        // then the older noted weak year is corrected to MEETS
        UUID corrected = UUID.randomUUID();
        rating(school, corrected, yearsFromNow(-3), "MEETS", Instant.now().toString());
        awaitRating(school, corrected);
        given().auth().oauth2(TestTokens.districtAdmin()).get("/api/autonomy/grants/" + grantId).then().statusCode(200)
                .body("status", org.hamcrest.Matchers.equalTo("REVOKED"))
                .body("reinstatesWhenMet", org.hamcrest.Matchers.equalTo(false));

        String metEvent = evaluate(school, contract, benchmark, "MET", 3, 2, true, "PEOPLE");
        Map<String, Object> grant = grantOn(awaitGrants(school, g -> has(g, "PEOPLE", "PENDING")), "PEOPLE");
        @SuppressWarnings("unchecked") Map<String, Object> cause = (Map<String, Object>) grant.get("cause");
        assertThat(cause.get("kind")).isEqualTo("RATING_FELL");
        assertThat(cause.get("eventId")).isEqualTo(metEvent);
        assertThat((List<Object>) cause.get("ratingIds")).containsExactly(newer.toString(), older.toString());
        assertThat(history(grantId)).extracting(h -> h.get("action"))
                .containsExactly("CREATED_PENDING", "GRANTED", "REVOKED", "FELL_BACK", "FELL_BACK");
        assertThat(published(REINSTATED, school)).isEmpty();
    }

    // --- (d) renewal: falling back carries over to the successor contract as earning does ---------------------

    @Test
    void aRenewalAppliesTheSuccessorsRuleBothWays() {
        // earning: a PENDING grant that the successor's lower tier qualifies is earned at the takeover
        UUID school = UUID.randomUUID();
        UUID first = UUID.randomUUID();
        UUID second = UUID.randomUUID();
        activate(first, school, List.of(earned("TIME", "EXCEEDS", 1, 1)));
        rating(school, UUID.randomUUID(), yearsFromNow(-1), "MEETS", Instant.now().toString());
        awaitRatings(school, 1);
        awaitGrants(school, g -> has(g, "TIME", "PENDING"));
        end(first, school, "RENEWED", second);
        activate(second, school, first, List.of(earned("TIME", "MEETS", 1, 1)));
        awaitGrants(school, g -> has(g, "TIME", "ACTIVE"));

        // falling back: an ACTIVE grant whose ratings are below the successor's higher tier falls back at the takeover
        UUID other = UUID.randomUUID();
        UUID a = UUID.randomUUID();
        UUID b = UUID.randomUUID();
        activate(a, other, List.of(earned("TIME", "MEETS", 1, 1)));
        UUID meets = UUID.randomUUID();
        rating(other, meets, yearsFromNow(-1), "MEETS", Instant.now().toString());
        UUID grantId = UUID.fromString((String) grantOn(awaitGrants(other, g -> has(g, "TIME", "ACTIVE")), "TIME").get("id"));
        end(a, other, "RENEWED", b);
        String activation = activate(b, other, a, List.of(earned("TIME", "EXCEEDS", 1, 1)));
        Map<String, Object> grant = grantOn(awaitGrants(other, g -> has(g, "TIME", "PENDING")), "TIME");
        assertThat(grant.get("id")).isEqualTo(grantId.toString());
        assertThat(grant.get("contractId")).isEqualTo(b.toString());
        @SuppressWarnings("unchecked") Map<String, Object> cause = (Map<String, Object>) grant.get("cause");
        assertThat(cause.get("kind")).isEqualTo("RATING_FELL");
        assertThat(cause.get("eventId")).isEqualTo(activation);
        assertThat((List<Object>) cause.get("ratingIds")).containsExactly(meets.toString());
        assertThat((String) cause.get("description")).contains("Rated below EXCEEDS for 1 consecutive school year(s)");
        assertThat(history(grantId)).extracting(h -> h.get("action"))
                .containsExactly("CREATED_PENDING", "GRANTED", "AWAITING_SUCCESSOR", "TRANSFERRED", "FELL_BACK");
        awaitPublished(REVOKED, r -> r.data().path("grantId").asText().equals(grantId.toString()));
    }

    @Test
    void aGrantAwaitingItsSuccessorPastItsTermIsEarnedAsItWouldFallBack() {
        // contract A's term is over, A was renewed by B, B is not activated yet: A's grants stay in force meanwhile
        // (within the renewal grace, 60 days: the service's clock stands on 1 August, a month after A's last day).
        // A weak rating takes an ACTIVE one back then; a qualifying rating must earn a PENDING one as well.
        TestClock.setNow(LocalDate.of(Integer.parseInt(currentYear().substring(0, 4)), 8, 1).atTime(12, 0)
                .toInstant(ZoneOffset.UTC));
        try {
            awaitingSuccessor();
        } finally {
            TestClock.reset();
        }
    }

    private static void awaitingSuccessor() {
        UUID school = UUID.randomUUID();
        UUID a = UUID.randomUUID();
        UUID b = UUID.randomUUID();
        Map<String, Object> c = contract(a, school, 1, null, List.of(earned("MONEY", "MEETS", 1, 1)));
        c.put("term", Map.of("startYear", yearsFromNow(-5), "endYear", yearsFromNow(-1)));
        EventsProbe.publish(CONTRACTS, "/contracts", CONTRACT_ACTIVATED, school.toString(), c);
        UUID grantId = UUID.fromString((String) grantOn(awaitGrants(school, g -> has(g, "MONEY", "PENDING")), "MONEY").get("id"));
        end(a, school, "RENEWED", b);
        await().atMost(WAIT).untilAsserted(() -> assertThat(grantOn(grants(school).getList("items"), "MONEY")
                .get("awaitingSuccessorContractId")).isEqualTo(b.toString()));
        UUID good = UUID.randomUUID();
        rating(school, good, yearsFromNow(0), "MEETS", Instant.now().toString());
        Map<String, Object> grant = grantOn(awaitGrants(school, g -> has(g, "MONEY", "ACTIVE")), "MONEY");
        assertThat(grant.get("id")).isEqualTo(grantId.toString());
        assertThat(check(school, "ALLOCATE_BUDGET").getString("decidedBy")).isEqualTo("SCHOOL");
        // and the weak year after it takes it back, still awaiting B
        rating(school, UUID.randomUUID(), yearsFromNow(0), "APPROACHING", Instant.now().plusSeconds(1).toString());
        awaitGrants(school, g -> has(g, "MONEY", "PENDING"));
    }

    private static void awaitRating(UUID school, UUID ratingId) {
        await().atMost(WAIT).untilAsserted(() -> given().auth().oauth2(TestTokens.oversight())
                .get("/api/autonomy/schools/{s}/ratings", school).then().statusCode(200)
                .body("ratingId", hasItem(ratingId.toString())));
    }

    private static void awaitRatings(UUID school, int count) {
        await().atMost(WAIT).untilAsserted(() -> assertThat(given().auth().oauth2(TestTokens.oversight())
                .get("/api/autonomy/schools/{s}/ratings", school).then().statusCode(200).extract().jsonPath()
                .getList("$")).hasSize(count));
    }
}
