package org.portfolio.enrollment;

import io.agroal.api.AgroalDataSource;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.Response;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;
import org.portfolio.enrollment.service.PeriodService;
import org.portfolio.testing.Races;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.portfolio.enrollment.Fixtures.apply;
import static org.portfolio.enrollment.Fixtures.officer;

/**
 * A submission or withdrawal that arrives while the period is being closed: it waits for the close (at most 5 s, a
 * close takes less; then 409 concurrent-modification) and is then refused (409 period-not-open), so no application changes in a period whose window has closed and whose seed is
 * drawn (the close and the match see exactly the applications there were). Before the review of 2026-12-05 both read
 * the period without a lock and committed into the closed period.
 */
@QuarkusTest
class ConcurrentCloseTest {

    @Inject
    PeriodService periods;

    @Inject
    AgroalDataSource dataSource;

    /**
     * Sends the requests while {@code period}'s close holds its lock, asserts that each waits for it (without the lock
     * they would be answered at once), lets the close commit, and gives each request's answer with the problem type
     * every one must carry.
     */
    private void duringTheClose(UUID period, String refusedAs, Map<String, Callable<Response>> requests) throws Exception {
        CountDownLatch closing = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        ExecutorService pool = Executors.newFixedThreadPool(requests.size() + 1);
        try {
            Future<?> close = pool.submit(() -> Races.inRequest(() -> QuarkusTransaction.requiringNew().run(() -> {
                periods.close(period);
                closing.countDown();
                Races.await(release);
            })));
            assertThat(closing.await(30, TimeUnit.SECONDS)).as("the close is under way").isTrue();
            Map<String, Future<Response>> sent = new LinkedHashMap<>();
            requests.forEach((what, request) -> sent.put(what, pool.submit(request)));
            long until = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
            while (Races.sessionsWaitingForALock(dataSource) < requests.size() && System.nanoTime() < until) {
                Thread.sleep(50);
            }
            sent.forEach((what, f) -> assertThat(f.isDone()).as(what + " waits for the close").isFalse());
            release.countDown();
            close.get(30, TimeUnit.SECONDS);
            for (Map.Entry<String, Future<Response>> e : sent.entrySet()) {
                Response r = e.getValue().get(30, TimeUnit.SECONDS);
                assertThat(r.statusCode()).as(e.getKey()).isEqualTo(409);
                assertThat(r.jsonPath().getString("type")).as(e.getKey()).isEqualTo("urn:portfolio:problem:" + refusedAs);
            }
        } finally {
            release.countDown();
            pool.shutdownNow();
        }
    }

    @Test
    void aSubmissionAndAWithdrawalDuringTheCloseWaitForItAndAreRefused() throws Exception {
        UUID school = Fixtures.openSchool("EAST", "9");
        UUID period = Fixtures.period(3);
        UUID program = Fixtures.program(period, school, "9", 10, "ZONE", "GENERAL");
        Fixtures.action(period, "open").then().statusCode(200);
        UUID applied = new Fixtures.Kid("9", "EAST").create();
        apply(period, applied, program).then().statusCode(201);
        UUID late = new Fixtures.Kid("9", "EAST").create();

        Map<String, Callable<Response>> requests = new LinkedHashMap<>();
        requests.put("the submission", () -> apply(period, late, program));
        requests.put("the withdrawal", () -> given().auth().oauth2(officer())
                .delete("/api/enrollment/periods/" + period + "/applications/" + applied));
        duringTheClose(period, "period-not-open", requests);
        // the match sees the one application there was at the close
        Fixtures.action(period, "match").then().statusCode(200).body("applicants", equalTo(1));
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

        Map<String, Callable<Response>> requests = new LinkedHashMap<>();
        requests.put("the new program", () -> given().auth().oauth2(officer()).contentType(ContentType.JSON)
                .body(Fixtures.programBody(school, "9", "Late track", 5, List.of("GENERAL"), List.of(), List.of()))
                .post("/api/enrollment/periods/" + period + "/programs"));
        requests.put("the change", () -> given().auth().oauth2(officer()).contentType(ContentType.JSON).header("If-Match", etag)
                .body(Fixtures.programBody(school, "9", "Renamed", 50, List.of("GENERAL"), List.of(), List.of()))
                .put("/api/enrollment/periods/" + period + "/programs/" + program));
        duringTheClose(period, "programs-locked", requests);
        given().auth().oauth2(officer()).get("/api/enrollment/periods/" + period + "/programs").then().statusCode(200)
                .body("size()", equalTo(1)).body("[0].seats", equalTo(10));
    }
}
