package org.portfolio.autonomy;

import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.Test;
import org.portfolio.testing.EventsProbe;
import org.portfolio.testing.TestTokens;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.portfolio.autonomy.Fixtures.*;

/**
 * Issue 15.4: an integrity flag never revokes anything by itself. performance-service's IntegrityFlagRaised about a
 * school that holds full autonomy, followed on the same partition by a rating this service does read: once the
 * rating is in, the flag before it has been passed over, and the grants are exactly as they were.
 */
@QuarkusTest
class IntegrityFlagsRevokeNothingTest {

    @Test
    void anIntegrityFlagLeavesEveryGrantAsItWas() {
        UUID school = UUID.randomUUID();
        registerSchool(school, "Flagged Academy");
        activate(UUID.randomUUID(), school, List.of(full("PEOPLE", "HIRE_TEACHERS"), full("TIME")));
        awaitGrants(school, g -> has(g, "PEOPLE", "ACTIVE") && has(g, "TIME", "ACTIVE"));
        UUID people = UUID.fromString((String) grantOn(grants(school).getList("items"), "PEOPLE").get("id"));

        Map<String, Object> flag = new LinkedHashMap<>();
        flag.put("flagId", UUID.randomUUID().toString());
        flag.put("schoolId", school.toString());
        flag.put("schoolYear", currentYear());
        flag.put("rule", "ENROLLMENT_DROP");
        flag.put("scope", "");
        flag.put("evidence", Map.of("fallCount", 200, "leavers", 12, "leaversWithPriorResult", 12,
                "leaversLowPriorResult", 11, "stayersWithPriorResult", 180, "stayersLowPriorResult", 70));
        flag.put("raisedAt", Instant.now().toString());
        EventsProbe.publish(PERFORMANCE, "/performance", "portfolio.performance.IntegrityFlagRaised.v1", school.toString(), flag);
        UUID ratingId = UUID.randomUUID();
        rating(school, ratingId, currentYear(), "MEETS", Instant.now().toString());
        await().atMost(WAIT).untilAsserted(() -> given().auth().oauth2(TestTokens.districtAdmin())
                .get("/api/autonomy/schools/{s}/ratings", school).then().statusCode(200)
                .body(org.hamcrest.Matchers.containsString(ratingId.toString())));

        assertThat(has(grants(school).getList("items"), "PEOPLE", "ACTIVE")).isTrue();
        assertThat(has(grants(school).getList("items"), "TIME", "ACTIVE")).isTrue();
        assertThat(history(people)).extracting(h -> h.get("action")).containsExactly("GRANTED");
        assertThat(check(school, "HIRE_TEACHERS").getString("decidedBy")).isEqualTo("SCHOOL");
        assertThat(EventsProbe.readAll(AUTONOMY).stream().filter(e -> school.toString().equals(e.subject()))
                .map(EventsProbe.Received::type)).doesNotContain(REVOKED, ENDED);
    }
}
