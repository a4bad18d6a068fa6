package org.portfolio.autonomy;

import com.fasterxml.jackson.databind.JsonNode;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import org.junit.jupiter.api.Test;
import org.portfolio.testing.EventsProbe;
import org.portfolio.testing.TestTokens;
import org.portfolio.testing.events.EventContract;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.hasItem;
import static org.portfolio.autonomy.Fixtures.*;

/**
 * Earned autonomy falls back (issue 15, point 5): an ACTIVE EARNED grant returns to PENDING when the school's latest
 * {@code fallBackAfterYears} rated school years are all below its minimum tier — with the ratings as the cause in
 * the history, the check's explanation and AutonomyRevoked — and is earned again by a later qualifying run
 * (AutonomyReinstated). A redelivery changes nothing twice; a correction within the run re-evaluates; a year without
 * a rating breaks a weak run as it breaks a strong one.
 */
@QuarkusTest
class EarnedFallBackTest {

    @Test
    void anEarnedGrantFallsBackAfterTheConfiguredWeakYearsAndIsEarnedAgain() {
        UUID school = UUID.randomUUID();
        UUID contract = UUID.randomUUID();
        activate(contract, school, List.of(earned("MONEY", "MEETS", 2, 2)));
        awaitGrants(school, g -> has(g, "MONEY", "PENDING"));
        rating(school, UUID.randomUUID(), yearsFromNow(-6), "MEETS", Instant.now().toString());
        rating(school, UUID.randomUUID(), yearsFromNow(-5), "EXCEEDS", Instant.now().toString());
        Map<String, Object> grant = grantOn(awaitGrants(school, g -> has(g, "MONEY", "ACTIVE")), "MONEY");
        UUID grantId = UUID.fromString((String) grant.get("id"));
        assertThat(grant.get("eligibility")).isEqualTo(Map.of("minimumTier", "MEETS", "consecutiveYears", 2,
                "fallBackAfterYears", 2));

        // one weak year is not two: still the school's
        UUID weak = UUID.randomUUID();
        awaitRead(rating(school, weak, yearsFromNow(-4), "APPROACHING", Instant.now().toString()));
        assertThat(grantOn(grants(school).getList("items"), "MONEY").get("status")).isEqualTo("ACTIVE");

        // the second consecutive weak year takes it back
        UUID weaker = UUID.randomUUID();
        String fellEvent = UUID.randomUUID().toString();
        rating(fellEvent, school, weaker, yearsFromNow(-3), "DOES_NOT_MEET", Instant.now().toString());
        grant = grantOn(awaitGrants(school, g -> has(g, "MONEY", "PENDING")), "MONEY");
        @SuppressWarnings("unchecked") Map<String, Object> cause = (Map<String, Object>) grant.get("cause");
        assertThat(cause.get("kind")).isEqualTo("RATING_FELL");
        assertThat(cause.get("eventId")).isEqualTo(fellEvent);
        assertThat((List<Object>) cause.get("ratingIds")).containsExactly(weaker.toString(), weak.toString());
        assertThat((String) cause.get("description")).isEqualTo("Rated below MEETS for 2 consecutive school year(s): "
                + yearsFromNow(-3) + " DOES_NOT_MEET, " + yearsFromNow(-4) + " APPROACHING");

        JsonPath answer = check(school, "ALLOCATE_BUDGET");
        assertThat(answer.getBoolean("allowed")).isFalse();
        assertThat(answer.getString("basis.reason")).isEqualTo("PENDING_ELIGIBILITY");
        assertThat(answer.getString("basis.cause.kind")).isEqualTo("RATING_FELL");
        assertThat(answer.getList("basis.cause.ratingIds")).containsExactly(weaker.toString(), weak.toString());
        assertThat(answer.getString("basis.explanation"))
                .startsWith("The district decides: MONEY autonomy (ALLOCATE_BUDGET) is EARNED autonomy pending "
                        + "eligibility again: it fell back on ")
                .contains("because the school's ratings fell below its criteria (Rated below MEETS for 2 consecutive "
                        + "school year(s): " + yearsFromNow(-3) + " DOES_NOT_MEET, " + yearsFromNow(-4) + " APPROACHING")
                .contains(weaker.toString()).contains(weak.toString())
                .endsWith("it needs a rating of MEETS or better for 2 consecutive school year(s).");

        EventsProbe.Received revoked = awaitPublished(REVOKED, r -> r.data().path("grantId").asText().equals(grantId.toString()));
        JsonNode rc = revoked.data().path("cause");
        assertThat(rc.path("kind").asText()).isEqualTo("RATING_FELL");
        assertThat(rc.path("eventId").asText()).isEqualTo(fellEvent);
        assertThat(rc.path("ratingId").asText()).isEqualTo(weaker.toString());
        assertThat(rc.path("ratingIds").toString()).isEqualTo("[\"" + weaker + "\",\"" + weak + "\"]");
        assertThat(revoked.data().path("model").asText()).isEqualTo("EARNED");

        List<Map<String, Object>> history = history(grantId);
        assertThat(history).extracting(h -> h.get("action")).containsExactly("CREATED_PENDING", "GRANTED", "FELL_BACK");
        assertThat(history.get(2).get("fromStatus")).isEqualTo("ACTIVE");
        assertThat(history.get(2).get("toStatus")).isEqualTo("PENDING");

        // redelivered (same event id): applied once; an old year's late rating outside the run changes nothing
        rating(fellEvent, school, weaker, yearsFromNow(-3), "DOES_NOT_MEET", Instant.now().toString());
        UUID marker = UUID.randomUUID();
        rating(school, marker, yearsFromNow(-9), "DOES_NOT_MEET", Instant.now().toString());
        await().atMost(WAIT).untilAsserted(() -> given().auth().oauth2(TestTokens.oversight())
                .get("/api/autonomy/schools/{s}/ratings", school).then().statusCode(200)
                .body("ratingId", hasItem(marker.toString())));
        assertThat(history(grantId)).hasSize(3);
        assertThat(published(REVOKED, school)).hasSize(1);

        // a new qualifying run earns it again: the same grant, in force again (AutonomyReinstated, not Granted)
        UUID good = UUID.randomUUID();
        UUID better = UUID.randomUUID();
        awaitRead(rating(school, good, yearsFromNow(-2), "MEETS", Instant.now().toString()));
        assertThat(grantOn(grants(school).getList("items"), "MONEY").get("status")).isEqualTo("PENDING");
        String again = rating(school, better, yearsFromNow(-1), "EXCEEDS", Instant.now().toString());
        awaitGrants(school, g -> has(g, "MONEY", "ACTIVE"));
        assertThat(check(school, "ALLOCATE_BUDGET").getString("decidedBy")).isEqualTo("SCHOOL");
        EventsProbe.Received reinstated = awaitPublished(REINSTATED,
                r -> r.data().path("grantId").asText().equals(grantId.toString()));
        assertThat(reinstated.data().path("cause").path("kind").asText()).isEqualTo("RATING_QUALIFIED");
        assertThat(reinstated.data().path("cause").path("eventId").asText()).isEqualTo(again);
        assertThat(reinstated.data().path("cause").path("ratingIds").toString())
                .isEqualTo("[\"" + better + "\",\"" + good + "\"]");
        assertThat(published(GRANTED, school)).hasSize(1);
        assertThat(history(grantId)).extracting(h -> h.get("action"))
                .containsExactly("CREATED_PENDING", "GRANTED", "FELL_BACK", "GRANTED");

        // the contract ends: a grant that was once in force ends with an event
        end(contract, school, "TERMINATED", null);
        await().atMost(WAIT).until(() -> published(ENDED, school).size() == 1);

        // every event published so far, these included, conforms to the AsyncAPI document
        assertThat(EventContract.load().assertTopicConforms(AUTONOMY, "/autonomy")).containsKeys(REVOKED, REINSTATED);
    }

    @Test
    void withoutAFallBackRuleTheEarningYearsApplyAGapBreaksTheWeakRunAndCorrectionsReEvaluate() {
        UUID school = UUID.randomUUID();
        activate(UUID.randomUUID(), school, List.of(earned("TIME", "MEETS", 2)));
        awaitGrants(school, g -> has(g, "TIME", "PENDING"));
        rating(school, UUID.randomUUID(), yearsFromNow(-7), "MEETS", Instant.now().minusSeconds(60).toString());
        rating(school, UUID.randomUUID(), yearsFromNow(-6), "MEETS", Instant.now().minusSeconds(60).toString());
        Map<String, Object> grant = grantOn(awaitGrants(school, g -> has(g, "TIME", "ACTIVE")), "TIME");
        UUID grantId = UUID.fromString((String) grant.get("id"));
        // the contract did not say: falls back after as many years as it takes to earn it
        assertThat(grant.get("eligibility")).isEqualTo(Map.of("minimumTier", "MEETS", "consecutiveYears", 2,
                "fallBackAfterYears", 2));

        // two weak years with a year without a rating between them are no run
        UUID older = UUID.randomUUID();
        UUID latest = UUID.randomUUID();
        awaitRead(rating(school, older, yearsFromNow(-4), "APPROACHING", Instant.now().minusSeconds(60).toString()));
        awaitRead(rating(school, latest, yearsFromNow(-2), "APPROACHING", Instant.now().minusSeconds(60).toString()));
        assertThat(grantOn(grants(school).getList("items"), "TIME").get("status")).isEqualTo("ACTIVE");

        // the missing year is rated late, and weak: now the latest two rated years are below the tier
        UUID filled = UUID.randomUUID();
        rating(school, filled, yearsFromNow(-3), "APPROACHING", Instant.now().minusSeconds(60).toString());
        grant = grantOn(awaitGrants(school, g -> has(g, "TIME", "PENDING")), "TIME");
        @SuppressWarnings("unchecked") Map<String, Object> cause = (Map<String, Object>) grant.get("cause");
        assertThat((List<Object>) cause.get("ratingIds")).containsExactly(latest.toString(), filled.toString());

        // the latest year's rating is corrected upward: the reason for the fall back is gone, so the correction
        // restores the grant (it does not wait for a second strong year)
        UUID corrected = UUID.randomUUID();
        rating(school, corrected, yearsFromNow(-2), "EXCEEDS", Instant.now().toString());
        grant = grantOn(awaitGrants(school, g -> has(g, "TIME", "ACTIVE")), "TIME");
        @SuppressWarnings("unchecked") Map<String, Object> restored = (Map<String, Object>) grant.get("cause");
        assertThat(restored.get("kind")).isEqualTo("RATING_QUALIFIED");
        assertThat((List<Object>) restored.get("ratingIds")).containsExactly(corrected.toString());
        // ...the year before corrected too: already in force, nothing more happens
        UUID corrected2 = UUID.randomUUID();
        rating(school, corrected2, yearsFromNow(-3), "MEETS", Instant.now().toString());
        await().atMost(WAIT).untilAsserted(() -> given().auth().oauth2(TestTokens.oversight())
                .get("/api/autonomy/schools/{s}/ratings", school).then().statusCode(200)
                .body("ratingId", hasItem(corrected2.toString())));
        assertThat(history(grantId)).hasSize(4);

        // a correction downward within the run takes it back again (fall back needs both latest years below)
        awaitRead(rating(school, UUID.randomUUID(), yearsFromNow(-2), "DOES_NOT_MEET", Instant.now().plusSeconds(1).toString()));
        assertThat(grantOn(grants(school).getList("items"), "TIME").get("status")).isEqualTo("ACTIVE");
        rating(school, UUID.randomUUID(), yearsFromNow(-3), "APPROACHING", Instant.now().plusSeconds(1).toString());
        awaitGrants(school, g -> has(g, "TIME", "PENDING"));
        assertThat(history(grantId)).extracting(h -> h.get("action"))
                .containsExactly("CREATED_PENDING", "GRANTED", "FELL_BACK", "GRANTED", "FELL_BACK");
        await().atMost(WAIT).until(() -> published(REVOKED, school).size() == 2 && published(REINSTATED, school).size() == 1);
    }

    @Test
    void anAmendmentChangesTheFallBackRuleAndAManualActivationIsNotUndoneByAnOldYear() {
        UUID school = UUID.randomUUID();
        UUID contract = UUID.randomUUID();
        Map<String, Object> provision = earned("PROGRAM", "MEETS", 1, 3);
        activate(contract, school, List.of(provision));
        awaitGrants(school, g -> has(g, "PROGRAM", "PENDING"));
        rating(school, UUID.randomUUID(), yearsFromNow(-3), "MEETS", Instant.now().toString());
        UUID grantId = UUID.fromString((String) grantOn(awaitGrants(school, g -> has(g, "PROGRAM", "ACTIVE")), "PROGRAM").get("id"));
        UUID weak = UUID.randomUUID();
        rating(school, weak, yearsFromNow(-2), "APPROACHING", Instant.now().toString());
        // held before the amendment comes (ratings and contracts arrive on two topics: without this wait the amendment
        // could be applied first, and the rating, not the amendment, would make it fall back)
        await().atMost(WAIT).untilAsserted(() -> given().auth().oauth2(TestTokens.oversight())
                .get("/api/autonomy/schools/{s}/ratings", school).then().statusCode(200)
                .body("ratingId", hasItem(weak.toString())));

        // the amendment makes one weak year enough; the new rule applies at once to the ratings held (as the earning
        // rule does): the weak latest year takes it back, with the amendment's event as the cause
        Map<String, Object> amended = new java.util.LinkedHashMap<>(provision);
        amended.put("eligibility", Map.of("minimumTier", "MEETS", "consecutiveYears", 1, "fallBackAfterYears", 1));
        String amendment = amend(contract, school, 2, List.of(amended));
        Map<String, Object> fell = grantOn(awaitGrants(school, g -> has(g, "PROGRAM", "PENDING")), "PROGRAM");
        assertThat(((Map<?, ?>) fell.get("cause")).get("kind")).isEqualTo("RATING_FELL");
        assertThat(((Map<?, ?>) fell.get("cause")).get("eventId")).isEqualTo(amendment);
        assertThat((String) ((Map<?, ?>) fell.get("cause")).get("description")).startsWith(
                "Rated below MEETS for 1 consecutive school year(s): " + yearsFromNow(-2) + " APPROACHING (the criteria of version 2");
        assertThat(history(grantId)).extracting(h -> h.get("action"))
                .containsExactly("CREATED_PENDING", "GRANTED", "AMENDED", "FELL_BACK");
        assertThat(history(grantId).stream().filter(h -> "AMENDED".equals(h.get("action"))).findFirst().orElseThrow()
                .toString()).contains("falls back after 3 → 1 year(s) below MEETS");
        rating(school, UUID.randomUUID(), yearsFromNow(-1), "APPROACHING", Instant.now().toString());
        awaitGrants(school, g -> has(g, "PROGRAM", "PENDING"));

        // oversight activates it by hand; a late rating of an old year (outside the run) does not undo that
        given().auth().oauth2(TestTokens.oversight()).contentType(JSON).body(Map.of("reason", "Turnaround plan approved"))
                .post("/api/autonomy/grants/{id}/activate", grantId).then().statusCode(200).body("status", org.hamcrest.Matchers.equalTo("ACTIVE"));
        UUID old = UUID.randomUUID();
        rating(school, old, yearsFromNow(-8), "DOES_NOT_MEET", Instant.now().toString());
        await().atMost(WAIT).untilAsserted(() -> given().auth().oauth2(TestTokens.oversight())
                .get("/api/autonomy/schools/{s}/ratings", school).then().statusCode(200)
                .body("ratingId", hasItem(old.toString())));
        assertThat(grantOn(grants(school).getList("items"), "PROGRAM").get("status")).isEqualTo("ACTIVE");
        EventsProbe.Received manual = awaitPublished(REINSTATED, r -> r.data().path("grantId").asText().equals(grantId.toString()));
        assertThat(manual.data().path("cause").path("kind").asText()).isEqualTo("MANUAL");
        // the next weak year in the run does
        rating(school, UUID.randomUUID(), yearsFromNow(0), "APPROACHING", Instant.now().toString());
        awaitGrants(school, g -> has(g, "PROGRAM", "PENDING"));
    }

    @Test
    void aCorrectionThatRemovesTheReasonForAFallBackRestoresTheGrant() {
        UUID school = UUID.randomUUID();
        activate(UUID.randomUUID(), school, List.of(earned("MONEY", "MEETS", 2, 2)));
        awaitGrants(school, g -> has(g, "MONEY", "PENDING"));
        rating(school, UUID.randomUUID(), yearsFromNow(-4), "MEETS", Instant.now().minusSeconds(60).toString());
        rating(school, UUID.randomUUID(), yearsFromNow(-3), "MEETS", Instant.now().minusSeconds(60).toString());
        UUID grantId = UUID.fromString((String) grantOn(awaitGrants(school, g -> has(g, "MONEY", "ACTIVE")), "MONEY").get("id"));
        UUID weak = UUID.randomUUID();
        UUID wrong = UUID.randomUUID();
        rating(school, weak, yearsFromNow(-2), "APPROACHING", Instant.now().minusSeconds(60).toString());
        rating(school, wrong, yearsFromNow(-1), "APPROACHING", Instant.now().minusSeconds(60).toString());
        awaitGrants(school, g -> has(g, "MONEY", "PENDING"));
        await().atMost(WAIT).until(() -> published(REVOKED, school).size() == 1);

        // performance-service corrects the latest year (same school and year, published later): the fall-back rule
        // no longer holds, so the grant is in force again at once — not a year later
        UUID fixed = UUID.randomUUID();
        String correction = rating(school, fixed, yearsFromNow(-1), "MEETS", Instant.now().toString());
        Map<String, Object> grant = grantOn(awaitGrants(school, g -> has(g, "MONEY", "ACTIVE")), "MONEY");
        @SuppressWarnings("unchecked") Map<String, Object> cause = (Map<String, Object>) grant.get("cause");
        assertThat(cause.get("kind")).isEqualTo("RATING_QUALIFIED");
        assertThat(cause.get("eventId")).isEqualTo(correction);
        assertThat((List<Object>) cause.get("ratingIds")).containsExactly(fixed.toString());
        assertThat((String) cause.get("description")).startsWith("Rating " + fixed + " corrected " + yearsFromNow(-1)
                + " from APPROACHING to MEETS: no longer rated below MEETS for 2 consecutive school year(s)");
        assertThat(history(grantId)).extracting(h -> h.get("action"))
                .containsExactly("CREATED_PENDING", "GRANTED", "FELL_BACK", "GRANTED");

        JsonPath answer = check(school, "ALLOCATE_BUDGET");
        assertThat(answer.getString("decidedBy")).isEqualTo("SCHOOL");
        assertThat(answer.getString("basis.explanation")).contains("in force again since ")
                .contains("after a correction: rating " + fixed + " corrected " + yearsFromNow(-1)
                        + " from APPROACHING to MEETS");

        EventsProbe.Received reinstated = awaitPublished(REINSTATED,
                r -> r.data().path("grantId").asText().equals(grantId.toString()));
        JsonNode rc = reinstated.data().path("cause");
        assertThat(rc.path("kind").asText()).isEqualTo("RATING_QUALIFIED");
        assertThat(rc.path("eventId").asText()).isEqualTo(correction);
        assertThat(rc.path("ratingId").asText()).isEqualTo(fixed.toString());
        assertThat(rc.path("ratingIds").toString()).isEqualTo("[\"" + fixed + "\"]");
        assertThat(published(GRANTED, school)).hasSize(1);
        assertThat(EventContract.load().assertTopicConforms(AUTONOMY, "/autonomy")).containsKeys(REVOKED, REINSTATED);
    }

    @Test
    void theSameRatingPublishedAgainDoesNotUndoAManualActivation() {
        UUID school = UUID.randomUUID();
        activate(UUID.randomUUID(), school, List.of(earned("MONEY", "MEETS", 1, 2)));
        awaitGrants(school, g -> has(g, "MONEY", "PENDING"));
        rating(school, UUID.randomUUID(), yearsFromNow(-3), "MEETS", Instant.now().minusSeconds(60).toString());
        UUID grantId = UUID.fromString((String) grantOn(awaitGrants(school, g -> has(g, "MONEY", "ACTIVE")), "MONEY").get("id"));
        rating(school, UUID.randomUUID(), yearsFromNow(-2), "DOES_NOT_MEET", Instant.now().minusSeconds(60).toString());
        UUID latest = UUID.randomUUID();
        String publishedAt = Instant.now().minusSeconds(60).toString();
        rating(school, latest, yearsFromNow(-1), "APPROACHING", publishedAt);
        awaitGrants(school, g -> has(g, "MONEY", "PENDING"));

        given().auth().oauth2(TestTokens.oversight()).contentType(JSON).body(Map.of("reason", "Turnaround plan approved"))
                .post("/api/autonomy/grants/{id}/activate", grantId).then().statusCode(200)
                .body("status", org.hamcrest.Matchers.equalTo("ACTIVE"));

        // the same rating (same id, same tier) comes again under a new event id — an outbox replay, then a correction
        // of its percent only, published later: nothing changed for either rule
        awaitRead(rating(school, latest, yearsFromNow(-1), "APPROACHING", publishedAt));
        awaitRead(rating(school, latest, yearsFromNow(-1), "APPROACHING", Instant.now().toString()));
        assertThat(grantOn(grants(school).getList("items"), "MONEY").get("status")).isEqualTo("ACTIVE");
        assertThat(history(grantId)).extracting(h -> h.get("action"))
                .containsExactly("CREATED_PENDING", "GRANTED", "FELL_BACK", "GRANTED");
        assertThat(published(REVOKED, school)).hasSize(1);
    }

    @Test
    void aGrantFallsBackOnlyAfterItsFallBackYearsNotItsEarningYears() {
        UUID school = UUID.randomUUID();
        activate(UUID.randomUUID(), school, List.of(earned("MONEY", "MEETS", 1, 3)));
        awaitGrants(school, g -> has(g, "MONEY", "PENDING"));
        rating(school, UUID.randomUUID(), yearsFromNow(-4), "MEETS", Instant.now().toString());
        awaitGrants(school, g -> has(g, "MONEY", "ACTIVE"));

        // one and then two weak years: fewer than three, still the school's (one year earns it, three take it back)
        awaitRead(rating(school, UUID.randomUUID(), yearsFromNow(-3), "APPROACHING", Instant.now().toString()));
        assertThat(grantOn(grants(school).getList("items"), "MONEY").get("status")).isEqualTo("ACTIVE");
        awaitRead(rating(school, UUID.randomUUID(), yearsFromNow(-2), "DOES_NOT_MEET", Instant.now().toString()));
        assertThat(grantOn(grants(school).getList("items"), "MONEY").get("status")).isEqualTo("ACTIVE");
        assertThat(published(REVOKED, school)).isEmpty();

        // the third weak year in a row does
        rating(school, UUID.randomUUID(), yearsFromNow(-1), "APPROACHING", Instant.now().toString());
        awaitGrants(school, g -> has(g, "MONEY", "PENDING"));
    }
}
