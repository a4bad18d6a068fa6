package org.portfolio.performance.rest;

import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.portfolio.performance.domain.IngestionJob;
import org.portfolio.performance.domain.IngestionKind;
import org.portfolio.performance.domain.JobPhase;
import org.portfolio.performance.domain.JobStatus;
import org.portfolio.performance.domain.RowError;
import org.portfolio.performance.domain.UploadFormat;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

@Schema(description = "An SIS upload job: progress while it runs, then what was received, kept, rejected and changed",
        requiredProperties = {"id", "kind", "format", "clientId", "status", "phase", "rowsReceived", "rowsAccepted",
                "rowsRejected", "rowsInserted", "rowsUpdated", "rowsUnchanged", "rowsDuplicate", "bytesReceived",
                "schoolsAffected", "metricResultsChanged", "ratingsChanged", "startedAt", "errors", "errorsStored",
                "errorsTotal", "errorsUrl"})
public record IngestionJobResponse(
        UUID id, IngestionKind kind, UploadFormat format, @Schema(description = "The client that uploaded") String clientId,
        JobStatus status, @Schema(description = "Where a running upload is; DONE once COMPLETED, a FAILED job keeps the phase it failed in")
        JobPhase phase,
        @Schema(description = "Rows read so far / in all") long rowsReceived,
        @Schema(description = "Rows that passed validation") long rowsAccepted,
        @Schema(description = "Rows rejected; see errors") long rowsRejected,
        @Schema(description = "New records (natural key not seen before)") long rowsInserted,
        @Schema(description = "Existing records whose values changed") long rowsUpdated,
        @Schema(description = "Records identical to what was stored (a re-post changes nothing)") long rowsUnchanged,
        @Schema(description = "Accepted rows repeating a natural key earlier in the same upload (the last one wins)") long rowsDuplicate,
        long bytesReceived,
        @Schema(description = "School-years whose data changed and were re-aggregated") int schoolsAffected,
        @Schema(description = "School metric values that changed (one MetricResultRecorded each)") int metricResultsChanged,
        @Schema(description = "Ratings that changed") int ratingsChanged,
        Instant startedAt, @Schema(description = "Absent while it runs") Instant finishedAt,
        @Schema(description = "Absent while it runs") Long durationMs,
        @Schema(description = "Why the job failed (absent unless FAILED)") String failure,
        @Schema(description = "The first row errors (all stored ones at errorsUrl; empty in a list of jobs)")
        List<RowErrorResponse> errors,
        @Schema(description = "Row errors stored for this job: the first ones, at most the configured number") int errorsStored,
        @Schema(description = "Row errors of the upload in all; more than errorsStored when only the first were kept") long errorsTotal,
        String errorsUrl) {

    static IngestionJobResponse of(IngestionJob j, List<RowError> errors) {
        Long duration = j.finishedAt == null ? null : Duration.between(j.startedAt, j.finishedAt).toMillis();
        return new IngestionJobResponse(j.id, j.kind, j.format, j.clientId, j.status, j.phase, j.rowsReceived,
                j.rowsAccepted, j.rowsRejected, j.rowsInserted, j.rowsUpdated, j.rowsUnchanged, j.rowsDuplicate,
                j.bytesReceived, j.schoolsAffected, j.metricResultsChanged, j.ratingsChanged, j.startedAt, j.finishedAt,
                duration, j.failure, errors.stream().map(RowErrorResponse::of).toList(), j.errorsStored, j.errorsTotal,
                "/api/performance/ingest/jobs/" + j.id + "/errors");
    }
}
