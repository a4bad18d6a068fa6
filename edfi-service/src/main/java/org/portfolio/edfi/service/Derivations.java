package org.portfolio.edfi.service;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import org.jboss.logging.Logger;
import org.jboss.logging.MDC;
import org.portfolio.edfi.domain.AssessmentKey;
import org.portfolio.edfi.domain.DerivationProblem;
import org.portfolio.edfi.domain.StudentYear;
import org.portfolio.edfi.repository.PendingStore;
import org.portfolio.platform.web.correlation.RequestCorrelation;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
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
 * written for), at most {@link DerivedRecordSender#MAX_ROWS_PER_UPLOAD} rows per upload so that performance-service lists every rejection.
 * Rows are deleted in the transaction
 * that saw performance-service take the records; when it cannot (down, 5xx, 401/403 of the service's client) they stay
 * and are retried with a doubling delay; a record it rejects is reported ({@code GET /edfi/derivations/problems}) and
 * its rows dropped (a new write queues it again). Nothing of a record (student ids) is logged.
 */
@ApplicationScoped
public class Derivations {

    /** The service's one clock (platform-web's ClockProducer), never the system clock directly. */
    @Inject
    java.time.Clock clock;

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
    DerivedRecordSender sender;

    @Inject
    EdFiConfig config;

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
        pending.enqueue(ATTENDANCE, keys.attendance().stream().map(RecordKeys::key).toList(),
                keys.attendance().stream().map(StudentYear::schoolId).toList(), clientId);
        pending.enqueue(ASSESSMENT, keys.assessments().stream().map(RecordKeys::key).toList(),
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
            } catch (RuntimeException | LinkageError | AssertionError | StackOverflowError | OutOfMemoryError e) {
                // a database outage (a record's own failure is handled by drainOnce, errors included), or an error no
                // pass should end the deriver with (an OutOfMemoryError too: the thread ended for good, review finding H1): the rows stay queued; never a student id in the log (review of edfi5, L3)
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
            } catch (RuntimeException | LinkageError | AssertionError | StackOverflowError | OutOfMemoryError e) {
                if (seen.isEmpty() || databaseUnavailable(e)) {
                    throw e;
                }
                LOG.warnf("a pass over %d derived records failed (%s): they are derived one at a time", seen.size(), e.getClass().getSimpleName());
                return oneAtATime(seen);
            }
        } finally {
            lastPassAt = clock.instant();
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
            } catch (RuntimeException | LinkageError | AssertionError | StackOverflowError | OutOfMemoryError e) {
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
    private boolean failed(String kind, String key, Throwable e) {
        if (pending.lockRecords(List.of(kind + "|" + key)).isEmpty()) {
            return false;
        }
        List<PendingStore.Pending> rows = pending.rowsOf(kind, key);
        if (rows.isEmpty()) {
            return false;
        }
        return countFailure(kind, key, rows, 0, failures -> "the record could not be derived (" + e.getClass().getSimpleName()
                + ", " + failures + " attempts): a stored document it rests on could not be read; post the resources again "
                + "to re-queue it");
    }

    /**
     * A record's rows failed once more (their record locked by the caller): postponed with a doubling delay, or, at
     * max-attempts, dropped and listed as a problem (DERIVATION_FAILED). True when parked.
     */
    private boolean countFailure(String kind, String key, List<PendingStore.Pending> rows, int status,
                                 java.util.function.IntFunction<String> message) {
        int failures = rows.stream().mapToInt(PendingStore.Pending::failures).max().orElse(0) + 1;
        List<Long> ids = rows.stream().map(PendingStore.Pending::id).toList();
        if (failures >= config.deriver().maxAttempts()) {
            pending.delete(ids);
            pending.putProblem(new DerivationProblem(kind, key, RecordKeys.edfiSchoolOf(kind, key),
                    DerivedRecordSender.lastClient(rows), status, null, message.apply(failures), clock.instant(),
                    DerivationProblem.DERIVATION_FAILED));
            return true;
        }
        pending.failedLater(ids, SendOutcome.backoff(config.deriver().retryMin(), config.deriver().retryMax(), failures - 1));
        return false;
    }

    /** The database cannot be reached or the transaction lost a race: transient, not the record's fault. */
    static boolean databaseUnavailable(Throwable e) {
        if (org.portfolio.platform.web.problem.DatabaseUnavailable.in(e)) {
            return true; // also a pool without a free connection, which Agroal reports without an SQL state
        }
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof java.sql.SQLException s && s.getSQLState() != null
                    && (s.getSQLState().startsWith("08") || s.getSQLState().startsWith("40") || s.getSQLState().startsWith("53")
                    || s.getSQLState().equals("55P03") // a lock not available: contention, as the event consumers count it
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
                attendance.put(RecordKeys.studentYear(first.recordKey()), rows);
            } else {
                assessments.put(RecordKeys.assessmentKey(first.recordKey()), rows);
            }
        }
        SendOutcome out = new SendOutcome(config.deriver().retryMin(), config.deriver().retryMax());
        if (!attendance.isEmpty()) {
            sender.sendAttendance(attendance, out);
        }
        if (!assessments.isEmpty()) {
            sender.sendAssessments(assessments, out);
        }
        pending.delete(out.settled);
        if (!out.postponed.isEmpty()) {
            pending.retryLater(out.postponed, out.delay);
        }
        return new Pass(out.settled.size(), out.postponed.size(), byRecord.size());
    }

    private static Duration min(Duration a, Duration b) {
        return a.compareTo(b) <= 0 ? a : b;
    }
}
