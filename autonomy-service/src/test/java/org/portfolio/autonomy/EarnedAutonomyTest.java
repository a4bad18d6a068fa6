package org.portfolio.autonomy;

import com.fasterxml.jackson.databind.JsonNode;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import org.junit.jupiter.api.Test;
import org.portfolio.testing.EventsProbe;
import org.portfolio.testing.TestTokens;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.contains;
import static org.awaitility.Awaitility.await;
import static org.portfolio.autonomy.Fixtures.*;

/** Earned autonomy: PENDING until the school's published ratings qualify, then granted with those ratings. */
@QuarkusTest
class EarnedAutonomyTest {

    @Test
    void earnedAutonomyIsGrantedWhenTheRatingsQualifyAndNotBefore() {
        UUID school = UUID.randomUUID();
        activate(UUID.randomUUID(), school, List.of(earned("MONEY", "MEETS", 2)));
        List<Map<String, Object>> grants = awaitGrants(school, g -> has(g, "MONEY", "PENDING"));
        String grantId = (String) grantOn(grants, "MONEY").get("id");

        UUID older = UUID.randomUUID();
        UUID latest = UUID.randomUUID();
        awaitRead(rating(school, older, yearsFromNow(-2), "MEETS", Instant.now().minusSeconds(3600).toString()));
        // one qualifying year is not two; and a latest year below the tier does not qualify either
        awaitRead(rating(school, UUID.randomUUID(), yearsFromNow(-1), "APPROACHING", Instant.now().minusSeconds(1800).toString()));
        assertThat(grantOn(grants(school).getList("items"), "MONEY").get("status")).isEqualTo("PENDING");
        assertThat(check(school, "ALLOCATE_BUDGET").getString("basis.reason")).isEqualTo("PENDING_ELIGIBILITY");

        // the latest year's rating is corrected upward: now two consecutive years at MEETS or better
        String qualifying = rating(school, latest, yearsFromNow(-1), "EXCEEDS", Instant.now().toString());
        awaitGrants(school, g -> has(g, "MONEY", "ACTIVE"));

        JsonPath answer = check(school, "CHOOSE_VENDORS");
        assertThat(answer.getString("decidedBy")).isEqualTo("SCHOOL");
        assertThat(answer.getString("basis.model")).isEqualTo("EARNED");
        assertThat(answer.getString("basis.cause.kind")).isEqualTo("RATING_QUALIFIED");
        assertThat(answer.getString("basis.cause.eventId")).isEqualTo(qualifying);
        assertThat(answer.getList("basis.cause.ratingIds")).containsExactly(latest.toString(), older.toString());
        assertThat(answer.getString("basis.cause.description"))
                .contains(yearsFromNow(-1) + " EXCEEDS").contains(yearsFromNow(-2) + " MEETS");

        EventsProbe.Received granted = awaitPublished(GRANTED, r -> r.data().path("grantId").asText().equals(grantId));
        JsonNode cause = granted.data().path("cause");
        assertThat(cause.path("kind").asText()).isEqualTo("RATING_QUALIFIED");
        assertThat(cause.path("ratingId").asText()).isEqualTo(latest.toString());
        assertThat(cause.path("ratingIds").toString()).contains(latest.toString(), older.toString());
        assertThat(granted.data().path("model").asText()).isEqualTo("EARNED");
        assertThat(history(UUID.fromString(grantId))).extracting(h -> h.get("action"))
                .containsExactly("CREATED_PENDING", "GRANTED");
    }

    @Test
    void ratingsAlreadyHeldGrantEarnedAutonomyAtActivation() {
        UUID school = UUID.randomUUID();
        UUID a = UUID.randomUUID();
        UUID b = UUID.randomUUID();
        rating(school, a, yearsFromNow(-2), "EXCEEDS", Instant.now().minusSeconds(60).toString());
        rating(school, b, yearsFromNow(-1), "EXCEEDS", Instant.now().toString());
        // ratings and contracts come on different topics: activate only once both ratings are held
        await().atMost(WAIT).untilAsserted(() -> given().auth().oauth2(TestTokens.oversight())
                .get("/api/autonomy/schools/{s}/ratings", school).then().statusCode(200)
                .body("schoolYear", contains(yearsFromNow(-1), yearsFromNow(-2))));
        String activation = activate(UUID.randomUUID(), school, List.of(earned("PROGRAM", "EXCEEDS", 2)));
        List<Map<String, Object>> grants = awaitGrants(school, g -> has(g, "PROGRAM", "ACTIVE"));
        @SuppressWarnings("unchecked") Map<String, Object> cause = (Map<String, Object>) grantOn(grants, "PROGRAM").get("cause");
        assertThat(cause.get("kind")).isEqualTo("RATING_QUALIFIED");
        assertThat(cause.get("eventId")).isEqualTo(activation);
        assertThat((List<Object>) cause.get("ratingIds")).containsExactly(b.toString(), a.toString());
        List<Map<String, Object>> history = history(UUID.fromString((String) grantOn(grants, "PROGRAM").get("id")));
        assertThat(history).extracting(h -> h.get("action")).containsExactly("CREATED_PENDING", "GRANTED");
        assertThat(history.get(0).get("at")).isEqualTo(history.get(1).get("at"));
    }

    @Test
    void aGapYearBreaksTheConsecutiveRun() {
        UUID school = UUID.randomUUID();
        activate(UUID.randomUUID(), school, List.of(earned("TIME", "MEETS", 2)));
        awaitGrants(school, g -> has(g, "TIME", "PENDING"));
        awaitRead(rating(school, UUID.randomUUID(), yearsFromNow(-3), "EXCEEDS", Instant.now().toString()));
        awaitRead(rating(school, UUID.randomUUID(), yearsFromNow(-1), "EXCEEDS", Instant.now().toString()));
        assertThat(grantOn(grants(school).getList("items"), "TIME").get("status")).isEqualTo("PENDING");
        rating(school, UUID.randomUUID(), yearsFromNow(-2), "MEETS", Instant.now().toString());
        awaitGrants(school, g -> has(g, "TIME", "ACTIVE"));
    }
}
