package org.portfolio.enrollment;

import io.agroal.api.AgroalDataSource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import java.util.UUID;
import java.util.concurrent.Callable;

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
        Fixtures.OpenRound round = Fixtures.openRound();
        UUID period = round.period();
        UUID program = round.program();
        UUID applying = round.applicant();
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
        Fixtures.OpenRound round = Fixtures.openRound();
        UUID period = round.period();
        UUID program = round.program();
        UUID applicant = round.applicant();
        action(period, "close").then().statusCode(200);
        assertRefusedAfterTheWait(period, "urn:portfolio:problem:period-not-open", () -> Fixtures.apply(period, applicant, program));
    }

    /** {@code request} sent while the period is locked as an import locks it, answered before the lock is let go. */
    private void assertRefusedAfterTheWait(UUID period, String type, Callable<Response> request) throws Exception {
        Fixtures.assertGivesUpAfterFiveSeconds(dataSource, "enrollment_period", period, type, request);
    }
}
