package org.portfolio.autonomy;

import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.Test;
import org.portfolio.testing.TestTokens;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.portfolio.autonomy.Fixtures.*;

/**
 * A revocation holds the domain its missed benchmark guards: a grant that comes into force on it while the miss
 * stands is revoked with it and reinstated by the same MET (hostile read of the twenty-sixth pass, C5 and R5).
 */
@QuarkusTest
class StandingMissesTest {

    private static List<Map<String, Object>> live(UUID school) {
        return grants(school).<Map<String, Object>>getList("items").stream()
                .filter(g -> !"ENDED".equals(g.get("status"))).toList();
    }

    private static List<Object> openMisses(Object grantId) {
        return given().auth().oauth2(TestTokens.districtAdmin()).get("/api/autonomy/grants/{id}", grantId)
                .then().statusCode(200).extract().path("openMisses");
    }

    /** C5: EARNED PEOPLE pending when its benchmark was missed, then earned by a rating: revoked, until the MET. */
    @Test
    void aPendingGrantEarnedWhileItsDomainsBenchmarkStandsMissedIsRevokedUntilTheMet() {
        UUID school = UUID.randomUUID();
        UUID contract = UUID.randomUUID();
        UUID benchmark = UUID.randomUUID();
        registerSchool(school, "Earned While Missed High");
        activate(contract, school, List.of(earned("PEOPLE", "MEETS", 1)));
        awaitGrants(school, g -> has(g, "PEOPLE", "PENDING"));
        awaitRead(evaluate(school, contract, benchmark, "MISSED", 3, 9, true, "PEOPLE"));

        awaitRead(rating(school, UUID.randomUUID(), yearsFromNow(-1), "MEETS", Instant.now().toString()));
        Map<String, Object> people = grantOn(live(school), "PEOPLE");
        assertThat(people).containsEntry("status", "REVOKED");
        assertThat(openMisses(people.get("id"))).hasSize(1);
        assertThat(check(school, "HIRE_TEACHERS").getString("decidedBy")).isEqualTo("DISTRICT");
        assertThat(check(school, "HIRE_TEACHERS").getString("basis.reason")).isEqualTo("REVOKED");
        UUID id = UUID.fromString((String) people.get("id"));
        assertThat(history(id).stream().map(h -> h.get("action")).toList()).endsWith("GRANTED", "REVOKED");

        awaitRead(evaluate(school, contract, benchmark, "MET", 3, 1, true, "PEOPLE"));
        assertThat(grantOn(live(school), "PEOPLE")).containsEntry("status", "ACTIVE");
        assertThat(check(school, "HIRE_TEACHERS").getString("decidedBy")).isEqualTo("SCHOOL");
    }

    /**
     * R5: FULL PEOPLE [hire, dismiss] revoked by a miss; an amendment splits it into two provisions. The first keeps
     * the revoked grant; the second, new, is revoked with it (it was granted, and the check answered SCHOOL for
     * dismissals while the miss stood). The MET reinstates both.
     */
    @Test
    void aSecondProvisionOnARevokedDomainIsRevokedWithItAndReinstatedByTheSameMet() {
        UUID school = UUID.randomUUID();
        UUID contract = UUID.randomUUID();
        UUID benchmark = UUID.randomUUID();
        registerSchool(school, "Split Provision Middle");
        Map<String, Object> both = full("PEOPLE", "HIRE_TEACHERS", "DISMISS_STAFF");
        activate(contract, school, List.of(both));
        awaitGrants(school, g -> has(g, "PEOPLE", "ACTIVE"));
        awaitRead(evaluate(school, contract, benchmark, "MISSED", 3, 9, true, "PEOPLE"));
        assertThat(has(live(school), "PEOPLE", "REVOKED")).isTrue();

        Map<String, Object> hire = full("PEOPLE", "HIRE_TEACHERS");
        hire.put("provisionId", both.get("provisionId"));
        awaitRead(amend(contract, school, 2, List.of(hire, full("PEOPLE", "DISMISS_STAFF"))));
        List<Map<String, Object>> after = live(school);
        assertThat(after).hasSize(2).allSatisfy(g -> assertThat(g).containsEntry("status", "REVOKED"));
        assertThat(after).allSatisfy(g -> assertThat(openMisses(g.get("id"))).hasSize(1));
        assertThat(check(school, "DISMISS_STAFF").getString("decidedBy")).isEqualTo("DISTRICT");

        awaitRead(evaluate(school, contract, benchmark, "MET", 3, 1, true, "PEOPLE"));
        assertThat(live(school)).hasSize(2).allSatisfy(g -> assertThat(g).containsEntry("status", "ACTIVE"));
        assertThat(check(school, "DISMISS_STAFF").getString("decidedBy")).isEqualTo("SCHOOL");
        assertThat(check(school, "HIRE_TEACHERS").getString("decidedBy")).isEqualTo("SCHOOL");
    }

    /**
     * The pass's own read, D5: oversight reinstated the grant by hand despite the miss; a new provision split from it
     * is not revoked by the miss oversight set aside.
     */
    @Test
    void aMissOversightSetAsideByReinstatingDoesNotHoldANewProvision() {
        UUID school = UUID.randomUUID();
        UUID contract = UUID.randomUUID();
        registerSchool(school, "Reinstated Then Split Middle");
        Map<String, Object> both = full("PEOPLE", "HIRE_TEACHERS", "DISMISS_STAFF");
        activate(contract, school, List.of(both));
        awaitGrants(school, g -> has(g, "PEOPLE", "ACTIVE"));
        awaitRead(evaluate(school, contract, UUID.randomUUID(), "MISSED", 3, 9, true, "PEOPLE"));
        given().auth().oauth2(TestTokens.districtAdmin()).contentType("application/json")
                .body(Map.of("reason", "The vacancies were filled after the count; the board restores staffing"))
                .post("/api/autonomy/grants/{id}/reinstate", grantOn(live(school), "PEOPLE").get("id")).then().statusCode(200);

        Map<String, Object> hire = full("PEOPLE", "HIRE_TEACHERS");
        hire.put("provisionId", both.get("provisionId"));
        awaitRead(amend(contract, school, 2, List.of(hire, full("PEOPLE", "DISMISS_STAFF"))));
        assertThat(live(school)).hasSize(2).allSatisfy(g -> assertThat(g).containsEntry("status", "ACTIVE"));
        assertThat(check(school, "DISMISS_STAFF").getString("decidedBy")).isEqualTo("SCHOOL");
    }
}
