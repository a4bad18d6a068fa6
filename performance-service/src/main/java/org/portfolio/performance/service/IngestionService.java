package org.portfolio.performance.service;

import com.fasterxml.jackson.core.JsonProcessingException;
import io.quarkus.narayana.jta.QuarkusTransaction;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.jboss.logging.Logger;
import org.portfolio.performance.domain.IngestionJob;
import org.portfolio.performance.domain.IngestionKind;
import org.portfolio.performance.domain.JobPhase;
import org.portfolio.performance.domain.JobStatus;
import org.portfolio.performance.domain.MergeCount;
import org.portfolio.performance.domain.RowError;
import org.portfolio.performance.domain.School;
import org.portfolio.performance.domain.SchoolYearKey;
import org.portfolio.performance.domain.UploadFormat;
import org.portfolio.performance.repository.IdempotencyStore;
import org.portfolio.performance.repository.IngestionJobRepository;
import org.portfolio.performance.repository.JobErrorStore;
import org.portfolio.performance.repository.MetricDefinitionRepository;
import org.portfolio.performance.repository.MetricValueStore;
import org.portfolio.performance.repository.SchoolRepository;
import org.portfolio.performance.repository.StudentRecordStore;
import org.portfolio.performance.service.ingest.CopyBuffer;
import org.portfolio.performance.service.ingest.MalformedUploadException;
import org.portfolio.performance.service.ingest.MeteredInputStream;
import org.portfolio.performance.service.ingest.RowCallback;
import org.portfolio.performance.service.ingest.RowContext;
import org.portfolio.performance.service.ingest.RowKind;
import org.portfolio.performance.service.ingest.RowReaders;
import org.portfolio.performance.service.ingest.UploadTooLargeException;
import org.portfolio.platform.web.problem.ProblemException;
import org.portfolio.platform.web.problem.ProblemType;
import org.postgresql.PGConnection;
import org.postgresql.copy.CopyIn;

import java.io.IOException;
import java.io.InputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.regex.Pattern;

/**
 * SIS uploads, streamed end to end: the body is parsed row by row as it arrives (Jackson streaming JSON or CSV),
 * each row is validated and written straight into a PostgreSQL COPY into a session staging table — no per-row
 * objects, memory independent of the upload's size — then one set-based upsert on the natural key merges it,
 * the affected schools are re-aggregated set-based, and every real change publishes its event, all in one
 * transaction. Bad rows are reported (row, field, message) and the good ones kept. A job row shows progress to
 * other requests while the upload runs; an Idempotency-Key replays the first answer.
 */
@ApplicationScoped
public class IngestionService {

    private static final Logger LOG = Logger.getLogger(IngestionService.class);
    private static final Pattern KEY = Pattern.compile("[\\x21-\\x7e]{1,200}");

    public static final ProblemType KEY_IN_USE = ProblemType.custom("idempotency-key-in-use",
            "A request with this Idempotency-Key is still running", 409);
    public static final ProblemType KEY_REUSED = ProblemType.custom("idempotency-key-reused",
            "This Idempotency-Key was used for a different request", 422);

    @Inject
    PerformanceConfig config;

    @Inject
    StudentRecordStore students;

    @Inject
    MetricValueStore values;

    @Inject
    JobErrorStore errorStore;

    @Inject
    IdempotencyStore idempotency;

    @Inject
    IngestionJobRepository jobs;

    @Inject
    SchoolRepository schools;

    @Inject
    MetricDefinitionRepository metrics;

    @Inject
    RecomputeService recompute;

    /** Who uploads: the client id and the schools it may post for (all for a district-wide role). */
    public record Uploader(String clientId, boolean allSchools, Set<UUID> schools) {
    }

    public record Upload(IngestionKind kind, UploadFormat format, InputStream body, Long contentLength,
                         String contentType, String idempotencyKey, String path) {
    }

    /** The job of the upload, the first row errors, and whether this answer replays an earlier one. */
    public record Outcome(IngestionJob job, List<RowError> errors, boolean replayed) {
    }

    public Outcome ingest(Uploader who, Upload up) {
        long limit = config.ingestion().maxBodySize().asLongValue();
        if (up.contentLength() != null && up.contentLength() > limit) {
            throw tooLarge(limit);
        }
        String key = up.idempotencyKey();
        if (key != null && !KEY.matcher(key).matches()) {
            throw ProblemException.invalid("Idempotency-Key", "must be 1 to 200 visible ASCII characters");
        }
        MessageDigest digest = key == null ? null : sha256();
        MeteredInputStream in = new MeteredInputStream(up.body(), limit, digest);
        if (key != null) {
            Outcome replay = claimOrReplay(who, up, key, in, digest);
            if (replay != null) {
                return replay;
            }
        }
        IngestionJob job;
        try {
            job = QuarkusTransaction.requiringNew().call(() -> {
                IngestionJob j = IngestionJob.start(up.kind(), up.format(), who.clientId(), key);
                jobs.persist(j);
                return j;
            });
        } catch (RuntimeException e) {
            release(who, key);
            throw e;
        }
        UUID jobId = job.id;
        try {
            int timeout = (int) Math.max(1, config.ingestion().transactionTimeout().toSeconds());
            Finished finished = QuarkusTransaction.requiringNew().timeout(timeout)
                    .call(() -> run(jobId, who, up, in, digest));
            // the job as the upload's transaction committed it (every field is loaded; no second read)
            IngestionJob done = finished.job();
            List<RowError> first = finished.firstErrors();
            LOG.infof("Upload job %s (%s %s) by %s: %d rows, %d accepted, %d rejected, %d inserted, %d updated, "
                            + "%d metric results and %d ratings changed", jobId, up.kind(), up.format(), who.clientId(),
                    done.rowsReceived, done.rowsAccepted, done.rowsRejected, done.rowsInserted, done.rowsUpdated,
                    done.metricResultsChanged, done.ratingsChanged);
            return new Outcome(done, first, false);
        } catch (Throwable t) {
            Throwable cause = unwrap(t);
            failJob(jobId, cause, in.count());
            release(who, key);
            throw translate(cause, jobId, limit);
        }
    }

    /** The upload's job as committed, and the first row errors for the answer. */
    private record Finished(IngestionJob job, List<RowError> firstErrors) {
    }

    private Finished run(UUID jobId, Uploader who, Upload up, MeteredInputStream in, MessageDigest digest)
            throws Exception {
        RowKind kind = RowKind.of(up.kind());
        RowContext ctx = context(who);
        try (Connection c = students.connection()) {
            return run(jobId, who, up, in, digest, kind, ctx, c);
        }
    }

    private Finished run(UUID jobId, Uploader who, Upload up, MeteredInputStream in, MessageDigest digest,
                         RowKind kind, RowContext ctx, Connection c) throws Exception {
        long tStart = System.nanoTime();
        students.prepareSession(c, config.ingestion().workMem());
        students.execute(c, kind.stagingDdl());

        int maxStored = config.ingestion().maxStoredErrors();
        List<RowError> stored = new ArrayList<>();
        List<RowError> rowErrors = new ArrayList<>();
        long[] counts = new long[3]; // received, accepted, rejected
        Progress progress = new Progress(jobId, config.ingestion().progressInterval().toNanos());

        CopyIn copy = c.unwrap(PGConnection.class).getCopyAPI().copyIn(kind.copySql());
        CopyBuffer out = new CopyBuffer(copy);
        try {
            RowCallback sink = (row, v, structural) -> {
                counts[0]++;
                rowErrors.clear();
                boolean ok;
                if (v == null || !structural.isEmpty()) {
                    rowErrors.addAll(structural);
                    ok = false;
                } else {
                    ok = kind.accept(row, v, ctx, out, rowErrors);
                }
                if (ok) {
                    counts[1]++;
                } else {
                    counts[2]++;
                    for (RowError e : rowErrors) {
                        if (stored.size() < maxStored) {
                            stored.add(e);
                        }
                    }
                }
                if ((counts[0] & 1023) == 0) {
                    progress.maybe(counts, in.count());
                }
            };
            if (up.format() == UploadFormat.JSON) {
                RowReaders.readJson(in, kind.layout(), sink);
            } else {
                RowReaders.readCsv(in, kind.layout(), sink);
            }
            in.drain();
            out.flush();
            copy.endCopy();
        } finally {
            if (copy.isActive()) {
                copy.cancelCopy();
            }
        }
        long tStaged = System.nanoTime();
        progress.phase(JobPhase.MERGING, counts, in.count());
        errorStore.insert(jobId, stored);

        Instant now = Instant.now();
        long inserted = 0;
        long updated = 0;
        long unchanged = 0;
        long distinct = 0;
        RecomputeService.Result r;
        long tMerged;
        switch (up.kind()) {
            case ASSESSMENTS, ATTENDANCE -> {
                boolean assessments = up.kind() == IngestionKind.ASSESSMENTS;
                String table = assessments ? "stage_assessment" : "stage_attendance";
                List<SchoolYearKey> pairs = students.stagedPairs(c, table, true);
                students.lock(c, pairs);
                List<MergeCount> merged = assessments ? students.mergeAssessments(c, pairs, jobId, now)
                        : students.mergeAttendance(c, pairs, jobId, now);
                List<SchoolYearKey> changed = new ArrayList<>();
                for (MergeCount m : merged) {
                    distinct += m.distinct();
                    inserted += m.inserted();
                    updated += m.updated();
                    if (m.changed()) {
                        changed.add(m.key());
                    }
                }
                unchanged = distinct - inserted - updated;
                tMerged = System.nanoTime();
                progress.phase(JobPhase.AGGREGATING, counts, in.count());
                r = recompute.studentRecords(c, changed, assessments, !assessments, jobId);
            }
            case SCHOOL_METRICS -> {
                students.lock(c, students.stagedPairs(c, "stage_school_metric", false));
                List<MetricValueStore.StagedValue> staged = values.stagedSchoolMetrics(c);
                distinct = staged.size();
                tMerged = System.nanoTime();
                progress.phase(JobPhase.AGGREGATING, counts, in.count());
                r = recompute.schoolValues(staged, jobId);
                inserted = r.metricsInserted();
                updated = r.metricsUpdated();
                unchanged = r.metricsUnchanged();
            }
            default -> throw new IllegalStateException();
        }

        IngestionJob job = jobs.findById(jobId);
        job.status = JobStatus.COMPLETED;
        job.phase = JobPhase.DONE;
        job.rowsReceived = counts[0];
        job.rowsAccepted = counts[1];
        job.rowsRejected = counts[2];
        job.rowsInserted = inserted;
        job.rowsUpdated = updated;
        job.rowsUnchanged = unchanged;
        job.rowsDuplicate = counts[1] - distinct;
        job.bytesReceived = in.count();
        job.schoolsAffected = r.schoolYears();
        job.metricResultsChanged = r.metricsChanged();
        job.ratingsChanged = r.ratingsChanged();
        job.errorsStored = stored.size();
        job.finishedAt = Instant.now();
        job.heartbeatAt = job.finishedAt;
        if (up.idempotencyKey() != null) {
            idempotency.complete(who.clientId(), up.idempotencyKey(), HexFormat.of().formatHex(digest.digest()),
                    in.count(), 201, jobId);
        }
        long tDone = System.nanoTime();
        LOG.infof("Upload job %s timings: read, validated and staged %d ms, merged %d ms, aggregated and rated %d ms",
                jobId, (tStaged - tStart) / 1_000_000, (tMerged - tStaged) / 1_000_000, (tDone - tMerged) / 1_000_000);
        int n = Math.min(stored.size(), config.ingestion().responseErrors());
        return new Finished(job, List.copyOf(stored.subList(0, n)));
    }

    private RowContext context(Uploader who) {
        Set<UUID> known = new HashSet<>();
        Map<String, UUID> byCode = new HashMap<>();
        for (School s : schools.listAll()) {
            known.add(s.id);
            if (s.districtCode != null) {
                byCode.put(s.districtCode, s.id);
            }
        }
        Set<UUID> scope = who.schools();
        return new RowContext(known, byCode, id -> who.allSchools() || scope.contains(id), metrics.catalog());
    }

    /** @return the replayed outcome, or null when this request claimed the key and should run */
    private Outcome claimOrReplay(Uploader who, Upload up, String key, MeteredInputStream in, MessageDigest digest) {
        try {
            for (int attempt = 0; attempt < 3; attempt++) {
                if (idempotency.claim(who.clientId(), key, up.path(), up.contentType())) {
                    return null;
                }
                IdempotencyStore.Entry e = idempotency.find(who.clientId(), key).orElse(null);
                if (e == null) {
                    continue; // released in between: claim again
                }
                if (!e.completed()) {
                    throw new ProblemException(KEY_IN_USE, "The first request with Idempotency-Key " + key
                            + " is still running; retry when it has finished", List.of(), Map.of("Retry-After", "5"));
                }
                if (!e.path().equals(up.path()) || !sameType(e.contentType(), up.contentType())
                        || (up.contentLength() != null && e.bodyLength() != null && !e.bodyLength().equals(up.contentLength()))) {
                    throw reused(key);
                }
                try {
                    in.drain();
                } catch (UploadTooLargeException tl) {
                    throw reused(key);
                }
                if (!HexFormat.of().formatHex(digest.digest()).equals(e.bodySha256())) {
                    throw reused(key);
                }
                IngestionJob job = jobs.findById(e.jobId());
                List<RowError> errors = errorStore.page(e.jobId(), 0, config.ingestion().responseErrors());
                return new Outcome(job, errors, true);
            }
            throw new ProblemException(KEY_IN_USE, "Idempotency-Key " + key + " is contended; retry", List.of(),
                    Map.of("Retry-After", "1"));
        } catch (SQLException | IOException e) {
            throw new IllegalStateException("idempotency store failed", e);
        }
    }

    private static ProblemException reused(String key) {
        return new ProblemException(KEY_REUSED, "Idempotency-Key " + key
                + " was first used for a different request (path, content type or body); use a new key for new data");
    }

    private static boolean sameType(String a, String b) {
        String x = a == null ? "" : a.split(";")[0].trim().toLowerCase();
        String y = b == null ? "" : b.split(";")[0].trim().toLowerCase();
        return x.equals(y);
    }

    private void release(Uploader who, String key) {
        if (key == null) {
            return;
        }
        try {
            QuarkusTransaction.requiringNew().run(() -> {
                try {
                    idempotency.release(who.clientId(), key);
                } catch (SQLException e) {
                    throw new IllegalStateException(e);
                }
            });
        } catch (RuntimeException e) {
            LOG.warnf("Could not release Idempotency-Key of %s: %s (it expires with the retention)", who.clientId(), e);
        }
    }

    private void failJob(UUID jobId, Throwable cause, long bytes) {
        try {
            QuarkusTransaction.requiringNew().run(() -> {
                IngestionJob j = jobs.findById(jobId);
                if (j != null) {
                    j.status = JobStatus.FAILED;
                    j.failure = truncate(failureMessage(cause));
                    j.bytesReceived = bytes;
                    j.finishedAt = Instant.now();
                    j.heartbeatAt = j.finishedAt;
                }
            });
        } catch (RuntimeException e) {
            LOG.warnf("Could not mark job %s failed: %s", jobId, e);
        }
    }

    private static String failureMessage(Throwable t) {
        if (t instanceof ProblemException p) {
            return p.getMessage();
        }
        if (t instanceof MalformedUploadException || t instanceof UploadTooLargeException) {
            return t.getMessage();
        }
        if (t instanceof JsonProcessingException j) {
            return "Malformed body: " + withoutQuotedInput(j.getOriginalMessage());
        }
        return "Internal error (" + t.getClass().getSimpleName() + ")";
    }

    private RuntimeException translate(Throwable t, UUID jobId, long limit) {
        if (t instanceof ProblemException p) {
            return p;
        }
        if (t instanceof UploadTooLargeException) {
            return tooLarge(limit);
        }
        if (t instanceof MalformedUploadException m) {
            return new ProblemException(ProblemType.MALFORMED_BODY, m.getMessage() + " (job " + jobId + "; nothing was kept)");
        }
        if (t instanceof JsonProcessingException j) {
            String where = j.getLocation() == null ? "" : " at line " + j.getLocation().getLineNr() + ", column "
                    + j.getLocation().getColumnNr();
            return new ProblemException(ProblemType.MALFORMED_BODY, "The body cannot be parsed" + where + ": "
                    + truncate(withoutQuotedInput(j.getOriginalMessage())) + " (job " + jobId + "; nothing was kept)");
        }
        if (t instanceof IOException) {
            LOG.warnf("Upload job %s: reading the body failed: %s", jobId, t.toString());
            return new ProblemException(ProblemType.BAD_REQUEST, "The upload was interrupted before its end (job "
                    + jobId + "; nothing was kept)");
        }
        return t instanceof RuntimeException re ? re : new IllegalStateException(t);
    }

    /** A quoted piece of input in a parser's message; not the JSON literals it names as expected. */
    private static final Pattern QUOTED = Pattern.compile("'(?!(?:null|true|false)')[^']*'|\"[^\"]*\"");

    /**
     * A parser's message quotes the piece of the body it choked on ("Unrecognized token 'RV202-C2031-007'"), which
     * may be a student's id or worse: the job's stored failure and the answer keep the message, not the quote.
     */
    static String withoutQuotedInput(String message) {
        return message == null ? null : QUOTED.matcher(message).replaceAll("'…'");
    }

    private static ProblemException tooLarge(long limit) {
        return new ProblemException(ProblemType.PAYLOAD_TOO_LARGE, "Uploads are limited to " + limit
                + " bytes; split the data into several uploads", List.of(), Map.of("Connection", "close"));
    }

    private static Throwable unwrap(Throwable t) {
        for (Throwable x = t; x != null; x = x.getCause() == x ? null : x.getCause()) {
            if (x instanceof UploadTooLargeException) {
                return x; // wins over the parse error Jackson may wrap it in
            }
        }
        Throwable c = t;
        for (int i = 0; i < 10 && c != null; i++) {
            if (c instanceof ProblemException || c instanceof UploadTooLargeException
                    || c instanceof MalformedUploadException || c instanceof JsonProcessingException) {
                return c;
            }
            c = c.getCause();
        }
        c = t;
        while ((c instanceof io.quarkus.narayana.jta.QuarkusTransactionException
                || c.getClass().getName().endsWith("RollbackException")) && c.getCause() != null) {
            c = c.getCause();
        }
        return c;
    }

    private static String truncate(String s) {
        return s == null ? null : s.length() <= 900 ? s : s.substring(0, 900) + "…";
    }

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Writes the job's progress (in its own short transactions) so that other requests can follow it. */
    /**
     * Progress of a running upload, written to its job in short transactions of their own so that other requests see
     * it: the counts every interval, and each phase change once the upload has run for an interval. An upload that is
     * over sooner (most SIS syncs: a few rows) writes no progress at all; its job goes from RUNNING straight to its
     * final state in the upload's own transaction, which spares it two commits and a second connection.
     */
    private final class Progress {
        private final UUID jobId;
        private final long intervalNanos;
        private final long started = System.nanoTime();
        private long last = started;

        Progress(UUID jobId, long intervalNanos) {
            this.jobId = jobId;
            this.intervalNanos = intervalNanos;
        }

        void maybe(long[] counts, long bytes) {
            long now = System.nanoTime();
            if (now - last >= intervalNanos) {
                last = now;
                write(null, counts, bytes);
            }
        }

        void phase(JobPhase phase, long[] counts, long bytes) {
            if (System.nanoTime() - started >= intervalNanos) {
                last = System.nanoTime();
                write(phase, counts, bytes);
            }
        }

        private void write(JobPhase phase, long[] counts, long bytes) {
            QuarkusTransaction.requiringNew().run(() -> {
                if (phase == null) {
                    jobs.update("rowsReceived = ?1, rowsAccepted = ?2, rowsRejected = ?3, bytesReceived = ?4, "
                                    + "heartbeatAt = ?5 where id = ?6 and status = ?7", counts[0], counts[1], counts[2],
                            bytes, Instant.now(), jobId, JobStatus.RUNNING);
                } else {
                    jobs.update("rowsReceived = ?1, rowsAccepted = ?2, rowsRejected = ?3, bytesReceived = ?4, "
                                    + "heartbeatAt = ?5, phase = ?6 where id = ?7 and status = ?8", counts[0], counts[1],
                            counts[2], bytes, Instant.now(), phase, jobId, JobStatus.RUNNING);
                }
            });
        }
    }
}
