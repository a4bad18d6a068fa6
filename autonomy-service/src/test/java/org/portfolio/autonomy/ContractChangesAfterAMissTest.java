package org.portfolio.autonomy;

import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.Test;
import org.portfolio.testing.EventsProbe;
import org.portfolio.testing.TestTokens;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.portfolio.autonomy.Fixtures.*;

/**
 * Hostile read of the twenty-sixth pass: a contract changed after one of its benchmarks was missed (renewed with another
 * model, its guard moved, its term moved) must not lift the revocation on the side, nor keep one for good, nor leave
 * the school deciding for a year its contract no longer covers.
 */
@QuarkusTest
class ContractChangesAfterAMissTest {

    private static List<Map<String, Object>> live(UUID school) {
        return grants(school).<Map<String, Object>>getList("items").stream()
                .filter(g -> !"ENDED".equals(g.get("status"))).toList();
    }

    /**
     * A school rated {@code tier} last year whose contract's FULL PEOPLE autonomy a miss of {@code benchmark} revoked.
     */
    private static void revokedFullPeople(UUID school, String name, String tier, UUID contract, UUID benchmark) {
        registerSchool(school, name);
        awaitRead(rating(school, UUID.randomUUID(), yearsFromNow(-1), tier, Instant.now().toString()));
        activate(contract, school, List.of(full("PEOPLE", "HIRE_TEACHERS")));
        awaitGrants(school, g -> has(g, "PEOPLE", "ACTIVE"));
        evaluate(school, contract, benchmark, "MISSED", 3, 9, true, "PEOPLE");
        awaitGrants(school, g -> has(g, "PEOPLE", "REVOKED"));
    }

    /** A school with FULL PEOPLE and MONEY autonomy, PEOPLE revoked by a miss of {@code benchmark} guarding it. */
    private static void peopleRevokedMoneyActive(UUID school, String name, UUID contract, UUID benchmark) {
        registerSchool(school, name);
        activate(contract, school, List.of(full("PEOPLE"), full("MONEY")));
        awaitGrants(school, g -> has(g, "PEOPLE", "ACTIVE") && has(g, "MONEY", "ACTIVE"));
        evaluate(school, contract, benchmark, "MISSED", 3, 7, true, "PEOPLE");
        awaitGrants(school, g -> has(g, "PEOPLE", "REVOKED"));
    }

    /** C3: the renewal's provision gives PEOPLE another model; the revocation stands, in the new shape. */
    @Test
    void aRenewalThatGivesARevokedDomainAnotherModelKeepsItRevoked() {
        UUID school = UUID.randomUUID();
        UUID first = UUID.randomUUID();
        UUID second = UUID.randomUUID();
        revokedFullPeople(school, "Renewed Revoked High", "MEETS", first, UUID.randomUUID());

        end(first, school, "RENEWED", second);
        awaitRead(activate(second, school, first, List.of(earned("PEOPLE", "MEETS", 1))));
        List<Map<String, Object>> after = live(school);
        assertThat(after).hasSize(1);
        Map<String, Object> people = after.get(0);
        assertThat(people).containsEntry("status", "REVOKED").containsEntry("model", "EARNED")
                .containsEntry("contractId", second.toString());
        assertThat(given().auth().oauth2(TestTokens.districtAdmin()).get("/api/autonomy/grants/{id}", people.get("id"))
                .then().statusCode(200).extract().<List<Object>>path("openMisses")).hasSize(1);
        assertThat(check(school, "HIRE_TEACHERS").getString("decidedBy")).isEqualTo("DISTRICT");
    }

    /**
     * The pass's own read, R4: revoked FULL autonomy renewed as EARNED whose criteria the ratings held do not meet
     * (EXCEEDS wanted, MEETS held): when the missed benchmark is met it is pending eligibility, not in force.
     */
    @Test
    void aRevokedGrantRenewedAsEarnedAutonomyItsRatingsHaveNotEarnedIsPendingWhenTheMissIsMet() {
        UUID school = UUID.randomUUID();
        UUID first = UUID.randomUUID();
        UUID second = UUID.randomUUID();
        UUID benchmark = UUID.randomUUID();
        revokedFullPeople(school, "Renewed Unearned High", "MEETS", first, benchmark);
        end(first, school, "RENEWED", second);
        awaitRead(activate(second, school, first, List.of(earned("PEOPLE", "EXCEEDS", 1))));
        assertThat(live(school)).singleElement().satisfies(g -> assertThat(g).containsEntry("status", "REVOKED")
                .containsEntry("model", "EARNED"));

        awaitRead(evaluate(school, first, benchmark, "MET", 3, 1, true, "PEOPLE"));
        assertThat(live(school)).singleElement().satisfies(g -> assertThat(g).containsEntry("status", "PENDING"));
        assertThat(check(school, "HIRE_TEACHERS").getString("decidedBy")).isEqualTo("DISTRICT");
    }

    /**
     * The pass's own read, R1: oversight reinstated the grant by hand despite the miss; an amendment that adds MONEY to
     * the benchmark's guard publishes the standing miss again (trigger AMENDMENT): MONEY is revoked, PEOPLE stays as
     * oversight left it.
     */
    @Test
    void aMissPublishedAgainByAnAmendmentRevokesOnlyWhatItNewlyGuards() {
        UUID school = UUID.randomUUID();
        UUID contract = UUID.randomUUID();
        UUID benchmark = UUID.randomUUID();
        peopleRevokedMoneyActive(school, "Reinstated By Hand Middle", contract, benchmark);
        given().auth().oauth2(TestTokens.districtAdmin()).contentType("application/json")
                .body(Map.of("reason", "Vacancies filled after the count; the board restores hiring"))
                .post("/api/autonomy/grants/{id}/reinstate", grantOn(live(school), "PEOPLE").get("id")).then().statusCode(200);

        Map<String, Object> again = evaluation(school, contract, benchmark, "MISSED", 3, 7, true, "PEOPLE", "MONEY");
        again.put("trigger", "AMENDMENT");
        awaitRead(EventsProbe.publish(CONTRACTS, "/contracts", BENCHMARK_EVALUATED, school.toString(), again));
        List<Map<String, Object>> after = live(school);
        assertThat(has(after, "PEOPLE", "ACTIVE")).as("as oversight left it: %s", after).isTrue();
        assertThat(has(after, "MONEY", "REVOKED")).as("newly guarded: %s", after).isTrue();
    }

    /** C3, the amendment's half: the provision sent again without its id and with another model. */
    @Test
    void anAmendmentThatSendsTheRevokedProvisionWithoutItsIdAndAnotherModelKeepsItRevoked() {
        UUID school = UUID.randomUUID();
        UUID contract = UUID.randomUUID();
        revokedFullPeople(school, "Amended Revoked Middle", "EXCEEDS", contract, UUID.randomUUID());

        awaitRead(amend(contract, school, 2, List.of(earned("PEOPLE", "MEETS", 1))));
        List<Map<String, Object>> after = live(school);
        assertThat(after).singleElement().satisfies(g -> assertThat(g).containsEntry("status", "REVOKED")
                .containsEntry("model", "EARNED"));
        assertThat(check(school, "HIRE_TEACHERS").getString("decidedBy")).isEqualTo("DISTRICT");
    }

    /**
     * C2: the benchmark was missed guarding PEOPLE, then amended to guard MONEY (contracts publishes its standing result
     * again, MONEY revoked); when it is met, both are reinstated: the MET names MONEY only, PEOPLE's open miss is its.
     */
    @Test
    void aMetAfterTheGuardMovedReinstatesWhatTheMissRevoked() {
        UUID school = UUID.randomUUID();
        UUID contract = UUID.randomUUID();
        UUID benchmark = UUID.randomUUID();
        peopleRevokedMoneyActive(school, "Guard Moved Middle", contract, benchmark);
        awaitRead(evaluate(school, contract, benchmark, "MISSED", 3, 7, true, "MONEY"));
        assertThat(has(live(school), "MONEY", "REVOKED")).isTrue();

        awaitRead(evaluate(school, contract, benchmark, "MET", 3, 1, true, "MONEY"));
        List<Map<String, Object>> after = live(school);
        assertThat(has(after, "PEOPLE", "ACTIVE")).as("PEOPLE reinstated: %s", after).isTrue();
        assertThat(has(after, "MONEY", "ACTIVE")).as("MONEY reinstated: %s", after).isTrue();
        UUID people = UUID.fromString((String) grantOn(after, "PEOPLE").get("id"));
        assertThat(history(people).stream().map(h -> h.get("action")).toList()).endsWith("REINSTATED");
    }

    /** C1: an amendment postponing the opening by a year moves the grant's first day with it. */
    @Test
    void anAmendmentThatMovesTheTermsStartMovesTheGrantsFirstDay() {
        UUID school = UUID.randomUUID();
        UUID contract = UUID.randomUUID();
        registerSchool(school, "Delayed Opening Academy");
        activate(contract, school, List.of(full("PEOPLE", "HIRE_TEACHERS")));
        awaitGrants(school, g -> has(g, "PEOPLE", "ACTIVE"));
        Map<String, Object> grant = grantOn(live(school), "PEOPLE");
        Map<String, Object> provision = full("PEOPLE", "HIRE_TEACHERS");
        provision.put("provisionId", grant.get("provisionId"));
        Map<String, Object> d = contract(contract, school, 2, null, List.of(provision));
        d.put("term", Map.of("startYear", yearsFromNow(1), "endYear", yearsFromNow(4)));
        d.put("previousVersion", 1);
        d.put("reason", "Opening postponed by a year");
        awaitRead(EventsProbe.publish(CONTRACTS, "/contracts", CONTRACT_AMENDED, school.toString(), d));

        String nextStart = LocalDate.of(Integer.parseInt(yearsFromNow(1).substring(0, 4)), 7, 1).toString();
        Map<String, Object> after = grantOn(live(school), "PEOPLE");
        assertThat(after).containsEntry("effectiveFrom", nextStart).containsEntry("id", grant.get("id"));
        assertThat(history(UUID.fromString((String) after.get("id"))).stream().map(h -> h.get("action")).toList())
                .endsWith("AMENDED");
        assertThat(check(school, "HIRE_TEACHERS").getString("decidedBy")).isEqualTo("DISTRICT");
    }
}
