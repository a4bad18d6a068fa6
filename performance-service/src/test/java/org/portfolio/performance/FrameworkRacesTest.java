package org.portfolio.performance;

import io.agroal.api.AgroalDataSource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;
import org.portfolio.testing.Races;
import org.portfolio.testing.TestTokens;

import java.util.List;
import java.util.UUID;
import java.util.concurrent.Callable;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Frameworks changed at the same moment (twentieth pass, an outside check of races): of two publications sent with
 * the same ETag the loser was a 409 from the row's version where the document says 412; of two new versions of one
 * year made at once, both read the same highest number and the second was a 409 from the unique index.
 */
@QuarkusTest
class FrameworkRacesTest {

    @Inject
    AgroalDataSource dataSource;

    @Test
    void aDraftPublishedTwiceWithOneETagIsA200AndA412() throws Exception {
        Response created = FrameworkTest.create(FrameworkTest.defaultFor("2151-52"));
        created.then().statusCode(201);
        String id = created.path("id");
        String tag = created.header("ETag");
        Callable<Response> publish = () -> given().auth().oauth2(TestTokens.districtAdmin()).header("If-Match", tag)
                .post("/api/performance/frameworks/" + id + "/publish");
        List<Response> answers = Races.whileLocked(dataSource, "select 1 from framework where id = ? for update",
                List.of(UUID.fromString(id)), List.of(publish, publish));
        assertThat(answers.stream().map(Response::statusCode).toList()).as(answers.get(1).asString())
                .containsExactlyInAnyOrder(200, 412);
    }

    @Test
    void twoNewVersionsOfOneYearAtOnceAreNumberedOneAfterTheOther() throws Exception {
        Response created = FrameworkTest.create(FrameworkTest.defaultFor("2152-53"));
        created.then().statusCode(201);
        String id = created.path("id");
        Callable<Response> newVersion = () -> given().auth().oauth2(TestTokens.districtAdmin()).contentType("application/json")
                .body("{}").post("/api/performance/frameworks/" + id + "/new-version");
        // all five wait for the year's numbering lock, so they meet every run (an outside audit of the tests,
        // twenty-first pass: released by a latch alone, they could pass one after the other, and the old code with them)
        List<Response> answers = Races.whileLocked(dataSource, "select pg_advisory_xact_lock("
                        + org.portfolio.performance.repository.FrameworkRepository.VERSION_LOCK + ", hashtext(?))",
                List.of("2152-53"), java.util.Collections.nCopies(5, newVersion));
        assertThat(answers.stream().map(Response::statusCode).toList()).as(answers.get(4).asString()).containsOnly(201);
        assertThat(answers.stream().map(r -> r.<Integer>path("version")).toList()).containsExactlyInAnyOrder(2, 3, 4, 5, 6);
    }

    /**
     * Two drafts of one school year published at the same moment (the outside check run again): the loser was a 409
     * from the one-published-per-year index. Both are published now, one after the other, the later superseding the
     * earlier, as when sent one after the other.
     */
    @Test
    void twoDraftsOfOneYearPublishedAtOnceAreBothPublishedOneAfterTheOther() throws Exception {
        for (int round = 0; round < 3; round++) {
            String year = (2161 + round) + "-" + (62 + round);
            String first = FrameworkTest.create(FrameworkTest.defaultFor(year)).then().statusCode(201).extract().path("id");
            String second = given().auth().oauth2(TestTokens.districtAdmin()).contentType("application/json").body("{}")
                    .post("/api/performance/frameworks/" + first + "/new-version").then().statusCode(201).extract().path("id");
            // both wait for the year's publication lock, so they meet every run (an outside audit of the tests)
            List<Callable<Response>> publications = List.of(first, second).stream().<Callable<Response>>map(id -> () ->
                    given().auth().oauth2(TestTokens.districtAdmin()).post("/api/performance/frameworks/" + id + "/publish")).toList();
            for (Response r : Races.whileLocked(dataSource, "select pg_advisory_xact_lock("
                    + org.portfolio.performance.repository.FrameworkRepository.PUBLICATION_LOCK + ", hashtext(?))",
                    List.of(year), publications)) {
                assertThat(r.statusCode()).as("round %d: %s", round, r.asString()).isEqualTo(200);
            }
            List<String> states = List.of(first, second).stream().map(id -> given().get("/api/performance/frameworks/" + id)
                    .then().statusCode(200).extract().<String>path("status")).toList();
            assertThat(states).as("round %d", round).containsExactlyInAnyOrder("PUBLISHED", "SUPERSEDED");
        }
    }
}
