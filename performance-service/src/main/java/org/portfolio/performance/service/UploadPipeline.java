package org.portfolio.performance.service;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import org.jboss.logging.Logger;
import org.portfolio.performance.domain.IngestionJob;
import org.portfolio.performance.domain.IngestionKind;
import org.portfolio.performance.domain.JobPhase;
import org.portfolio.performance.domain.MergeCount;
import org.portfolio.performance.domain.RowError;
import org.portfolio.performance.domain.SchoolYearKey;
import org.portfolio.performance.domain.UploadFormat;
import org.portfolio.performance.repository.MetricDefinitionRepository;
import org.portfolio.performance.repository.MetricValueStore;
import org.portfolio.performance.repository.SchoolRepository;
import org.portfolio.performance.repository.StagingStore;
import org.portfolio.performance.repository.StagingTable;
import org.portfolio.performance.repository.StagingWriter;
import org.portfolio.performance.repository.StudentRecordStore;
import org.portfolio.performance.service.IngestionService.Uploader;
import org.portfolio.performance.service.ingest.MeteredInputStream;
import org.portfolio.performance.service.ingest.RowContext;
import org.portfolio.performance.service.ingest.RowErrors;
import org.portfolio.performance.service.ingest.RowKind;
import org.portfolio.performance.service.ingest.RowReaders;
import org.portfolio.performance.service.ingest.RowSink;

import java.sql.Connection;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

/**
 * The data path of one upload, inside its transaction: the body is parsed row by row as it arrives, each row
 * validated and written straight into a COPY into the session's staging table (memory independent of the upload's
 * size); then, under the advisory locks of the staged school-years, one set-based merge, the re-aggregation of what
 * changed with its events, and the job completed.
 */
@ApplicationScoped
@Transactional(Transactional.TxType.MANDATORY)
public class UploadPipeline {

    @jakarta.inject.Inject
    java.time.Clock clock;

    private static final Logger LOG = Logger.getLogger(UploadPipeline.class);

    @Inject
    PerformanceConfig config;

    @Inject
    StagingStore staging;

    @Inject
    StudentRecordStore students;

    @Inject
    MetricValueStore values;

    @Inject
    SchoolRepository schools;

    @Inject
    MetricDefinitionRepository metrics;

    @Inject
    RecomputeService recompute;

    @Inject
    UploadJobs jobs;

    /** The upload's job as its transaction will commit it, and the first row errors for the answer. */
    public record Finished(IngestionJob job, List<RowError> firstErrors) {
    }

    /** What the merge and the recomputation changed. */
    private record Merged(long inserted, long updated, long unchanged, long distinct, RecomputeService.Result result) {
    }

    public Finished run(UUID jobId, Uploader who, IngestionKind kindOfRows, UploadFormat format, MeteredInputStream in)
            throws Exception {
        RowKind kind = RowKind.of(kindOfRows);
        RowContext ctx = context(who);
        UploadJobs.Progress progress = jobs.progress(jobId, config.ingestion().progressInterval().toNanos());
        RowErrors errors = new RowErrors(config.ingestion().maxStoredErrors());
        long tStart = System.nanoTime();
        try (Connection c = staging.connection()) {
            staging.create(c, kind.staging(), config.ingestion().workMem());
            RowSink rows;
            try (StagingWriter out = staging.writer(c, kind.staging())) {
                rows = new RowSink(kind, ctx, out, errors, config.ingestion().abortAfterRejectedRows(),
                        (received, accepted, rejected) -> progress.maybe(received, accepted, rejected, in.count()));
                if (format == UploadFormat.JSON) {
                    RowReaders.readJson(in, kind.layout(), rows);
                } else {
                    RowReaders.readCsv(in, kind.layout(), rows);
                }
                in.drain();
                out.finish();
            }
            long tStaged = System.nanoTime();
            progress.phase(JobPhase.MERGING, rows.received(), rows.accepted(), rows.rejected(), in.count());
            long[] tMerged = {0};
            Merged m;
            try (AutoCloseable beating = progress.heartbeatEvery(config.ingestion().staleJobAfter().dividedBy(4))) {
                m = merge(c, kindOfRows, jobId, () -> {
                    tMerged[0] = System.nanoTime();
                    progress.phase(JobPhase.AGGREGATING, rows.received(), rows.accepted(), rows.rejected(), in.count());
                });
            }
            RecomputeService.Result r = m.result();
            IngestionJob job = jobs.complete(jobId, new UploadJobs.Totals(rows.received(), rows.accepted(),
                    rows.rejected(), m.inserted(), m.updated(), m.unchanged(), m.distinct(), in.count(),
                    r.schoolYears(), r.metricsChanged(), r.ratingsChanged()), errors);
            long tDone = System.nanoTime();
            LOG.infof("Upload job %s timings: read, validated and staged %d ms, merged %d ms, aggregated and rated %d ms",
                    jobId, (tStaged - tStart) / 1_000_000, (tMerged[0] - tStaged) / 1_000_000,
                    (tDone - tMerged[0]) / 1_000_000);
            return new Finished(job, errors.first(config.ingestion().responseErrors()));
        }
    }

    /** Merges the staged rows under the locks of their school-years and recomputes what changed. */
    private Merged merge(Connection c, IngestionKind kind, UUID jobId, Runnable aggregating) throws Exception {
        Instant now = clock.instant();
        switch (kind) {
            case ASSESSMENTS, ATTENDANCE -> {
                boolean assessments = kind == IngestionKind.ASSESSMENTS;
                List<SchoolYearKey> pairs = staging.stagedPairs(c, assessments ? StagingTable.ASSESSMENT
                        : StagingTable.ATTENDANCE);
                students.lock(c, pairs);
                List<MergeCount> merged = assessments ? students.mergeAssessments(c, pairs, jobId, now)
                        : students.mergeAttendance(c, pairs, jobId, now);
                long distinct = 0;
                long inserted = 0;
                long updated = 0;
                List<SchoolYearKey> changed = new ArrayList<>();
                for (MergeCount m : merged) {
                    distinct += m.distinct();
                    inserted += m.inserted();
                    updated += m.updated();
                    if (m.changed()) {
                        changed.add(m.key());
                    }
                }
                aggregating.run();
                RecomputeService.Result r = recompute.studentRecords(c, changed, assessments, !assessments, jobId);
                return new Merged(inserted, updated, distinct - inserted - updated, distinct, r);
            }
            case SCHOOL_METRICS -> {
                students.lock(c, staging.stagedPairs(c, StagingTable.SCHOOL_METRIC));
                List<MetricValueStore.StagedValue> staged = values.stagedSchoolMetrics(c);
                aggregating.run();
                RecomputeService.Result r = recompute.schoolValues(staged, jobId);
                return new Merged(r.metricsInserted(), r.metricsUpdated(), r.metricsUnchanged(), staged.size(), r);
            }
            default -> throw new IllegalStateException("unknown kind " + kind);
        }
    }

    /** What validating the rows needs: the schools known (by id and district code), the caller's scope, the metrics. */
    private RowContext context(Uploader who) {
        Set<UUID> known = new HashSet<>();
        Map<String, UUID> byCode = new HashMap<>();
        schools.directory().forEach((id, districtCode) -> {
            known.add(id);
            if (districtCode != null) {
                byCode.put(districtCode, id);
            }
        });
        Set<UUID> scope = who.schools();
        return new RowContext(known, byCode, id -> who.allSchools() || scope.contains(id), metrics.catalog());
    }
}
