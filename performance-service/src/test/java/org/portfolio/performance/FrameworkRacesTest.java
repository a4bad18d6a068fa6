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
        // released together (no lock to hold: the old code took none, and read the same highest number)
        java.util.concurrent.ExecutorService pool = java.util.concurrent.Executors.newFixedThreadPool(5);
        java.util.concurrent.CountDownLatch go = new java.util.concurrent.CountDownLatch(1);
        List<Response> answers = new java.util.ArrayList<>();
        try {
            List<java.util.concurrent.Future<Response>> sent = new java.util.ArrayList<>();
            for (int i = 0; i < 5; i++) {
                sent.add(pool.submit(() -> {
                    go.await();
                    return newVersion.call();
                }));
            }
            go.countDown();
            for (var f : sent) {
                answers.add(f.get(60, java.util.concurrent.TimeUnit.SECONDS));
            }
        } finally {
            pool.shutdownNow();
        }
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
            java.util.concurrent.ExecutorService pool = java.util.concurrent.Executors.newFixedThreadPool(2);
            java.util.concurrent.CyclicBarrier together = new java.util.concurrent.CyclicBarrier(2);
            try {
                List<java.util.concurrent.Future<Response>> sent = new java.util.ArrayList<>();
                for (String id : List.of(first, second)) {
                    sent.add(pool.submit(() -> {
                        together.await(10, java.util.concurrent.TimeUnit.SECONDS);
                        return given().auth().oauth2(TestTokens.districtAdmin())
                                .post("/api/performance/frameworks/" + id + "/publish");
                    }));
                }
                for (var f : sent) {
                    Response r = f.get(60, java.util.concurrent.TimeUnit.SECONDS);
                    assertThat(r.statusCode()).as("round %d: %s", round, r.asString()).isEqualTo(200);
                }
            } finally {
                pool.shutdownNow();
            }
            List<String> states = List.of(first, second).stream().map(id -> given().get("/api/performance/frameworks/" + id)
                    .then().statusCode(200).extract().<String>path("status")).toList();
            assertThat(states).as("round %d", round).containsExactlyInAnyOrder("PUBLISHED", "SUPERSEDED");
        }
    }
}
