package org.portfolio.performance;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;
import org.portfolio.performance.domain.IngestionJob;
import org.portfolio.performance.domain.IngestionKind;
import org.portfolio.performance.domain.JobStatus;
import org.portfolio.performance.domain.UploadFormat;
import org.portfolio.performance.repository.IngestionJobRepository;
import org.portfolio.performance.service.UploadJobs;
import org.portfolio.performance.service.ingest.RowErrors;

import java.time.Duration;
import java.time.Instant;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Third pass of 2026-12-05: an upload that waited more than 10 minutes for its school-years' locks wrote no heartbeat,
 * was marked FAILED by housekeeping (its Idempotency-Key released), and then ended COMPLETED still carrying the
 * failure. The merge now beats while it runs, and a job that completes drops a failure it was given meanwhile.
 */
@QuarkusTest
class UploadJobHeartbeatTest {

    @Inject
    UploadJobs jobs;

    @Inject
    IngestionJobRepository repository;

    private Instant heartbeat(UUID id) {
        return QuarkusTransaction.requiringNew().call(() -> repository.findById(id).heartbeatAt);
    }

    @Test
    void anUploadBeatsWhileItWaitsAndStopsWhenDone() throws Exception {
        UUID id = jobs.start(IngestionKind.ASSESSMENTS, UploadFormat.JSON, "heartbeat-test", null).id;
        Instant started = heartbeat(id);
        try (AutoCloseable beating = jobs.progress(id, Duration.ofHours(1).toNanos()).heartbeatEvery(Duration.ofMillis(100))) {
            Thread.sleep(600);
            assertThat(heartbeat(id)).as("beats while the merge waits").isAfter(started);
        }
        Thread.sleep(200); // a beat under way when it was closed
        Instant last = heartbeat(id);
        Thread.sleep(400);
        assertThat(heartbeat(id)).as("no beat once closed").isEqualTo(last);
    }

    @Test
    void aJobMarkedFailedWhileItRanCompletesWithoutTheFailure() throws Exception {
        UUID id = jobs.start(IngestionKind.ASSESSMENTS, UploadFormat.JSON, "heartbeat-test", null).id;
        QuarkusTransaction.requiringNew().run(() -> { // what housekeeping does to a job without a heartbeat
            IngestionJob j = repository.findById(id);
            j.status = JobStatus.FAILED;
            j.failure = "Interrupted: the upload stopped making progress (its service instance stopped)";
            j.finishedAt = Instant.now();
        });
        QuarkusTransaction.requiringNew().call(() -> jobs.complete(id, new UploadJobs.Totals(1, 1, 0, 1, 0, 0, 1, 10, 1, 0, 0),
                new RowErrors(10)));
        IngestionJob done = QuarkusTransaction.requiringNew().call(() -> repository.findById(id));
        assertThat(done.status).isEqualTo(JobStatus.COMPLETED);
        assertThat(done.failure).as("absent unless FAILED, as the OpenAPI says").isNull();
    }
}
