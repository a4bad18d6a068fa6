package org.portfolio.edfi.service;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.jboss.logging.Logger;
import org.portfolio.edfi.domain.AssessmentKey;
import org.portfolio.edfi.domain.DerivationProblem;
import org.portfolio.edfi.domain.StudentYear;
import org.portfolio.edfi.repository.PendingStore;
import org.portfolio.edfi.repository.SentStore;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

import static org.portfolio.edfi.service.Derivations.ASSESSMENT;
import static org.portfolio.edfi.service.Derivations.ATTENDANCE;

/**
 * Derives the claimed records and sends them to performance-service with edfi-service's own token, in uploads of at
 * most {@link #MAX_ROWS_PER_UPLOAD} rows, and says in a {@link SendOutcome} what became of each record's queue rows:
 * <ul>
 *   <li>taken, or rejected by performance-service (a 4xx about the record: listed as a problem) — settled;</li>
 *   <li>performance-service cannot take records now (unreachable, 502/503/504 and any 5xx but 500, 408, 429, or 401/403
 *       of the service's client) — postponed, and the rest of the pass waits too;</li>
 *   <li>performance-service failed (500) on the upload — overloaded, its database failing, or one record of the upload
 *       it cannot handle: that upload's rows are postponed (never blamed, never dropped), the pass goes on with the next
 *       uploads; an upload whose rows failed before is sent as two halves, so that records that fail together with one
 *       performance-service cannot handle are separated from it over the next passes and go through (review of edfi5,
 *       L3 and its review).</li>
 * </ul>
 * Nothing of a record (a student id) is logged.
 */
@ApplicationScoped
public class DerivedRecordSender {

    /** The service's one clock (platform-web's ClockProducer), never the system clock directly. */
    @Inject
    java.time.Clock clock;

    private static final Logger LOG = Logger.getLogger(DerivedRecordSender.class);

    /**
     * performance-service lists at most 100 row errors per upload and stops an upload whose first 1,000 rows are all
     * rejected (422): the deriver never sends more than this many rows (or retractions) at once, so that every rejection
     * is listed and a row it does not list was kept (review of issue 17, finding 4).
     */
    static final int MAX_ROWS_PER_UPLOAD = 100;

    /** Postponements after which an upload performance-service fails on (500) is sent as two halves. */
    static final int HALVE_AFTER = 2;

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

    // --- attendance -----------------------------------------------------------------------------

    void sendAttendance(Map<StudentYear, List<PendingStore.Pending>> given, SendOutcome out) {
        Map<StudentYear, ObjectNode> derived = reader.derive(new TreeSet<>(given.keySet()));
        Set<StudentYear> held = retractMovedAttendance(given, derived, out);
        if (held == null) {
            return;
        }
        // those whose old records could not be retracted wait (postponed); the others go on
        Map<StudentYear, List<PendingStore.Pending>> records = without(given, held);
        Map<StudentYear, ObjectNode> rows = without(derived, held);
        // records that derive nothing (no enrolled day, an unmapped school) are settled: there is nothing to send, and a
        // problem listed for one of them is over
        List<String> nothing = new ArrayList<>();
        records.forEach((k, v) -> {
            if (!rows.containsKey(k)) {
                out.settle(v);
                nothing.add(RecordKeys.key(k));
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
                wait = !uploadAttendance(authorization, chunk, rows, records, out, true);
            }
        }
    }

    /**
     * The attendance records performance-service has under another natural key than the one derived now — the Ed-Fi
     * school mapped to another suite school since — or that nothing derives any more: retracted there first (a school
     * mapped X → A, then corrected to X → B, left every student's record at A for good: twenty-seventh pass, Q5).
     * Returns the records postponed because their old record could not be retracted (performance-service refused: the
     * others go on), or null when performance-service cannot be reached (every record of the pass postponed). A natural
     * key another record of the door still holds (several Ed-Fi schools mapped to one suite school) is not retracted,
     * only forgotten for this record, and one key is retracted once (the pass's own read, D6 and D7).
     */
    private Set<StudentYear> retractMovedAttendance(Map<StudentYear, List<PendingStore.Pending>> records,
                                                    Map<StudentYear, ObjectNode> rows, SendOutcome out) {
        Map<String, StudentYear> byKey = new java.util.HashMap<>();
        records.keySet().forEach(k -> byKey.put(RecordKeys.key(k), k));
        Map<String, SentStore.SentAttendance> before = reader.attendanceSent(byKey.keySet());
        Map<String, SentStore.SentAttendance> retract = new java.util.LinkedHashMap<>();
        before.forEach((key, sent) -> {
            ObjectNode row = rows.get(byKey.get(key));
            if (row == null || !sent.equals(attendanceOf(row))) {
                retract.put(key, sent);
            }
        });
        if (retract.isEmpty()) {
            return Set.of();
        }
        Set<SentStore.SentAttendance> elsewhere = reader.attendanceHeldElsewhere(retract.values(), retract.keySet());
        List<SentStore.SentAttendance> items = retract.values().stream().filter(n -> !elsewhere.contains(n)).distinct()
                .toList();
        try {
            performance.retractAttendance(serviceToken.authorization(), items);
        } catch (ServiceToken.Unavailable u) {
            LOG.warnf("derived attendance records wait: %s", u.getMessage());
            out.postpone(records.values().stream().flatMap(List::stream).toList());
            return null;
        } catch (PerformanceClient.Refused r) {
            if (unavailable(r)) {
                out.postpone(records.values().stream().flatMap(List::stream).toList());
                return null;
            }
            LOG.warnf("%d derived attendance records wait: their records sent before could not be retracted (%s)",
                    retract.size(), r.getMessage());
            Set<StudentYear> held = new java.util.HashSet<>();
            retract.keySet().forEach(k -> held.add(byKey.get(k)));
            out.postpone(held.stream().flatMap(k -> records.get(k).stream()).toList());
            return held;
        }
        reader.recordAttendance(Map.of(), retract.keySet());
        return Set.of();
    }

    private static <V> Map<StudentYear, V> without(Map<StudentYear, V> m, Set<StudentYear> keys) {
        if (keys.isEmpty()) {
            return m;
        }
        Map<StudentYear, V> out = new java.util.LinkedHashMap<>(m);
        out.keySet().removeAll(keys);
        return out;
    }

    /** The natural key performance-service keeps an attendance row under. */
    private static SentStore.SentAttendance attendanceOf(ObjectNode row) {
        return new SentStore.SentAttendance(java.util.UUID.fromString(row.get("schoolId").asText()),
                row.get("schoolYear").asText(), row.get("studentId").asText());
    }

    /** One upload of at most MAX_ROWS_PER_UPLOAD records; false when performance-service cannot take records now (postponed). */
    private boolean uploadAttendance(String authorization, List<StudentYear> chunk, Map<StudentYear, ObjectNode> rows,
                                     Map<StudentYear, List<PendingStore.Pending>> records, SendOutcome out, boolean halve) {
        ArrayNode body = mapper.createArrayNode();
        chunk.forEach(k -> body.add(rows.get(k)));
        PerformanceClient.Outcome outcome;
        try {
            outcome = performance.uploadAttendance(authorization, body);
        } catch (PerformanceClient.Refused r) {
            if (unavailable(r)) {
                out.postpone(chunk.stream().flatMap(k -> records.get(k).stream()).toList());
                return false;
            }
            if (r.status() == 500) {
                List<PendingStore.Pending> all = chunk.stream().flatMap(k -> records.get(k).stream()).toList();
                if (halve && chunk.size() > 1 && SendOutcome.attempts(all) >= HALVE_AFTER) {
                    int mid = chunk.size() / 2;
                    if (!uploadAttendance(authorization, chunk.subList(0, mid), rows, records, out, false)) {
                        out.postpone(chunk.subList(mid, chunk.size()).stream().flatMap(k -> records.get(k).stream()).toList());
                        return false;
                    }
                    return uploadAttendance(authorization, chunk.subList(mid, chunk.size()), rows, records, out, false);
                } else {
                    out.postpone(all);
                }
                return true;
            }
            if (chunk.size() > 1) {
                // the whole upload refused (a 422 of rows all rejected, a 400): each record alone, so that a refusal
                // blames the record it is about and no other
                for (int i = 0; i < chunk.size(); i++) {
                    if (!uploadAttendance(authorization, List.of(chunk.get(i)), rows, records, out, false)) {
                        out.postpone(chunk.subList(i + 1, chunk.size()).stream().flatMap(k -> records.get(k).stream()).toList());
                        return false;
                    }
                }
                return true;
            }
            StudentYear k = chunk.get(0);
            problem(ATTENDANCE, RecordKeys.key(k), k.schoolId(), records.get(k), r.status(), null, r.getMessage());
            out.settle(records.get(k));
            return true;
        }
        Map<Integer, PerformanceClient.Rejected> rejected = new HashMap<>();
        outcome.rejected().forEach(r -> rejected.putIfAbsent(r.index(), r));
        List<String> ok = new ArrayList<>();
        Map<String, SentStore.SentAttendance> kept = new java.util.HashMap<>();
        int waiting = 0;
        for (int i = 0; i < chunk.size(); i++) {
            StudentYear k = chunk.get(i);
            PerformanceClient.Rejected r = rejected.get(i);
            if (r != null && notScoped(r)) {
                out.postpone(records.get(k));
                waiting++;
                continue;
            }
            if (r == null && !outcome.complete()) {
                // performance-service rejected more rows than it listed: this one may be among them; sent again later
                out.postpone(records.get(k));
                continue;
            }
            if (r != null) {
                problem(ATTENDANCE, RecordKeys.key(k), k.schoolId(), records.get(k), 422, r.field(), rejection("attendance", r));
            } else {
                ok.add(RecordKeys.key(k));
                kept.put(RecordKeys.key(k), attendanceOf(rows.get(k)));
            }
            out.settle(records.get(k));
        }
        logNotScoped(waiting, "attendance");
        reader.recordAttendance(kept, List.of()); // what to retract if the record moves or goes (Q5)
        pending.clearProblems(ATTENDANCE, ok);
        return true;
    }

    // --- assessments ----------------------------------------------------------------------------

    /**
     * Per chunk of at most MAX_ROWS_PER_UPLOAD records: the retractions first (a record that moved to another natural key,
     * or that nothing derives any more), then the uploads. Every record here is of the school of its key (the school the
     * write that queued it was authorised for): nothing of another school is sent or retracted.
     */
    void sendAssessments(Map<AssessmentKey, List<PendingStore.Pending>> records, SendOutcome out) {
        List<DerivationReader.AssessmentPlan> plans = reader.deriveAssessments(new TreeSet<>(records.keySet()));
        Set<AssessmentKey> planned = new TreeSet<>();
        plans.forEach(p -> planned.add(p.key()));
        List<String> nothing = new ArrayList<>();
        records.forEach((k, v) -> {
            if (!planned.contains(k)) {
                out.settle(v);
                nothing.add(RecordKeys.key(k));
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
                wait = !sendAssessmentChunk(authorization, chunk, records, out, true);
            }
        }
    }

    /** One chunk's retractions and uploads; false when performance-service cannot take records now (postponed). */
    private boolean sendAssessmentChunk(String authorization, List<DerivationReader.AssessmentPlan> plans,
                                        Map<AssessmentKey, List<PendingStore.Pending>> records, SendOutcome out, boolean halve) {
        List<PendingStore.Pending> all = plans.stream().flatMap(p -> records.get(p.key()).stream()).toList();
        List<SentStore.Sent> retract = plans.stream().map(DerivationReader.AssessmentPlan::retract).filter(x -> x != null).toList();
        try {
            performance.retractAssessments(authorization, retract);
        } catch (PerformanceClient.Refused r) {
            if (unavailable(r)) {
                out.postpone(all);
                return false;
            }
            if (r.status() == 500) {
                return failed(authorization, plans, records, out, halve);
            }
            if (plans.size() > 1) {
                return alone(authorization, plans, records, out);
            }
            refusedAlone(plans.get(0), records, r, out);
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
                int waiting = 0;
                for (int i = 0; i < uploads.size(); i++) {
                    DerivationReader.AssessmentPlan p = uploads.get(i);
                    PerformanceClient.Rejected r = rejected.get(i);
                    if (r != null && notScoped(r)) {
                        notYet.add(p);
                        waiting++;
                    } else if (r == null && !outcome.complete()) {
                        notYet.add(p);
                    } else if (r != null) {
                        problem(ASSESSMENT, RecordKeys.key(p.key()), p.key().schoolId(), records.get(p.key()), 422, r.field(),
                                rejection("assessment", r));
                        rejectedPlans.add(p);
                    } else {
                        done.add(p);
                    }
                }
                logNotScoped(waiting, "assessment");
            } catch (PerformanceClient.Refused r) {
                // the retractions went through: remember them
                reader.recordSent(done);
                pending.clearProblems(ASSESSMENT, done.stream().map(p -> RecordKeys.key(p.key())).toList());
                out.settle(done.stream().flatMap(p -> records.get(p.key()).stream()).toList());
                if (unavailable(r)) {
                    out.postpone(uploads.stream().flatMap(p -> records.get(p.key()).stream()).toList());
                    return false;
                }
                if (r.status() == 500) {
                    return failed(authorization, uploads, records, out, halve);
                }
                if (uploads.size() > 1) {
                    return alone(authorization, uploads, records, out);
                }
                refusedAlone(uploads.get(0), records, r, out);
                return true;
            }
        }
        reader.recordSent(done);
        pending.clearProblems(ASSESSMENT, done.stream().map(p -> RecordKeys.key(p.key())).toList());
        out.postpone(notYet.stream().flatMap(p -> records.get(p.key()).stream()).toList());
        out.settle(done.stream().flatMap(p -> records.get(p.key()).stream()).toList());
        out.settle(rejectedPlans.stream().flatMap(p -> records.get(p.key()).stream()).toList());
        return true;
    }

    /** One record refused by performance-service when sent alone: a problem, settled. */
    private void refusedAlone(DerivationReader.AssessmentPlan p, Map<AssessmentKey, List<PendingStore.Pending>> records,
                              PerformanceClient.Refused r, SendOutcome out) {
        problem(ASSESSMENT, RecordKeys.key(p.key()), p.key().schoolId(), records.get(p.key()), r.status(), null, r.getMessage());
        out.settle(records.get(p.key()));
    }

    /**
     * performance-service failed (500) on these plans' chunk: postponed (never blamed); a chunk whose rows failed before
     * is sent again as two halves, once (its retractions again too: a retraction of a record already retracted is done).
     */
    private boolean failed(String authorization, List<DerivationReader.AssessmentPlan> plans,
                           Map<AssessmentKey, List<PendingStore.Pending>> records, SendOutcome out, boolean halve) {
        List<PendingStore.Pending> all = plans.stream().flatMap(p -> records.get(p.key()).stream()).toList();
        if (halve && plans.size() > 1 && SendOutcome.attempts(all) >= HALVE_AFTER) {
            int mid = plans.size() / 2;
            if (!sendAssessmentChunk(authorization, plans.subList(0, mid), records, out, false)) {
                out.postpone(plans.subList(mid, plans.size()).stream().flatMap(p -> records.get(p.key()).stream()).toList());
                return false;
            }
            return sendAssessmentChunk(authorization, plans.subList(mid, plans.size()), records, out, false);
        } else {
            out.postpone(all);
        }
        return true;
    }

    /** A chunk performance-service refused as a whole: each record alone (a refusal blames only the record it is about). */
    private boolean alone(String authorization, List<DerivationReader.AssessmentPlan> plans,
                          Map<AssessmentKey, List<PendingStore.Pending>> records, SendOutcome out) {
        for (int i = 0; i < plans.size(); i++) {
            if (!sendAssessmentChunk(authorization, List.of(plans.get(i)), records, out, false)) {
                out.postpone(plans.subList(i + 1, plans.size()).stream().flatMap(p -> records.get(p.key()).stream()).toList());
                return false;
            }
        }
        return true;
    }

    // --- performance-service's answers ----------------------------------------------------------

    /**
     * performance-service says edfi-service's client may not write the row's school: the client is an SIS of every
     * school, so performance-service has not heard of it yet (just registered: a service acts for no school until its
     * client directory knows the client) — a transient state; the row waits and is retried.
     */
    private static boolean notScoped(PerformanceClient.Rejected r) {
        return "schoolId".equals(r.field()) && r.message() != null && r.message().contains("not scoped");
    }

    /** One line per upload, however many of its rows wait (log audit, sixteenth pass: one per row, 121 in a millisecond). */
    private static void logNotScoped(int rows, String kind) {
        if (rows > 0) {
            LOG.warnf("performance-service does not know edfi-service's client as an SIS of every school yet: %d derived %s "
                    + "records wait", rows, kind);
        }
    }

    /**
     * performance-service cannot take records now: unreachable or overloaded (502, 503, 504, 408, 429, any 5xx but
     * 500), or it refused edfi-service's own client (401: the token is renewed; 403: the client lacks a right, a
     * deployment error) — the rows wait, retried. A 500 is not this: the upload made it fail, maybe one record of it.
     */
    private boolean unavailable(PerformanceClient.Refused r) {
        if (r.status() == 401) {
            serviceToken.invalidate();
        }
        if (r.status() == 401 || r.status() == 403) {
            LOG.warnf("performance-service refused edfi-service's client (%d): derived records wait in the queue", r.status());
        }
        return r.status() == 401 || r.status() == 403 || r.status() == 408 || r.status() == 429
                || (r.status() >= 500 && r.status() != 500);
    }

    /** The client whose write queued the record last: of its rows, the one queued last (the highest id). */
    static String lastClient(List<PendingStore.Pending> rows) {
        return rows.stream().max(java.util.Comparator.comparingLong(PendingStore.Pending::id)).map(PendingStore.Pending::clientId).orElse(null);
    }

    private void problem(String kind, String key, Long edfiSchoolId, List<PendingStore.Pending> rows, int status, String field, String message) {
        pending.putProblem(new DerivationProblem(kind, key, edfiSchoolId, lastClient(rows), status, field, message, clock.instant(),
                DerivationProblem.REJECTED));
    }

    /** The field and the rule; a value (a student id) is never repeated. */
    private static String rejection(String kind, PerformanceClient.Rejected r) {
        return "performance-service rejected the derived " + kind + " record (" + r.field() + "): "
                + ("studentId".equals(r.field()) ? "the student id" : r.message());
    }
}
