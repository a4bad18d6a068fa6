package org.portfolio.edfi.service;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import org.jboss.logging.Logger;
import org.jboss.logging.MDC;
import org.portfolio.edfi.domain.AssessmentKey;
import org.portfolio.edfi.domain.StudentYear;
import org.portfolio.edfi.repository.PendingStore;
import org.portfolio.edfi.repository.SentStore;
import org.portfolio.platform.web.correlation.RequestCorrelation;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;

/**
 * The derivation queue (decision 0009). A write enqueues the records it changes in its own transaction
 * ({@link #enqueue}) and is answered at once; a background deriver drains the queue: it claims due rows (oldest first,
 * {@code FOR UPDATE SKIP LOCKED}), takes each record's advisory lock (a record another instance is sending waits for
 * it: no two instances send one record at once, so a student's records reach performance-service in commit order), adds
 * every other queued row of the same records (they coalesce: one derivation, one row in one upload), derives from what
 * is committed now and sends with edfi-service's own token ({@link ServiceToken}) — only the record of the key's school,
 * the school the queuing write was authorised for (an assessment record's key carries the school its results were
 * written for), at most {@link #MAX_ROWS_PER_UPLOAD} rows per upload so that performance-service lists every rejection.
 * Rows are deleted in the transaction
 * that saw performance-service take the records; when it cannot (down, 5xx, 401/403 of the service's client) they stay
 * and are retried with a doubling delay; a record it rejects is reported ({@code GET /edfi/derivations/problems}) and
 * its rows dropped (a new write queues it again). Nothing of a record (student ids) is logged.
 */
@ApplicationScoped
public class Derivations {

    private static final Logger LOG = Logger.getLogger(Derivations.class);

    public static final String ATTENDANCE = "ATTENDANCE";
    public static final String ASSESSMENT = "ASSESSMENT";

    /** What a pass did: queue rows settled (sent, or dropped as rejected) and postponed. */
    public record Pass(int settled, int postponed, int records) {
    }

    @Inject
    PendingStore pending;

    @Inject
    DerivationReader reader;

    @Inject
    PerformanceClient performance;

    @Inject
    ServiceToken serviceToken;

    @Inject
    EdFiConfig config;

    @Inject
    ObjectMapper mapper;

    private final ReentrantLock lock = new ReentrantLock();
    private final Condition woken = lock.newCondition();
    private boolean wakeUp;
    private volatile boolean running;
    private volatile Instant lastPassAt;
    private Thread worker;

    void start(@Observes StartupEvent e) {
        if (!config.deriver().enabled()) {
            return;
        }
        running = true;
        worker = new Thread(this::loop, "edfi-deriver");
        worker.setDaemon(true);
        worker.start();
    }

    void stop(@Observes ShutdownEvent e) {
        running = false;
        if (worker != null) {
            worker.interrupt();
        }
    }

    /** Queues these records for derivation, in the caller's (the write's) transaction. */
    public void enqueue(Affected keys, String clientId) {
        pending.enqueue(ATTENDANCE, keys.attendance().stream().map(this::key).toList(),
                keys.attendance().stream().map(StudentYear::schoolId).toList(), clientId);
        pending.enqueue(ASSESSMENT, keys.assessments().stream().map(this::key).toList(),
                keys.assessments().stream().map(AssessmentKey::schoolId).toList(), clientId);
    }

    /** After a write committed: the deriver of this instance looks at the queue (others find it when they poll). */
    public void wake() {
        lock.lock();
        try {
            wakeUp = true;
            woken.signal();
        } finally {
            lock.unlock();
        }
    }

    /** When the last pass ended (null before the first). */
    public Instant lastPassAt() {
        return lastPassAt;
    }

    private void loop() {
        Duration failureDelay = config.deriver().retryMin();
        while (running) {
            try {
                long t0 = System.nanoTime();
                Pass p = drainOnce();
                failureDelay = config.deriver().retryMin();
                if (p.settled() + p.postponed() == 0) {
                    if (await(config.deriver().pollInterval())) {
                        // woken by a write: let the burst gather
                        sleep(config.deriver().gatherDelay());
                    }
                } else {
                    // under a steady stream of writes, pause as long as the pass took (at least the gather delay): the
                    // deriver takes at most about half of a core from the writes, and more writes coalesce per record
                    Duration took = Duration.ofNanos(System.nanoTime() - t0);
                    sleep(took.compareTo(config.deriver().gatherDelay()) > 0 ? took : config.deriver().gatherDelay());
                }
            } catch (RuntimeException e) {
                // a database outage (a record's own failure is handled by drainOnce): the rows stay queued; never a student id in the log
                LOG.warnf("the Ed-Fi deriver's pass failed (%s); the queue is kept and retried in %s", e.getClass().getSimpleName(), failureDelay);
                sleep(failureDelay);
                failureDelay = min(failureDelay.multipliedBy(2), config.deriver().retryMax());
            }
        }
    }

    /** Waits for a wake-up or the poll interval; true when woken. */
    private boolean await(Duration d) {
        lock.lock();
        try {
            if (!wakeUp) {
                woken.await(d.toMillis(), TimeUnit.MILLISECONDS);
            }
            boolean w = wakeUp;
            wakeUp = false;
            return w;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            running = false;
            return false;
        } finally {
            lock.unlock();
        }
    }

    private void sleep(Duration d) {
        try {
            Thread.sleep(d.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            running = false;
        }
    }

    /**
     * One pass over the queue, in its own transaction (public: tests drive passes from several threads at once). When the
     * pass fails unexpectedly (a bug, a stored document the derivation cannot read — anything but the known transient
     * cases, which postpone rows without failing the pass, and a database outage, which is thrown to the loop's backoff),
     * its records are derived again one at a time, each in its own transaction, so the healthy ones go through; a record
     * that fails alone counts a failure and waits (doubling delay); after {@code max-attempts} failures it is parked:
     * its rows leave the queue and it is listed at {@code GET /edfi/derivations/problems} as DERIVATION_FAILED. The pass
     * runs under a correlation context of its own: its log lines never carry the request id of a request this thread
     * (a test's) or an earlier pass saw.
     */
    public Pass drainOnce() {
        Map<String, Object> caller = new HashMap<>();
        for (String k : List.of(RequestCorrelation.MDC_REQUEST_ID, RequestCorrelation.MDC_TRACE_ID, RequestCorrelation.MDC_TRACEPARENT)) {
            Object v = MDC.get(k);
            if (v != null) {
                caller.put(k, v);
            }
        }
        RequestCorrelation.begin(null, null);
        try {
            List<String> seen = new ArrayList<>();
            try {
                return QuarkusTransaction.requiringNew().timeout(600).call(() -> pass(seen));
            } catch (RuntimeException e) {
                if (seen.isEmpty() || databaseUnavailable(e)) {
                    throw e;
                }
                LOG.warnf("a pass over %d derived records failed (%s): they are derived one at a time", seen.size(), e.getClass().getSimpleName());
                return oneAtATime(seen);
            }
        } finally {
            lastPassAt = Instant.now();
            RequestCorrelation.end();
            caller.forEach(MDC::put);
        }
    }

    /** The records of a failed pass ("kind|key"), each derived and sent in its own transaction. */
    private Pass oneAtATime(List<String> records) {
        int settled = 0;
        int postponed = 0;
        int done = 0;
        for (String record : records) {
            int bar = record.indexOf('|');
            String kind = record.substring(0, bar);
            String key = record.substring(bar + 1);
            try {
                Pass p = QuarkusTransaction.requiringNew().timeout(600).call(() -> passOf(kind, key));
                settled += p.settled();
                postponed += p.postponed();
                done += p.records();
            } catch (RuntimeException e) {
                if (databaseUnavailable(e)) {
                    throw e;
                }
                boolean parked = QuarkusTransaction.requiringNew().call(() -> failed(kind, key, e));
                // the exception's class only: its message may quote a stored document (a student id)
                LOG.warnf("deriving one %s record failed (%s)%s", kind.toLowerCase(java.util.Locale.ROOT), e.getClass().getName(),
                        parked ? ": it failed " + config.deriver().maxAttempts() + " times and is parked (GET /edfi/derivations/problems)"
                                : "; it is retried later, the other records go on");
                postponed++;
            }
        }
        return new Pass(settled, postponed, done);
    }

    /** One record's rows (when no other deriver holds it), derived and sent. */
    private Pass passOf(String kind, String key) {
        List<PendingStore.Pending> claimed = pending.claimRecord(kind, key);
        if (claimed.isEmpty()) {
            return new Pass(0, 0, 0);
        }
        return derive(claimed, new ArrayList<>());
    }

    /**
     * A record failed alone: counts the failure on its rows and postpones them (doubling delay); at max-attempts, drops its
     * rows and lists it as a problem (DERIVATION_FAILED). True when parked.
     */
    private boolean failed(String kind, String key, RuntimeException e) {
        if (pending.lockRecords(List.of(kind + "|" + key)).isEmpty()) {
            return false;
        }
        List<PendingStore.Pending> rows = pending.rowsOf(kind, key);
        if (rows.isEmpty()) {
            return false;
        }
        int failures = rows.stream().mapToInt(PendingStore.Pending::failures).max().orElse(0) + 1;
        List<Long> ids = rows.stream().map(PendingStore.Pending::id).toList();
        if (failures >= config.deriver().maxAttempts()) {
            pending.delete(ids);
            pending.putProblem(new org.portfolio.edfi.domain.DerivationProblem(kind, key, edfiSchoolOf(kind, key),
                    lastClient(rows), 0, null,
                    "the record could not be derived (" + e.getClass().getSimpleName() + ", " + failures + " attempts): a stored "
                            + "document it rests on could not be read; post the resources again to re-queue it",
                    Instant.now(), org.portfolio.edfi.domain.DerivationProblem.DERIVATION_FAILED));
            return true;
        }
        Duration d = min(config.deriver().retryMin().multipliedBy(1L << Math.min(20, failures - 1)), config.deriver().retryMax());
        pending.failedLater(ids, d);
        return false;
    }

    /** The Ed-Fi school of a record's key (attendance: its first element, assessment: its fifth); null when unreadable. */
    private Long edfiSchoolOf(String kind, String key) {
        int at = ATTENDANCE.equals(kind) ? 0 : 4;
        try {
            JsonNode a = mapper.readTree(key);
            return a.path(at).canConvertToLong() && a.path(at).isIntegralNumber() ? a.path(at).asLong() : null;
        } catch (JsonProcessingException | RuntimeException x) {
            return null;
        }
    }

    /** The database cannot be reached or the transaction lost a race: transient, not the record's fault. */
    static boolean databaseUnavailable(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof java.sql.SQLException s && s.getSQLState() != null
                    && (s.getSQLState().startsWith("08") || s.getSQLState().startsWith("40") || s.getSQLState().startsWith("53")
                    || s.getSQLState().startsWith("57"))) {
                return true;
            }
            if (t instanceof java.sql.SQLTransientException || t instanceof java.sql.SQLRecoverableException) {
                return true;
            }
        }
        return false;
    }

    private Pass pass(List<String> seen) {
        List<PendingStore.Pending> claimed = pending.claim(config.deriver().batchSize());
        if (claimed.isEmpty()) {
            return new Pass(0, 0, 0);
        }
        return derive(claimed, seen);
    }

    /** Locks the claimed rows' records, adds their other queued rows, derives and sends; {@code seen} gets the records locked. */
    private Pass derive(List<PendingStore.Pending> claimed, List<String> seen) {
        Map<String, List<PendingStore.Pending>> byRecord = new LinkedHashMap<>();
        for (PendingStore.Pending p : claimed) {
            byRecord.computeIfAbsent(p.kind() + "|" + p.recordKey(), x -> new ArrayList<>()).add(p);
        }
        Set<String> locked = pending.lockRecords(byRecord.keySet());
        byRecord.keySet().retainAll(locked);
        if (byRecord.isEmpty()) {
            return new Pass(0, 0, 0);
        }
        seen.addAll(byRecord.keySet());
        List<Long> ids = byRecord.values().stream().flatMap(List::stream).map(PendingStore.Pending::id).toList();
        for (String kind : List.of(ATTENDANCE, ASSESSMENT)) {
            List<String> keys = byRecord.keySet().stream().filter(k -> k.startsWith(kind + "|")).map(k -> k.substring(kind.length() + 1)).toList();
            for (PendingStore.Pending p : pending.claimAlso(kind, keys, ids)) {
                byRecord.get(kind + "|" + p.recordKey()).add(p);
            }
        }
        Map<StudentYear, List<PendingStore.Pending>> attendance = new LinkedHashMap<>();
        Map<AssessmentKey, List<PendingStore.Pending>> assessments = new LinkedHashMap<>();
        for (List<PendingStore.Pending> rows : byRecord.values()) {
            PendingStore.Pending first = rows.get(0);
            if (ATTENDANCE.equals(first.kind())) {
                attendance.put(studentYear(first.recordKey()), rows);
            } else {
                assessments.put(assessmentKey(first.recordKey()), rows);
            }
        }
        Outcome out = new Outcome();
        if (!attendance.isEmpty()) {
            sendAttendance(attendance, out);
        }
        if (!assessments.isEmpty()) {
            sendAssessments(assessments, out);
        }
        pending.delete(out.settled);
        if (!out.postponed.isEmpty()) {
            pending.retryLater(out.postponed, out.delay);
        }
        return new Pass(out.settled.size(), out.postponed.size(), byRecord.size());
    }

    /** What becomes of the claimed rows. */
    private final class Outcome {
        final List<Long> settled = new ArrayList<>();
        final List<Long> postponed = new ArrayList<>();
        Duration delay = config.deriver().retryMin();

        void settle(List<PendingStore.Pending> rows) {
            rows.forEach(p -> settled.add(p.id()));
        }

        void postpone(List<PendingStore.Pending> rows) {
            int attempts = 0;
            for (PendingStore.Pending p : rows) {
                postponed.add(p.id());
                attempts = Math.max(attempts, p.attempts());
            }
            Duration d = min(config.deriver().retryMin().multipliedBy(1L << Math.min(20, attempts)), config.deriver().retryMax());
            if (d.compareTo(delay) > 0) {
                delay = d;
            }
        }
    }

    /**
     * performance-service lists at most 100 row errors per upload and stops an upload whose first 1,000 rows are all
     * rejected (422): the deriver never sends more than this many rows (or retractions) at once, so that every rejection
     * is listed and a row it does not list was kept (review of issue 17, finding 4).
     */
    static final int MAX_ROWS_PER_UPLOAD = 100;

    private int rowsPerUpload() {
        return Math.max(1, Math.min(MAX_ROWS_PER_UPLOAD, config.deriver().rowsPerUpload()));
    }

    private static <T> List<List<T>> chunks(List<T> all, int size) {
        List<List<T>> out = new ArrayList<>();
        for (int i = 0; i < all.size(); i += size) {
            out.add(all.subList(i, Math.min(all.size(), i + size)));
        }
        return out;
    }

    private void sendAttendance(Map<StudentYear, List<PendingStore.Pending>> records, Outcome out) {
        Map<StudentYear, ObjectNode> rows = reader.derive(new TreeSet<>(records.keySet()));
        // records that derive nothing (no enrolled day, an unmapped school) are settled: there is nothing to send, and a
        // problem listed for one of them is over
        List<String> nothing = new ArrayList<>();
        records.forEach((k, v) -> {
            if (!rows.containsKey(k)) {
                out.settle(v);
                nothing.add(key(k));
            }
        });
        pending.clearProblems(ATTENDANCE, nothing);
        if (rows.isEmpty()) {
            return;
        }
        List<StudentYear> order = new ArrayList<>(rows.keySet());
        String authorization;
        try {
            authorization = serviceToken.authorization();
        } catch (ServiceToken.Unavailable u) {
            LOG.warnf("derived attendance records wait: %s", u.getMessage());
            out.postpone(order.stream().flatMap(k -> records.get(k).stream()).toList());
            return;
        }
        boolean wait = false;
        for (List<StudentYear> chunk : chunks(order, rowsPerUpload())) {
            if (wait) {
                out.postpone(chunk.stream().flatMap(k -> records.get(k).stream()).toList());
            } else {
                wait = !uploadAttendance(authorization, chunk, rows, records, out);
            }
        }
    }

    /** One upload of at most MAX_ROWS_PER_UPLOAD records; false when performance-service cannot take records now (postponed). */
    private boolean uploadAttendance(String authorization, List<StudentYear> chunk, Map<StudentYear, ObjectNode> rows,
                                     Map<StudentYear, List<PendingStore.Pending>> records, Outcome out) {
        ArrayNode body = mapper.createArrayNode();
        chunk.forEach(k -> body.add(rows.get(k)));
        PerformanceClient.Outcome outcome;
        try {
            outcome = performance.uploadAttendance(authorization, body);
        } catch (PerformanceClient.Refused r) {
            if (retryable(r)) {
                out.postpone(chunk.stream().flatMap(k -> records.get(k).stream()).toList());
                return false;
            }
            if (chunk.size() > 1) {
                // the whole upload refused (a 422 of rows all rejected, a 400): each record alone, so that a refusal
                // blames the record it is about and no other
                for (int i = 0; i < chunk.size(); i++) {
                    if (!uploadAttendance(authorization, List.of(chunk.get(i)), rows, records, out)) {
                        out.postpone(chunk.subList(i + 1, chunk.size()).stream().flatMap(k -> records.get(k).stream()).toList());
                        return false;
                    }
                }
                return true;
            }
            StudentYear k = chunk.get(0);
            problem(ATTENDANCE, key(k), k.schoolId(), records.get(k), r.status(), null, r.getMessage());
            out.settle(records.get(k));
            return true;
        }
        Map<Integer, PerformanceClient.Rejected> rejected = new HashMap<>();
        outcome.rejected().forEach(r -> rejected.putIfAbsent(r.index(), r));
        List<String> ok = new ArrayList<>();
        for (int i = 0; i < chunk.size(); i++) {
            StudentYear k = chunk.get(i);
            PerformanceClient.Rejected r = rejected.get(i);
            if (r != null && notScoped(r)) {
                out.postpone(records.get(k));
                continue;
            }
            if (r == null && !outcome.complete()) {
                // performance-service rejected more rows than it listed: this one may be among them; sent again later
                out.postpone(records.get(k));
                continue;
            }
            if (r != null) {
                problem(ATTENDANCE, key(k), k.schoolId(), records.get(k), 422, r.field(), rejection("attendance", r));
            } else {
                ok.add(key(k));
            }
            out.settle(records.get(k));
        }
        pending.clearProblems(ATTENDANCE, ok);
        return true;
    }

    /**
     * Per chunk of at most MAX_ROWS_PER_UPLOAD records: the retractions first (a record that moved to another natural key,
     * or that nothing derives any more), then the uploads. Every record here is of the school of its key (the school the
     * write that queued it was authorised for): nothing of another school is sent or retracted.
     */
    private void sendAssessments(Map<AssessmentKey, List<PendingStore.Pending>> records, Outcome out) {
        List<DerivationReader.AssessmentPlan> plans = reader.deriveAssessments(new TreeSet<>(records.keySet()));
        Set<AssessmentKey> planned = new TreeSet<>();
        plans.forEach(p -> planned.add(p.key()));
        List<String> nothing = new ArrayList<>();
        records.forEach((k, v) -> {
            if (!planned.contains(k)) {
                out.settle(v);
                nothing.add(key(k));
            }
        });
        pending.clearProblems(ASSESSMENT, nothing);
        if (plans.isEmpty()) {
            return;
        }
        String authorization;
        try {
            authorization = serviceToken.authorization();
        } catch (ServiceToken.Unavailable u) {
            LOG.warnf("derived assessment records wait: %s", u.getMessage());
            out.postpone(plans.stream().flatMap(p -> records.get(p.key()).stream()).toList());
            return;
        }
        boolean wait = false;
        for (List<DerivationReader.AssessmentPlan> chunk : chunks(plans, rowsPerUpload())) {
            if (wait) {
                out.postpone(chunk.stream().flatMap(p -> records.get(p.key()).stream()).toList());
            } else {
                wait = !sendAssessmentChunk(authorization, chunk, records, out);
            }
        }
    }

    /** One chunk's retractions and uploads; false when performance-service cannot take records now (postponed). */
    private boolean sendAssessmentChunk(String authorization, List<DerivationReader.AssessmentPlan> plans,
                                        Map<AssessmentKey, List<PendingStore.Pending>> records, Outcome out) {
        List<PendingStore.Pending> all = plans.stream().flatMap(p -> records.get(p.key()).stream()).toList();
        List<SentStore.Sent> retract = plans.stream().map(DerivationReader.AssessmentPlan::retract).filter(x -> x != null).toList();
        try {
            performance.retractAssessments(authorization, retract);
        } catch (PerformanceClient.Refused r) {
            if (retryable(r)) {
                out.postpone(all);
                return false;
            }
            if (plans.size() > 1) {
                return alone(authorization, plans, records, out);
            }
            DerivationReader.AssessmentPlan p = plans.get(0);
            problem(ASSESSMENT, key(p.key()), p.key().schoolId(), records.get(p.key()), r.status(), null, r.getMessage());
            out.settle(all);
            return true;
        }
        List<DerivationReader.AssessmentPlan> uploads = plans.stream().filter(p -> p.row() != null).toList();
        List<DerivationReader.AssessmentPlan> done = new ArrayList<>(plans.stream().filter(p -> p.row() == null).toList());
        List<DerivationReader.AssessmentPlan> notYet = new ArrayList<>();
        List<DerivationReader.AssessmentPlan> rejectedPlans = new ArrayList<>();
        if (!uploads.isEmpty()) {
            ArrayNode body = mapper.createArrayNode();
            uploads.forEach(p -> body.add(p.row()));
            try {
                PerformanceClient.Outcome outcome = performance.uploadAssessments(authorization, body);
                Map<Integer, PerformanceClient.Rejected> rejected = new HashMap<>();
                outcome.rejected().forEach(r -> rejected.putIfAbsent(r.index(), r));
                for (int i = 0; i < uploads.size(); i++) {
                    DerivationReader.AssessmentPlan p = uploads.get(i);
                    PerformanceClient.Rejected r = rejected.get(i);
                    if (r != null && notScoped(r)) {
                        notYet.add(p);
                    } else if (r == null && !outcome.complete()) {
                        notYet.add(p);
                    } else if (r != null) {
                        problem(ASSESSMENT, key(p.key()), p.key().schoolId(), records.get(p.key()), 422, r.field(), rejection("assessment", r));
                        rejectedPlans.add(p);
                    } else {
                        done.add(p);
                    }
                }
            } catch (PerformanceClient.Refused r) {
                // the retractions went through: remember them
                reader.recordSent(done);
                pending.clearProblems(ASSESSMENT, done.stream().map(p -> key(p.key())).toList());
                out.settle(done.stream().flatMap(p -> records.get(p.key()).stream()).toList());
                if (retryable(r)) {
                    out.postpone(uploads.stream().flatMap(p -> records.get(p.key()).stream()).toList());
                    return false;
                }
                if (uploads.size() > 1) {
                    return alone(authorization, uploads, records, out);
                }
                DerivationReader.AssessmentPlan p = uploads.get(0);
                problem(ASSESSMENT, key(p.key()), p.key().schoolId(), records.get(p.key()), r.status(), null, r.getMessage());
                out.settle(records.get(p.key()));
                return true;
            }
        }
        reader.recordSent(done);
        pending.clearProblems(ASSESSMENT, done.stream().map(p -> key(p.key())).toList());
        out.postpone(notYet.stream().flatMap(p -> records.get(p.key()).stream()).toList());
        out.settle(done.stream().flatMap(p -> records.get(p.key()).stream()).toList());
        out.settle(rejectedPlans.stream().flatMap(p -> records.get(p.key()).stream()).toList());
        return true;
    }

    /** A chunk performance-service refused as a whole: each record alone (a refusal blames only the record it is about). */
    private boolean alone(String authorization, List<DerivationReader.AssessmentPlan> plans,
                          Map<AssessmentKey, List<PendingStore.Pending>> records, Outcome out) {
        for (int i = 0; i < plans.size(); i++) {
            if (!sendAssessmentChunk(authorization, List.of(plans.get(i)), records, out)) {
                out.postpone(plans.subList(i + 1, plans.size()).stream().flatMap(p -> records.get(p.key()).stream()).toList());
                return false;
            }
        }
        return true;
    }

    /**
     * performance-service says edfi-service's client may not write the row's school: the client is an SIS of every
     * school, so performance-service has not heard of it yet (just registered: a service acts for no school until its
     * client directory knows the client) — a transient state; the row waits and is retried.
     */
    private static boolean notScoped(PerformanceClient.Rejected r) {
        boolean n = "schoolId".equals(r.field()) && r.message() != null && r.message().contains("not scoped");
        if (n) {
            LOG.warn("performance-service does not know edfi-service's client as an SIS of every school yet: the derived record waits");
        }
        return n;
    }

    /**
     * performance-service could not take the records now: unreachable or failing (5xx, 429), or it refused edfi-service's
     * own client (401: the token is renewed; 403: the client lacks a right, a deployment error) — the rows wait, retried.
     */
    private boolean retryable(PerformanceClient.Refused r) {
        if (r.status() == 401) {
            serviceToken.invalidate();
        }
        if (r.status() == 401 || r.status() == 403) {
            LOG.warnf("performance-service refused edfi-service's client (%d): derived records wait in the queue", r.status());
        }
        return r.status() == 401 || r.status() == 403 || r.status() == 408 || r.status() == 429 || r.status() >= 500;
    }

    /** The client whose write queued the record last: of its rows, the one queued last (the highest id). */
    private static String lastClient(List<PendingStore.Pending> rows) {
        return rows.stream().max(java.util.Comparator.comparingLong(PendingStore.Pending::id)).map(PendingStore.Pending::clientId).orElse(null);
    }

    private void problem(String kind, String key, Long edfiSchoolId, List<PendingStore.Pending> rows, int status, String field, String message) {
        String client = lastClient(rows);
        pending.putProblem(new org.portfolio.edfi.domain.DerivationProblem(kind, key, edfiSchoolId, client, status, field, message, Instant.now(),
                org.portfolio.edfi.domain.DerivationProblem.REJECTED));
    }

    /** The field and the rule; a value (a student id) is never repeated. */
    private static String rejection(String kind, PerformanceClient.Rejected r) {
        return "performance-service rejected the derived " + kind + " record (" + r.field() + "): "
                + ("studentId".equals(r.field()) ? "the student id" : r.message());
    }

    private static Duration min(Duration a, Duration b) {
        return a.compareTo(b) <= 0 ? a : b;
    }

    // --- record keys as stored in the queue ------------------------------------------------------

    String key(StudentYear k) {
        return mapper.createArrayNode().add(k.schoolId()).add(k.schoolYear()).add(k.studentUniqueId()).toString();
    }

    String key(AssessmentKey k) {
        return mapper.createArrayNode().add(k.namespace()).add(k.assessmentIdentifier()).add(k.studentUniqueId()).add(k.schoolYear())
                .add(k.schoolId()).toString();
    }

    StudentYear studentYear(String key) {
        JsonNode a = array(key);
        return new StudentYear(a.get(0).asLong(), a.get(1).asInt(), a.get(2).asText());
    }

    AssessmentKey assessmentKey(String key) {
        JsonNode a = array(key);
        return new AssessmentKey(a.get(0).asText(), a.get(1).asText(), a.get(2).asText(), a.get(3).asInt(), a.get(4).asLong());
    }

    private JsonNode array(String key) {
        try {
            return mapper.readTree(key);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("queued record key is not JSON", e);
        }
    }
}
