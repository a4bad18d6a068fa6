package org.portfolio.enrollment;

import io.agroal.api.AgroalDataSource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.portfolio.enrollment.Fixtures.action;
import static org.portfolio.enrollment.Fixtures.officer;

/**
 * An import, a close or a match holds its period FOR UPDATE until it commits, which may take seconds to minutes: a
 * family's application or withdrawal in that period waited behind it without a limit (twentieth pass, N2: 13.6 s
 * behind a period held in the database). It waits at most 5 s, then is a 409 {@code concurrent-modification} to retry.
 */
@QuarkusTest
class PeriodLockWaitTest {

    @Inject
    AgroalDataSource dataSource;

    @Test
    void anApplicationAndAWithdrawalWaitAtMostFiveSecondsForAPeriodHeldByAnImport() throws Exception {
        UUID school = Fixtures.openSchool("EAST", "9");
        UUID period = Fixtures.period(3);
        UUID program = Fixtures.program(period, school, "9", 5, "GENERAL");
        action(period, "open").then().statusCode(200);
        UUID applying = new Fixtures.Kid("9", "EAST").create();
        UUID withdrawing = new Fixtures.Kid("9", "EAST").create();
        Fixtures.apply(period, withdrawing, program).then().statusCode(201);

        String retry = "urn:portfolio:problem:concurrent-modification";
        assertRefusedAfterTheWait(period, retry, () -> Fixtures.apply(period, applying, program));
        assertRefusedAfterTheWait(period, retry, () -> given().auth().oauth2(officer())
                .delete("/api/enrollment/periods/" + period + "/applications/" + withdrawing));

        Fixtures.apply(period, applying, program).then().statusCode(201);
        given().auth().oauth2(officer()).delete("/api/enrollment/periods/" + period + "/applications/" + withdrawing)
                .then().statusCode(204);
    }

    /**
     * A match holds its period, CLOSED, for as long as it runs: an application that waited for it was told to send
     * again, and could then only be refused; it is told that the period does not take applications (hostile read of
     * the twenty-first pass, L5).
     */
    @Test
    void anApplicationWaitingForAMatchIsToldThePeriodIsNotOpen() throws Exception {
        UUID school = Fixtures.openSchool("EAST", "9");
        UUID period = Fixtures.period(3);
        UUID program = Fixtures.program(period, school, "9", 5, "GENERAL");
        action(period, "open").then().statusCode(200);
        UUID applicant = new Fixtures.Kid("9", "EAST").create();
        action(period, "close").then().statusCode(200);
        assertRefusedAfterTheWait(period, "urn:portfolio:problem:period-not-open", () -> Fixtures.apply(period, applicant, program));
    }

    /** {@code request} sent while the period is locked as an import locks it, answered before the lock is let go. */
    private void assertRefusedAfterTheWait(UUID period, String type, Callable<Response> request) throws Exception {
        ExecutorService pool = Executors.newSingleThreadExecutor();
        try (Connection held = dataSource.getConnection()) {
            held.setAutoCommit(false);
            try (PreparedStatement ps = held.prepareStatement("select 1 from enrollment_period where id = ? for update")) {
                ps.setObject(1, period);
                ps.execute();
            }
            long start = System.nanoTime();
            Future<Response> sent = pool.submit(request);
            Response r;
            try {
                r = sent.get(30, TimeUnit.SECONDS);
            } finally {
                held.rollback();
            }
            long waited = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);
            assertThat(r.statusCode()).as(r.asString()).isEqualTo(409);
            assertThat(r.jsonPath().getString("type")).isEqualTo(type);
            assertThat(waited).as("ms waited (at most 5 s, then the answer)").isBetween(4_500L, 12_000L);
        } finally {
            pool.shutdownNow();
        }
    }
}
