package org.portfolio.enrollment;

import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.Test;
import org.portfolio.testing.TestTokens;

import java.util.List;
import java.util.UUID;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.portfolio.enrollment.Fixtures.apply;
import static org.portfolio.enrollment.Fixtures.officer;

/**
 * Hostile read of the twenty-fifth pass, E2: one child entered under two references drew two lottery numbers and held
 * two seats, and nothing told the enrollment office before the match. The period's likely duplicates list them.
 */
@QuarkusTest
class LikelyDuplicatesTest {

    private static UUID kid(String first, String last, String born) {
        Fixtures.Kid k = new Fixtures.Kid("9", "EAST");
        k.body.put("firstName", first);
        k.body.put("lastName", last);
        k.body.put("birthDate", born);
        return k.create();
    }

    private static io.restassured.response.Response duplicates(UUID period, int page, int size) {
        return given().auth().oauth2(officer()).queryParam("page", page).queryParam("size", size)
                .get("/api/enrollment/periods/" + period + "/likely-duplicates");
    }

    @Test
    void oneChildEnteredTwiceIsListedAndTwinsAreNot() {
        Fixtures.OpenRound round = Fixtures.openRound();
        String last = "Dup" + UUID.randomUUID().toString().substring(0, 6);
        UUID first = kid("Zoë-Ann", last, "2012-02-29");
        UUID again = kid("zoe ann", last.toUpperCase(), "2012-02-29");
        UUID swapped = kid(last, "Zoe-Ann", "2012-02-29");
        UUID twin = kid("Lea", last, "2012-02-29");
        UUID notApplied = kid("Zoe-Ann", last, "2012-02-29");
        UUID withdrawn = kid("Zoe Ann", last, "2012-02-29");
        for (UUID k : List.of(first, again, swapped, twin, withdrawn)) {
            apply(round.period(), k, round.program()).then().statusCode(201);
        }
        given().auth().oauth2(officer()).delete("/api/enrollment/periods/" + round.period() + "/applications/" + withdrawn)
                .then().statusCode(204);

        var answer = duplicates(round.period(), 0, 10).then().statusCode(200).body("total", equalTo(1))
                .body("items[0].count", equalTo(3)).extract();
        List<String> listed = answer.path("items[0].applicants.applicantId");
        assertThat(listed).containsExactlyInAnyOrder(first.toString(), again.toString(), swapped.toString())
                .doesNotContain(twin.toString(), notApplied.toString(), withdrawn.toString());
        assertThat(answer.body().asString()).doesNotContain(last).doesNotContain("2012-02-29");
        List<String> refs = answer.path("items[0].applicants.externalRef");
        assertThat(refs).isSorted();

        duplicates(round.period(), 1, 10).then().statusCode(200).body("total", equalTo(1)).body("items.size()", equalTo(0));

        // a second group: groups come by their first applicant's reference, one page at a time
        String other = "Dup" + UUID.randomUUID().toString().substring(0, 6);
        for (UUID k : List.of(kid("Łukasz", other, "2012-03-01"), kid("LUKASZ", other, "2012-03-01"))) {
            apply(round.period(), k, round.program()).then().statusCode(201);
        }
        var both = duplicates(round.period(), 0, 10).then().statusCode(200).body("total", equalTo(2)).extract();
        String firstOfOne = both.path("items[0].applicants[0].externalRef");
        String firstOfTwo = both.path("items[1].applicants[0].externalRef");
        assertThat(firstOfOne).isLessThan(firstOfTwo);
        duplicates(round.period(), 1, 1).then().statusCode(200).body("total", equalTo(2))
                .body("items[0].applicants[0].externalRef", equalTo(firstOfTwo));
    }

    @Test
    void itIsTheEnrollmentOfficesAndAnUnknownPeriodIsA404() {
        UUID period = Fixtures.period(3); // a draft: nobody has applied
        given().auth().oauth2(TestTokens.schoolLeader(UUID.randomUUID()))
                .get("/api/enrollment/periods/" + period + "/likely-duplicates").then().statusCode(403);
        duplicates(UUID.randomUUID(), 0, 10).then().statusCode(404);
        duplicates(period, 0, 1001).then().statusCode(400).body("errors[0].field", equalTo("size"));
        duplicates(period, 0, 10).then().statusCode(200).body("total", equalTo(0));
    }
}
