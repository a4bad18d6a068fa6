package org.portfolio.contracts;

import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.Test;
import org.portfolio.testing.EventsProbe;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.portfolio.contracts.Fixtures.*;

/**
 * An EARNED provision's fall-back rule (issue 15, point 5): {@code eligibility.fallBackAfterYears} is stored, shown and
 * published with the provision; left out, the contract states the default (the same as {@code consecutiveYears}).
 */
@QuarkusTest
class EarnedFallBackRuleTest {

    static Map<String, Object> earned(Map<String, Object> eligibility) {
        Map<String, Object> p = new HashMap<>(provision("MONEY", "EARNED"));
        p.put("eligibility", eligibility);
        return p;
    }

    @Test
    void theFallBackRuleIsStoredShownAndPublishedWithTheProvision() {
        // left out: the contract states the default
        String school = openSchool();
        String byDefault = draft(standardDraft(school));
        given().auth().oauth2(admin()).get("/api/contracts/" + byDefault).then().statusCode(200)
                .body("provisions[1].eligibility.consecutiveYears", equalTo(2))
                .body("provisions[1].eligibility.fallBackAfterYears", equalTo(2));

        // set: kept through activation and on ContractActivated
        String other = openSchool();
        String id = draft(draftBody(other, year(0), year(2), List.of(provision("PEOPLE", "FULL_WITH_EXPECTATIONS"),
                earned(Map.of("minimumTier", "MEETS", "consecutiveYears", 2, "fallBackAfterYears", 1))),
                List.of(vacancies())));
        activate(id).statusCode(200).body("provisions[1].eligibility.fallBackAfterYears", equalTo(1));
        EventsProbe.Received activated = awaitEvent("ContractActivated", about("contractId", id));
        assertThat(activated.data().get("provisions").get(1).get("eligibility").toString())
                .isEqualTo("{\"minimumTier\":\"MEETS\",\"consecutiveYears\":2,\"fallBackAfterYears\":1}");
        assertThat(activated.data().get("provisions").get(0).path("eligibility").isMissingNode()).isTrue();
    }

    @Test
    void aFallBackRuleOutsideOneToTenOrOnAnotherModelIsRefused() {
        String school = openSchool();
        for (int years : new int[]{0, 11}) {
            postDraft(draftBody(school, year(0), year(2), List.of(
                    earned(Map.of("minimumTier", "MEETS", "consecutiveYears", 2, "fallBackAfterYears", years))),
                    List.of())).statusCode(400);
        }
        Map<String, Object> full = new HashMap<>(provision("PEOPLE", "FULL_WITH_EXPECTATIONS"));
        full.put("eligibility", Map.of("minimumTier", "MEETS", "consecutiveYears", 1, "fallBackAfterYears", 1));
        postDraft(draftBody(school, year(0), year(2), List.of(full), List.of(vacancies()))).statusCode(422)
                .body("errors.field", hasItem("provisions[0].eligibility"));
    }
}
