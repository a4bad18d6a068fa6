package org.portfolio.contracts;

import io.agroal.api.AgroalDataSource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.Response;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;
import org.portfolio.testing.Races;

import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.function.BiFunction;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.portfolio.contracts.Fixtures.*;

/**
 * A draft discarded while it is activated or edited (twentieth pass, an outside check of races): the activation,
 * waiting for the school's lock, then read a contract that no longer existed and answered 500, as did an edit that
 * found no version. Now the three take the school's lock and read the draft again after it: the later one is told what
 * the earlier did — a 404 when the draft is gone, a 412 when it changed under the ETag the discard was sent with.
 * Each pair is sent while the school's row is locked, in both orders, so it meets every run.
 */
@QuarkusTest
class DraftRacesTest {

    @Inject
    AgroalDataSource dataSource;

    static final BiFunction<String, String, Response> ACTIVATE = (draft, tag) -> given().auth().oauth2(admin())
            .contentType(ContentType.JSON).body(Map.of("reason", "Board approval")).post("/api/contracts/" + draft + "/activation");

    static final BiFunction<String, String, Response> EDIT = (draft, tag) -> given().auth().oauth2(admin())
            .contentType(ContentType.JSON).header("If-Match", tag)
            .body(Map.of("term", Map.of("startYear", year(0), "endYear", year(2)),
                    "provisions", List.of(provision("PEOPLE", "FULL_WITH_EXPECTATIONS")), "benchmarks", List.of(vacancies())))
            .put("/api/contracts/" + draft);

    static final BiFunction<String, String, Response> DISCARD = (draft, tag) -> given().auth().oauth2(admin())
            .header("If-Match", tag).delete("/api/contracts/" + draft);

    @Test
    void aDraftActivatedThenDiscardedAtOnce() throws Exception {
        assertThat(race(ACTIVATE, DISCARD)).containsExactly(200, 412);
    }

    @Test
    void aDraftDiscardedThenActivatedAtOnce() throws Exception {
        assertThat(race(DISCARD, ACTIVATE)).containsExactly(204, 404);
    }

    @Test
    void aDraftEditedThenDiscardedAtOnce() throws Exception {
        assertThat(race(EDIT, DISCARD)).containsExactly(200, 412);
    }

    @Test
    void aDraftDiscardedThenEditedAtOnce() throws Exception {
        assertThat(race(DISCARD, EDIT)).containsExactly(204, 404);
    }

    /** The two requests' statuses, in the order sent, while the draft's school is locked; never a 500. */
    private List<Integer> race(BiFunction<String, String, Response> first, BiFunction<String, String, Response> second)
            throws Exception {
        String school = openSchool();
        String draft = draft(standardDraft(school));
        String tag = etag(draft);
        List<Callable<Response>> calls = List.of(() -> first.apply(draft, tag), () -> second.apply(draft, tag));
        List<Response> answers = Races.whileLocked(dataSource, "select 1 from school where id = ? for update",
                List.of(UUID.fromString(school)), calls);
        answers.forEach(a -> assertThat(a.statusCode()).as(a.asString()).isLessThan(500));
        return answers.stream().map(Response::statusCode).toList();
    }
}
