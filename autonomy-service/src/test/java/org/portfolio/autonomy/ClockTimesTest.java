package org.portfolio.autonomy;

import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.Test;
import org.portfolio.testing.EventsProbe;
import org.portfolio.testing.TestClock;
import org.portfolio.testing.TestTokens;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.portfolio.autonomy.Fixtures.*;

/**
 * Issue 15, review finding 6: the service keeps one clock. With the test clock moved (three days back), the times it
 * records (grant history, the grant's "since") and publishes (the events' data and CloudEvents {@code time}) are the
 * clock's, for event-driven changes (a contract activated, a benchmark missed) and manual ones (a reinstatement).
 */
@QuarkusTest
class ClockTimesTest {

    private static final Duration SLACK = Duration.ofMinutes(2);

    @Test
    void historyAndPublishedEventsCarryTheClocksTime() {
        Instant moved = Instant.now().minus(Duration.ofDays(3)).truncatedTo(ChronoUnit.SECONDS);
        TestClock.setNow(moved);
        try {
            UUID school = UUID.randomUUID();
            UUID contract = UUID.randomUUID();
            activate(contract, school, List.of(full("PEOPLE", "HIRE_TEACHERS")));
            UUID grantId = UUID.fromString((String) grantOn(awaitGrants(school, g -> has(g, "PEOPLE", "ACTIVE")),
                    "PEOPLE").get("id"));
            evaluate(school, contract, UUID.randomUUID(), "MISSED", 3, 7, true, "PEOPLE");
            awaitGrants(school, g -> has(g, "PEOPLE", "REVOKED"));
            given().auth().oauth2(TestTokens.oversight()).contentType(JSON).body(Map.of("reason", "Vacancies filled"))
                    .post("/api/autonomy/grants/{id}/reinstate", grantId).then().statusCode(200);

            List<Map<String, Object>> history = history(grantId);
            assertThat(history).extracting(h -> h.get("action")).containsExactly("GRANTED", "REVOKED", "REINSTATED");
            for (Map<String, Object> h : history) {
                assertOnTheClock("history " + h.get("action"), (String) h.get("at"), moved);
            }
            Map<String, Object> grant = given().auth().oauth2(TestTokens.districtAdmin())
                    .get("/api/autonomy/grants/{id}", grantId).then().statusCode(200).extract().jsonPath().getMap("$");
            assertThat(grant.get("status")).isEqualTo("ACTIVE");

            EventsProbe.Received granted = awaitPublished(GRANTED, r -> r.data().path("grantId").asText()
                    .equals(grantId.toString()));
            assertOnTheClock("AutonomyGranted time", granted.time(), moved);
            EventsProbe.Received revoked = awaitPublished(REVOKED, r -> r.data().path("grantId").asText()
                    .equals(grantId.toString()));
            assertOnTheClock("AutonomyRevoked revokedAt", revoked.data().path("revokedAt").asText(), moved);
            assertOnTheClock("AutonomyRevoked time", revoked.time(), moved);
            EventsProbe.Received reinstated = awaitPublished(REINSTATED, r -> r.data().path("grantId").asText()
                    .equals(grantId.toString()));
            assertOnTheClock("AutonomyReinstated reinstatedAt", reinstated.data().path("reinstatedAt").asText(), moved);
            assertOnTheClock("AutonomyReinstated time", reinstated.time(), moved);
            // the same instant is recorded and published (PostgreSQL rounds it to the microsecond)
            Instant published = Instant.parse(revoked.data().path("revokedAt").asText());
            assertThat(Instant.parse((String) history.get(1).get("at")))
                    .isBetween(published.minusNanos(1000), published.plusNanos(1000));
        } finally {
            TestClock.reset();
        }
    }

    private static void assertOnTheClock(String what, String time, Instant moved) {
        assertThat(time).as(what).isNotBlank();
        assertThat(Instant.parse(time)).as(what + " is the moved clock's time, not the system's")
                .isBetween(moved, moved.plus(SLACK));
    }
}
