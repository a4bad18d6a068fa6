package org.portfolio.enrollment;

import io.agroal.api.AgroalDataSource;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.Response;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;
import org.portfolio.enrollment.service.ApplicationService;
import org.portfolio.testing.Races;

import java.util.HashMap;
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
import static org.portfolio.enrollment.Fixtures.action;
import static org.portfolio.enrollment.Fixtures.officer;

/**
 * An applicant's grade changed while an application of theirs was being written (twentieth pass, an outside check of
 * races): the application was checked against the old grade, the change against the applications committed before
 * it, and both succeeded — a grade-1 child held a Kindergarten choice, and after the match a Kindergarten seat (the
 * match does not check eligibility again). The application and the change lock the applicant FOR UPDATE: the
 * change waits, then sees the application and is refused (422 invalid-choices), as it is when the two come one after
 * the other.
 */
@QuarkusTest
class ApplicantChangeRaceTest {

    @Inject
    AgroalDataSource dataSource;

    @Inject
    ApplicationService applications;

    /**
     * An import holds its applicants until it commits, which may take minutes: an application (or an officer's
     * change) of one of them waits at most 5 s, then is a 409 {@code concurrent-modification} to retry, not a request
     * hanging behind the import (hostile review of the twentieth pass, M1).
     */
    @Test
    void anApplicationWaitsAtMostFiveSecondsForAnImportHoldingTheApplicant() throws Exception {
        Fixtures.OpenRound setup = Fixtures.openRound();
        UUID period = setup.period();
        UUID program = setup.program();
        UUID applicant = setup.applicant();
        Fixtures.assertGivesUpAfterFiveSeconds(dataSource, "applicant", applicant,
                "urn:portfolio:problem:concurrent-modification", () -> Fixtures.apply(period, applicant, program));
        Fixtures.apply(period, applicant, program).then().statusCode(201);
    }

    /**
     * One applicant created five times at once (a family's double submission, two officers): one 201, and every other
     * is told what the service's own check tells a repeat, {@code duplicate-applicant}; it was the generic
     * {@code conflict} of the unique key for those that passed the check before the first committed (twentieth pass,
     * the outside check run again).
     */
    @Test
    void oneApplicantCreatedFiveTimesAtOnceIsOne201AndFourDuplicates() throws Exception {
        for (int round = 0; round < 3; round++) {
            Map<String, Object> body = new Fixtures.Kid("9", "EAST").body;
            List<Response> answers = org.portfolio.testing.AtOnce.send(dataSource, "applicant", 5, () -> given().auth().oauth2(officer())
                    .contentType(ContentType.JSON).body(body).post("/api/enrollment/applicants"));
            org.portfolio.testing.AtOnce.assertOneCreatedAndTheRest(answers, "urn:portfolio:problem:duplicate-applicant", round);
        }
    }

    /** An application withdrawn twice at once (hostile review of the twentieth pass, L9): withdrawn, then not found. */
    @Test
    void anApplicationWithdrawnTwiceAtOnceIsA204AndA404() throws Exception {
        Fixtures.OpenRound setup = Fixtures.openRound();
        UUID period = setup.period();
        UUID program = setup.program();
        UUID applicant = setup.applicant();
        Callable<Response> withdraw = () -> given().auth().oauth2(officer())
                .delete("/api/enrollment/periods/" + period + "/applications/" + applicant);
        for (int round = 0; round < 5; round++) {
            // both wait for the applicant's lock, so they meet every run (an outside audit of the tests, twenty-first
            // pass: released by a barrier alone, they could pass one after the other, and the old code with them)
            Fixtures.apply(period, applicant, program).then().statusCode(201);
            List<Integer> statuses = Races.whileLocked(dataSource, "select 1 from applicant where id = ? for update",
                    List.<Object>of(applicant), List.of(withdraw, withdraw)).stream().map(Response::statusCode).toList();
            assertThat(statuses).as("round %d", round).containsExactlyInAnyOrder(204, 404);
        }
    }

    /**
     * A family's first application sent twice at once (a double click, a retry after a timeout): the second was a 409
     * from the unique key; now it is the change of the first it is, as when sent after it.
     */
    @Test
    void aFirstApplicationSentTwiceAtOnceIsCreatedThenChanged() throws Exception {
        Fixtures.OpenRound setup = Fixtures.openRound();
        UUID period = setup.period();
        UUID program = setup.program();
        UUID applicant = setup.applicant();
        Callable<Response> apply = () -> Fixtures.apply(period, applicant, program);
        List<Response> answers = Races.whileLocked(dataSource, "select 1 from applicant where id = ? for update",
                List.of(applicant), List.of(apply, apply));
        assertThat(answers.stream().map(Response::statusCode).toList()).as(answers.get(1).asString()).containsExactly(201, 200);
    }

    @Test
    void aGradeChangedWhileAnApplicationIsWrittenWaitsAndIsRefused() throws Exception {
        UUID school = Fixtures.openSchool("EAST", "K");
        UUID period = Fixtures.period(3);
        UUID kindergarten = Fixtures.program(period, school, "K", 5, "GENERAL");
        action(period, "open").then().statusCode(200);
        Fixtures.Kid kid = new Fixtures.Kid("K", "EAST");
        UUID applicant = kid.create();
        String tag = given().auth().oauth2(officer()).get("/api/enrollment/applicants/" + applicant).then().statusCode(200)
                .extract().header("ETag");
        Map<String, Object> firstGrade = new HashMap<>(kid.body);
        firstGrade.put("grade", "1");

        CountDownLatch written = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        ExecutorService pool = Executors.newFixedThreadPool(2);
        try {
            // the application, written and not committed yet
            Future<?> applying = pool.submit(() -> Races.inRequest(() -> QuarkusTransaction.requiringNew().run(() -> {
                applications.submit(period, applicant, null, List.of(kindergarten));
                written.countDown();
                Races.await(release);
            })));
            assertThat(written.await(30, TimeUnit.SECONDS)).as("the application is written").isTrue();
            Future<Response> changing = pool.submit((Callable<Response>) () -> given().auth().oauth2(officer())
                    .contentType(ContentType.JSON).header("If-Match", tag).body(firstGrade)
                    .put("/api/enrollment/applicants/" + applicant));
            long until = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
            while (!changing.isDone() && System.nanoTime() < until && Races.sessionsWaitingForALock(dataSource) == 0) {
                Thread.sleep(50);
            }
            assertThat(changing.isDone()).as("the change waits for the application (answered: %s)",
                    changing.isDone() ? changing.get().asString() : "").isFalse();
            release.countDown();
            applying.get(30, TimeUnit.SECONDS);
            Response changed = changing.get(30, TimeUnit.SECONDS);
            assertThat(changed.statusCode()).as(changed.asString()).isEqualTo(422);
            assertThat(changed.jsonPath().getString("type")).isEqualTo("urn:portfolio:problem:invalid-choices");
        } finally {
            release.countDown();
            pool.shutdownNow();
        }
        given().auth().oauth2(officer()).get("/api/enrollment/applicants/" + applicant).then().statusCode(200)
                .body("grade", org.hamcrest.Matchers.equalTo("K"));
    }
}
