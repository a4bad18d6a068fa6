package org.portfolio.contracts;

import io.agroal.api.AgroalDataSource;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.Response;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;
import org.portfolio.contracts.repository.SchoolRepository;
import org.portfolio.testing.Races;

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
import static org.portfolio.contracts.Fixtures.*;

/**
 * A draft discarded while it is activated or edited (twentieth pass, an outside check of races): the activation,
 * waiting for the school's lock, then read a contract that no longer existed and answered 500, as did an edit that
 * found no version. Now the three take the school's lock and read the draft again after it: one wins, the other is
 * told why (404, 409, 412), never a 500.
 */
@QuarkusTest
class DraftRacesTest {

    @Inject
    AgroalDataSource dataSource;

    @Inject
    SchoolRepository schools;

    @Test
    void aDraftDiscardedWhileItIsActivatedIsNeverA500() throws Exception {
        race(draft -> given().auth().oauth2(admin()).contentType(ContentType.JSON).body(Map.of("reason", "Board approval"))
                .post("/api/contracts/" + draft + "/activation"));
    }

    @Test
    void aDraftDiscardedWhileItIsEditedIsNeverA500() throws Exception {
        race(draft -> given().auth().oauth2(admin()).contentType(ContentType.JSON).header("If-Match", etag(draft))
                .body(Map.of("term", Map.of("startYear", year(0), "endYear", year(2)),
                        "provisions", List.of(provision("PEOPLE", "FULL_WITH_EXPECTATIONS")), "benchmarks", List.of(vacancies())))
                .put("/api/contracts/" + draft));
    }

    /**
     * Holds the school's lock (as a status decision or an incoming value would), sends the change, which waits for it,
     * then the discard; releases the lock and reads both answers.
     */
    private void race(java.util.function.Function<String, Response> change) throws Exception {
        String school = openSchool();
        String draft = draft(standardDraft(school));
        String tag = etag(draft);
        CountDownLatch held = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        ExecutorService pool = Executors.newFixedThreadPool(3);
        try {
            Future<?> holding = pool.submit(() -> Races.inRequest(() -> QuarkusTransaction.requiringNew().run(() -> {
                schools.lock(UUID.fromString(school)).orElseThrow();
                held.countDown();
                Races.await(release);
            })));
            assertThat(held.await(30, TimeUnit.SECONDS)).as("the school's lock is held").isTrue();
            Future<Response> changing = pool.submit((Callable<Response>) () -> change.apply(draft));
            awaitWaiters(1, changing);
            Future<Response> discarding = pool.submit((Callable<Response>) () -> given().auth().oauth2(admin())
                    .header("If-Match", tag).delete("/api/contracts/" + draft));
            awaitWaiters(2, discarding);
            release.countDown();
            holding.get(30, TimeUnit.SECONDS);
            Response changed = changing.get(60, TimeUnit.SECONDS);
            Response discarded = discarding.get(60, TimeUnit.SECONDS);
            List<Integer> statuses = List.of(changed.statusCode(), discarded.statusCode());
            assertThat(statuses).as("the change's and the discard's answers: %s / %s", changed.asString(), discarded.asString())
                    .allMatch(s -> s < 500)
                    .filteredOn(s -> s >= 200 && s < 300).hasSize(1);
            assertThat(statuses).filteredOn(s -> s >= 400).allMatch(s -> s == 404 || s == 409 || s == 412);
        } finally {
            release.countDown();
            pool.shutdownNow();
        }
    }

    /** Until PostgreSQL shows that many sessions waiting for a lock, or the request is answered (at most 5 s). */
    private void awaitWaiters(int waiters, Future<?> request) throws Exception {
        long until = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
        while (!request.isDone() && System.nanoTime() < until && Races.sessionsWaitingForALock(dataSource) < waiters) {
            Thread.sleep(50);
        }
    }
}
