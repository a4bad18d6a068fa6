package org.portfolio.enrollment;

import io.agroal.api.AgroalDataSource;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;
import org.portfolio.enrollment.service.PeriodService;
import org.portfolio.testing.Races;

import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.portfolio.enrollment.Fixtures.apply;
import static org.portfolio.enrollment.Fixtures.officer;

/**
 * A submission or withdrawal that arrives while the period is being closed: it waits for the close and is then
 * refused (409 period-not-open), so no application changes in a period whose window has closed and whose seed is
 * drawn (the close and the match see exactly the applications there were). Before the review of 2026-12-05 both read
 * the period without a lock and committed into the closed period.
 */
@QuarkusTest
class ConcurrentCloseTest {

    @Inject
    PeriodService periods;

    @Inject
    AgroalDataSource dataSource;

    @Test
    void aSubmissionAndAWithdrawalDuringTheCloseWaitForItAndAreRefused() throws Exception {
        UUID school = Fixtures.openSchool("EAST", "9");
        UUID period = Fixtures.period(3);
        UUID program = Fixtures.program(period, school, "9", 10, "ZONE", "GENERAL");
        Fixtures.action(period, "open").then().statusCode(200);
        UUID applied = new Fixtures.Kid("9", "EAST").create();
        apply(period, applied, program).then().statusCode(201);
        UUID late = new Fixtures.Kid("9", "EAST").create();

        CountDownLatch closing = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        ExecutorService pool = Executors.newFixedThreadPool(3);
        try {
            Future<?> close = pool.submit(() -> Races.inRequest(() -> QuarkusTransaction.requiringNew().run(() -> {
                periods.close(period);
                closing.countDown();
                Races.await(release);
            })));
            assertThat(closing.await(30, TimeUnit.SECONDS)).as("the close is under way").isTrue();
            Future<Response> submit = pool.submit(() -> apply(period, late, program));
            Future<Response> withdraw = pool.submit(() -> given().auth().oauth2(officer())
                    .delete("/api/enrollment/periods/" + period + "/applications/" + applied));
            // both wait for the close's lock (without the lock they would be answered at once, 200 and 204)
            long until = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
            while (Races.sessionsWaitingForALock(dataSource) < 2 && System.nanoTime() < until) {
                Thread.sleep(50);
            }
            assertThat(submit.isDone()).as("the submission waits for the close").isFalse();
            assertThat(withdraw.isDone()).as("the withdrawal waits for the close").isFalse();
            release.countDown();
            close.get(30, TimeUnit.SECONDS);
            Response submitted = submit.get(30, TimeUnit.SECONDS);
            Response withdrawn = withdraw.get(30, TimeUnit.SECONDS);
            assertThat(submitted.statusCode()).isEqualTo(409);
            assertThat(submitted.jsonPath().getString("type")).isEqualTo("urn:portfolio:problem:period-not-open");
            assertThat(withdrawn.statusCode()).isEqualTo(409);
            assertThat(withdrawn.jsonPath().getString("type")).isEqualTo("urn:portfolio:problem:period-not-open");
        } finally {
            release.countDown();
            pool.shutdownNow();
        }
        // the match sees the one application there was at the close
        Fixtures.action(period, "match").then().statusCode(200).body("applicants", org.hamcrest.Matchers.equalTo(1));
    }

    /** Third pass of 2026-12-05: adding or changing a program read the period without a lock and committed into the closed one. */
    @Test
    void aProgramAddedOrChangedDuringTheCloseWaitsForItAndIsRefused() throws Exception {
        UUID school = Fixtures.openSchool("EAST", "9");
        UUID period = Fixtures.period(3);
        UUID program = Fixtures.program(period, school, "9", 10, "ZONE", "GENERAL");
        Fixtures.action(period, "open").then().statusCode(200);
        String etag = given().auth().oauth2(officer()).get("/api/enrollment/periods/" + period + "/programs/" + program)
                .then().statusCode(200).extract().header("ETag");

        CountDownLatch closing = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        ExecutorService pool = Executors.newFixedThreadPool(3);
        try {
            Future<?> close = pool.submit(() -> Races.inRequest(() -> QuarkusTransaction.requiringNew().run(() -> {
                periods.close(period);
                closing.countDown();
                Races.await(release);
            })));
            assertThat(closing.await(30, TimeUnit.SECONDS)).as("the close is under way").isTrue();
            Future<Response> add = pool.submit(() -> given().auth().oauth2(officer()).contentType(io.restassured.http.ContentType.JSON)
                    .body(Fixtures.programBody(school, "9", "Late track", 5, java.util.List.of("GENERAL"), java.util.List.of(), java.util.List.of()))
                    .post("/api/enrollment/periods/" + period + "/programs"));
            Future<Response> change = pool.submit(() -> given().auth().oauth2(officer()).contentType(io.restassured.http.ContentType.JSON)
                    .header("If-Match", etag)
                    .body(Fixtures.programBody(school, "9", "Renamed", 50, java.util.List.of("GENERAL"), java.util.List.of(), java.util.List.of()))
                    .put("/api/enrollment/periods/" + period + "/programs/" + program));
            long until = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
            while (Races.sessionsWaitingForALock(dataSource) < 2 && System.nanoTime() < until) {
                Thread.sleep(50);
            }
            assertThat(add.isDone()).as("the new program waits for the close").isFalse();
            assertThat(change.isDone()).as("the change waits for the close").isFalse();
            release.countDown();
            close.get(30, TimeUnit.SECONDS);
            for (Response r : java.util.List.of(add.get(30, TimeUnit.SECONDS), change.get(30, TimeUnit.SECONDS))) {
                assertThat(r.statusCode()).isEqualTo(409);
                assertThat(r.jsonPath().getString("type")).isEqualTo("urn:portfolio:problem:programs-locked");
            }
        } finally {
            release.countDown();
            pool.shutdownNow();
        }
        given().auth().oauth2(officer()).get("/api/enrollment/periods/" + period + "/programs").then().statusCode(200)
                .body("size()", org.hamcrest.Matchers.equalTo(1)).body("[0].seats", org.hamcrest.Matchers.equalTo(10));
    }
}
