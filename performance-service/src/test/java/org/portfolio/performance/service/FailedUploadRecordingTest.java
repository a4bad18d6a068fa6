package org.portfolio.performance.service;

import io.agroal.api.AgroalDataSource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;
import org.portfolio.testing.TestTokens;

import java.sql.Connection;
import java.sql.Statement;
import java.time.Duration;
import java.util.UUID;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;

/**
 * An SIS upload with an Idempotency-Key that failed because the database went away under it (an outside check of
 * database outages, twenty-first pass): it could neither mark its job FAILED nor release its key, and every retry —
 * as the 503's {@code Retry-After: 5} asks — was refused 409 "still running" for about 12 minutes, until housekeeping
 * took the job for dead, and a sweep later let the key go.
 */
@QuarkusTest
class FailedUploadRecordingTest {

    @Inject
    AgroalDataSource dataSource;

    @Inject
    Housekeeping housekeeping;

    private static Response upload(String key) {
        // a body that is not JSON: the upload fails after its job started and its key was claimed
        return given().auth().oauth2(TestTokens.districtAdmin()).header("Idempotency-Key", key)
                .contentType("application/json").body("[{\"studentId\": ").post("/api/performance/ingest/assessments");
    }

    private void sql(String... statements) throws Exception {
        try (Connection c = dataSource.getConnection(); Statement st = c.createStatement()) {
            for (String s : statements) {
                st.execute(s);
            }
        }
    }

    @Test
    void whatTheDatabaseWouldNotTakeIsRecordedOnceItDoesAndTheRetryGoesThroughWithinSeconds() throws Exception {
        String key = "away-" + UUID.randomUUID();
        // the database refuses the failed upload's two records, as one that went away would
        sql("create or replace function refuse_as_if_away() returns trigger language plpgsql as $$ begin "
                        + "raise exception 'the database is away'; end $$",
                "create trigger refuse_release before delete on idempotency_record for each row when (old.idempotency_key = '"
                        + key + "') execute function refuse_as_if_away()",
                "create trigger refuse_failed before update on ingestion_job for each row when (old.idempotency_key = '"
                        + key + "' and new.status = 'FAILED') execute function refuse_as_if_away()");
        try {
            upload(key).then().statusCode(400).body("type", equalTo("urn:portfolio:problem:malformed-body"));
            upload(key).then().statusCode(409).body("type", equalTo("urn:portfolio:problem:idempotency-key-in-use"));
        } finally {
            sql("drop trigger refuse_release on idempotency_record", "drop trigger refuse_failed on ingestion_job");
        }
        // back: within a few seconds the job is FAILED, the key free, and the retry is an upload of its own again
        await().atMost(Duration.ofSeconds(20)).pollInterval(Duration.ofMillis(500))
                .until(() -> upload(key).statusCode() == 400);
        given().auth().oauth2(TestTokens.districtAdmin()).queryParam("idempotencyKey", key).get("/api/performance/ingest/jobs")
                .then().statusCode(200).body("items.status", org.hamcrest.Matchers.everyItem(equalTo("FAILED")))
                .body("items.size()", org.hamcrest.Matchers.greaterThanOrEqualTo(2));
    }

    @Test
    void housekeepingReleasesTheKeyOfAJobItTakesForDeadInTheSameSweep() throws Exception {
        String key = "dead-" + UUID.randomUUID();
        upload(key).then().statusCode(400);
        // as a request whose process died under it leaves them: the job RUNNING without a heartbeat, the key claimed
        sql("update ingestion_job set status = 'RUNNING', failure = null, finished_at = null, "
                        + "heartbeat_at = now() - interval '11 minutes' where idempotency_key = '" + key + "'",
                "insert into idempotency_record (client_id, idempotency_key, request_path, status, created_at) select client_id, "
                        + "idempotency_key, '/api/performance/ingest/assessments', 'IN_PROGRESS', now() - interval '11 minutes' "
                        + "from ingestion_job where idempotency_key = '" + key + "'");
        upload(key).then().statusCode(409).body("type", equalTo("urn:portfolio:problem:idempotency-key-in-use"));

        housekeeping.run();

        upload(key).then().statusCode(400).body("type", equalTo("urn:portfolio:problem:malformed-body"));
    }
}
