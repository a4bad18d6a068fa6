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

    /**
     * Hostile read of the twenty-second pass (M2): an import took its period's lock before it read its body, so while an
     * officer's upload was still arriving (a slow link, or a client that stalls) every family's application in the
     * period waited 5 s and was refused. It reads and checks the whole body first: an application sent while the
     * import's body is half sent is taken at once, and the import, once its body is whole, is imported.
     */
    @Test
    void anImportWhoseBodyIsStillArrivingDoesNotHoldThePeriod() throws Exception {
        Fixtures.OpenRound round = Fixtures.openRound();
        UUID period = round.period();
        java.io.PipedOutputStream upload = new java.io.PipedOutputStream();
        java.io.PipedInputStream body = new java.io.PipedInputStream(upload, 1 << 20);
        var http = java.net.http.HttpClient.newHttpClient();
        var request = java.net.http.HttpRequest.newBuilder(java.net.URI.create(io.restassured.RestAssured.baseURI + ":"
                        + io.restassured.RestAssured.port + "/api/enrollment/periods/" + period + "/application-imports"))
                .header("Authorization", "Bearer " + officer()).header("Content-Type", "application/x-ndjson")
                .POST(java.net.http.HttpRequest.BodyPublishers.ofInputStream(() -> body)).build();
        var answer = http.sendAsync(request, java.net.http.HttpResponse.BodyHandlers.ofString());
        // more than the service's input buffer (blank lines are skipped), so that the import runs while the rest arrives
        upload.write("\n".repeat(256 * 1024).getBytes(java.nio.charset.StandardCharsets.US_ASCII));
        upload.flush();
        awaitImportReading();

        long t0 = System.nanoTime();
        Fixtures.apply(period, round.applicant(), round.program()).then().statusCode(201);
        assertThat((System.nanoTime() - t0) / 1_000_000).as("ms the application took, the import's body half sent").isLessThan(4_000);

        upload.write(ImportTest.line("SLOW-" + UUID.randomUUID().toString().substring(0, 8), "Lee", "9", "EAST", round.program())
                .getBytes(java.nio.charset.StandardCharsets.UTF_8));
        upload.close();
        var done = answer.get(60, java.util.concurrent.TimeUnit.SECONDS);
        assertThat(done.statusCode()).as(done.body()).isEqualTo(200);
        assertThat(done.body()).contains("\"applications\":1");
    }

    /**
     * Waits until the import's request is in the service: a session of its transaction, which has read its period (and,
     * before the fix, locked it), waits between statements while the body arrives.
     */
    private void awaitImportReading() throws Exception {
        long until = System.nanoTime() + java.util.concurrent.TimeUnit.SECONDS.toNanos(30);
        while (System.nanoTime() < until) {
            try (var c = dataSource.getConnection(); var st = c.prepareStatement("select count(*) from pg_stat_activity "
                    + "where datname = current_database() and state = 'idle in transaction'");
                 var rs = st.executeQuery()) {
                rs.next();
                if (rs.getInt(1) > 0) {
                    return;
                }
            }
            Thread.sleep(20);
        }
        throw new AssertionError("the import did not begin within 30 s");
    }

    /** {@code request} sent while the period is locked as an import locks it, answered before the lock is let go. */
    private void assertRefusedAfterTheWait(UUID period, String type, Callable<Response> request) throws Exception {
        Fixtures.assertGivesUpAfterFiveSeconds(dataSource, "enrollment_period", period, type, request);
    }
}
