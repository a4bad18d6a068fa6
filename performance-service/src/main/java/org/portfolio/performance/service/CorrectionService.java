package org.portfolio.performance.service;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import org.jboss.logging.Logger;
import org.portfolio.performance.domain.CorrectionAction;
import org.portfolio.performance.domain.CorrectionCause;
import org.portfolio.performance.domain.CorrectionItem;
import org.portfolio.performance.domain.CorrectionKind;
import org.portfolio.performance.domain.CorrectionOutcome;
import org.portfolio.performance.domain.CorrectionReasonCode;
import org.portfolio.performance.domain.RecordCorrection;
import org.portfolio.performance.domain.SchoolYearKey;
import org.portfolio.performance.domain.StudentRecordKey;
import org.portfolio.performance.repository.CorrectionStore;
import org.portfolio.performance.repository.StudentRecordStore;
import org.portfolio.platform.web.http.Page;
import org.portfolio.platform.web.problem.FieldError;
import org.portfolio.platform.web.problem.ProblemException;
import org.portfolio.platform.web.problem.ProblemType;

import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;
import java.util.function.Predicate;

/**
 * Corrections and retractions of student records by their natural key, all or nothing per request: every item must
 * name a stored record of a school the caller acts for; then, in one transaction under the school-years' advisory
 * locks, the records are changed or removed, the metrics of those school-years recomputed (each change names the
 * correction: MetricResultRecorded's {@code correction}), a computed value whose last records were retracted is
 * withdrawn, the ratings follow, and the correction is audited with every item's values before and after.
 */
@ApplicationScoped
public class CorrectionService {

    private static final Logger LOG = Logger.getLogger(CorrectionService.class);

    public static final int MAX_ITEMS = 500;

    public static final ProblemType RECORD_NOT_FOUND = ProblemType.custom("record-not-found",
            "A correction names a record that is not stored", 422);
    public static final ProblemType INVALID_CORRECTION = ProblemType.custom("invalid-correction",
            "The correction breaks a correction rule", 422);

    @Inject
    CorrectionStore store;

    @Inject
    StudentRecordStore students;

    @Inject
    RecomputeService recompute;

    @Inject
    Clock clock;

    /** One item: the record's natural key, what to do, and for CORRECT its new values (as {@link CorrectionStore#lock} reads them). */
    public record Item(StudentRecordKey key, CorrectionAction action, Map<String, Object> values) {
    }

    /** The correction as audited, with its items. */
    public record Applied(RecordCorrection correction, List<CorrectionItem> items) {
    }

    /**
     * The "why" of a request: its reason code and optional note, or (deprecated, issue 15) the old free-text reason,
     * taken as the note with the code OTHER. Only the code is published; the note stays in the audit.
     */
    public record Why(CorrectionReasonCode code, String note) {

        public static Why of(CorrectionReasonCode code, String note, String deprecatedReason) {
            String n = blankToNull(note);
            String old = blankToNull(deprecatedReason);
            if (n != null && old != null) {
                throw ProblemException.invalid("reason", "is deprecated: give the note only, not both");
            }
            if (code == null && old == null) {
                throw ProblemException.invalid("reasonCode", "is required");
            }
            return new Why(code == null ? CorrectionReasonCode.OTHER : code, n != null ? n : old);
        }

        private static String blankToNull(String s) {
            return s == null || s.isBlank() ? null : s.strip();
        }
    }

    /**
     * @param retractOnly an ingest-only client (svc_edfi, every school): only RETRACT items (else 403), and an item
     *                    naming no stored record is no error but audited as UNCHANGED without values — its answer must
     *                    not tell whether a record existed (review of edfi5, H1)
     */
    @Transactional
    public Applied apply(CorrectionKind kind, Why why, List<Item> items, String clientId,
                         Predicate<UUID> mayCorrect, boolean retractOnly) throws SQLException {
        if (retractOnly && items.stream().anyMatch(i -> i.action() != CorrectionAction.RETRACT)) {
            throw ProblemException.forbidden("Client " + clientId + " may only retract records (RETRACT items): it "
                    + "corrects no value");
        }
        check(kind, items, mayCorrect);
        UUID id = UUID.randomUUID();
        Instant now = clock.instant();
        CorrectionCause cause = new CorrectionCause(id, why.code());
        List<CorrectionItem> audit = new ArrayList<>();
        Set<SchoolYearKey> changed = new TreeSet<>();
        int nChanged = 0;
        int nRetracted = 0;
        int nUnchanged = 0;
        List<FieldError> missing = new ArrayList<>();
        try (Connection c = store.connection()) {
            students.lock(c, items.stream().map(i -> i.key().schoolYearKey()).toList());
            for (int i = 0; i < items.size(); i++) {
                Item it = items.get(i);
                var before = store.lock(c, kind, it.key());
                if (before.isEmpty() && retractOnly) {
                    StudentRecordKey k = it.key();
                    nUnchanged++;
                    audit.add(new CorrectionItem(i, k.schoolId(), k.schoolYear(), it.action(), k.studentId(), k.subject(),
                            k.testCode(), null, null, CorrectionOutcome.UNCHANGED, null));
                    continue;
                }
                if (before.isEmpty()) {
                    missing.add(new FieldError("items[" + i + "]", "no " + kind.name().toLowerCase(Locale.ROOT)
                            + " record is stored under this natural key"));
                    continue;
                }
                Object notTested = before.get().get(CorrectionStore.NOT_TESTED_KEY);
                if (notTested != null && it.action() == CorrectionAction.CORRECT) {
                    // third pass of 2026-12-05: the record became NOT_TESTED with a result, counted as tested in
                    // proficiency and participation (an upload refuses that combination)
                    throw new ProblemException(INVALID_CORRECTION, "items[" + i + "] names a record whose participation is "
                            + notTested + ": it has no result to correct; RETRACT it and post the result with participation "
                            + "TESTED; nothing was corrected", List.of(new FieldError("items[" + i + "]", "the record's "
                            + "participation is " + notTested)), Map.of());
                }
                CorrectionOutcome outcome;
                Map<String, Object> after = null;
                if (it.action() == CorrectionAction.RETRACT) {
                    store.delete(c, kind, it.key());
                    outcome = CorrectionOutcome.RETRACTED;
                    nRetracted++;
                } else {
                    after = it.values();
                    if (same(before.get(), after)) {
                        outcome = CorrectionOutcome.UNCHANGED;
                        nUnchanged++;
                    } else {
                        store.update(c, kind, it.key(), after, id, now);
                        outcome = CorrectionOutcome.CHANGED;
                        nChanged++;
                    }
                }
                if (outcome != CorrectionOutcome.UNCHANGED) {
                    changed.add(it.key().schoolYearKey());
                }
                StudentRecordKey k = it.key();
                audit.add(new CorrectionItem(i, k.schoolId(), k.schoolYear(), it.action(), k.studentId(), k.subject(),
                        k.testCode(), before.get(), after, outcome, null));
            }
            if (!missing.isEmpty()) {
                // nothing is kept: the transaction rolls back with this exception
                throw new ProblemException(RECORD_NOT_FOUND, missing.size() + " of the " + items.size()
                        + " items name no stored record; nothing was corrected", missing, Map.of());
            }
            RecomputeService.Corrected r = recompute.corrected(c, changed, kind == CorrectionKind.ASSESSMENT, cause);
            RecordCorrection rc = new RecordCorrection(id, kind, why.code(), why.note(), null, clientId, now, items.size(), nChanged,
                    nRetracted, nUnchanged, r.metricsChanged(), r.metricsWithdrawn(), r.ratingsChanged());
            store.insert(c, rc, audit);
            LOG.infof("Correction %s of %d %s record(s) by %s: %d changed, %d retracted, %d unchanged; %d metric(s) "
                            + "changed, %d withdrawn, %d rating(s) changed", id, items.size(), kind, clientId, nChanged,
                    nRetracted, nUnchanged, r.metricsChanged(), r.metricsWithdrawn(), r.ratingsChanged());
            return new Applied(rc, audit);
        }
    }

    /** The request's rules beyond its shape; a broken one is a 4xx and nothing is kept. */
    private static void check(CorrectionKind kind, List<Item> items, Predicate<UUID> mayCorrect) {
        List<FieldError> errors = new ArrayList<>();
        if (items.isEmpty() || items.size() > MAX_ITEMS) {
            throw ProblemException.invalid("items", "must hold 1 to " + MAX_ITEMS + " items");
        }
        Set<UUID> outOfScope = new TreeSet<>();
        Set<StudentRecordKey> seen = new HashSet<>();
        for (int i = 0; i < items.size(); i++) {
            Item it = items.get(i);
            if (!mayCorrect.test(it.key().schoolId())) {
                outOfScope.add(it.key().schoolId());
            }
            if (!seen.add(it.key())) {
                errors.add(new FieldError("items[" + i + "]", "names the same record as an earlier item"));
            }
            if (it.action() == CorrectionAction.CORRECT) {
                valuesProblems(kind, it.values(), "items[" + i + "]", errors);
            } else if (it.values() != null && !it.values().isEmpty()) {
                errors.add(new FieldError("items[" + i + "]", "a RETRACT carries no values"));
            }
        }
        if (!outOfScope.isEmpty()) {
            throw ProblemException.forbidden("Your client is not scoped to school(s) " + outOfScope
                    + "; it may correct only its own schools' records");
        }
        if (!errors.isEmpty()) {
            throw new ProblemException(INVALID_CORRECTION, errors.size() == 1 ? errors.get(0).field() + " "
                    + errors.get(0).message() : errors.size() + " correction rules are broken", errors, Map.of());
        }
    }

    private static void valuesProblems(CorrectionKind kind, Map<String, Object> v, String at, List<FieldError> errors) {
        if (kind == CorrectionKind.ASSESSMENT) {
            if (v.get("performanceLevel") == null) {
                errors.add(new FieldError(at + ".performanceLevel", "is required to CORRECT an assessment result"));
            }
        } else {
            BigDecimal enrolled = (BigDecimal) v.get("daysEnrolled");
            BigDecimal absent = (BigDecimal) v.get("daysAbsent");
            if (enrolled == null || absent == null) {
                errors.add(new FieldError(at, "daysEnrolled and daysAbsent are required to CORRECT attendance"));
                return;
            }
            for (var e : List.of(Map.entry("daysEnrolled", enrolled), Map.entry("daysAbsent", absent))) {
                if (e.getValue().multiply(BigDecimal.valueOf(2)).stripTrailingZeros().scale() > 0) {
                    errors.add(new FieldError(at + "." + e.getKey(), "must be a whole or half day"));
                }
            }
            if (enrolled.signum() <= 0) {
                errors.add(new FieldError(at + ".daysEnrolled", "must be more than 0"));
            }
            if (absent.compareTo(enrolled) > 0) {
                errors.add(new FieldError(at + ".daysAbsent", "must be at most daysEnrolled"));
            }
        }
    }

    private static boolean same(Map<String, Object> before, Map<String, Object> after) {
        Set<String> keys = new HashSet<>(before.keySet());
        keys.addAll(after.keySet());
        for (String k : keys) {
            Object a = before.get(k);
            Object b = after.get(k);
            if (a instanceof BigDecimal x && b instanceof BigDecimal y) {
                if (x.compareTo(y) != 0) {
                    return false;
                }
            } else if (!Objects.equals(a == null ? null : a.toString(), b == null ? null : b.toString())) {
                return false;
            }
        }
        return true;
    }

    /** New values in the store's shape: absent fields left out. */
    public static Map<String, Object> values(Object... keyValues) {
        Map<String, Object> m = new LinkedHashMap<>();
        for (int i = 0; i < keyValues.length; i += 2) {
            if (keyValues[i + 1] != null) {
                m.put((String) keyValues[i], keyValues[i + 1]);
            }
        }
        return m;
    }

    // --- reading the audit ------------------------------------------------------------------------------------

    @Transactional(Transactional.TxType.SUPPORTS)
    public Page<RecordCorrection> list(UUID schoolId, Collection<UUID> scope, int page, int size) throws SQLException {
        return new Page<>(store.list(schoolId, scope, page, size), page, size, store.count(schoolId, scope));
    }

    /**
     * A correction with every item (the caller shows those of its scope: {@link #visible}); 404 when the caller
     * ({@code scope}: its schools, null: all) sees no item.
     */
    @Transactional(Transactional.TxType.SUPPORTS)
    public Applied get(UUID id, Collection<UUID> scope) throws SQLException {
        RecordCorrection c = store.find(id).orElseThrow(() -> ProblemException.notFound("Correction", id));
        List<CorrectionItem> items = store.items(id, null);
        if (scope != null && visible(items, scope).isEmpty()) {
            throw ProblemException.notFound("Correction", id);
        }
        return new Applied(c, items);
    }

    /** The items of the schools of {@code scope} (null: all). */
    public static List<CorrectionItem> visible(List<CorrectionItem> items, Collection<UUID> scope) {
        return scope == null ? items : items.stream().filter(i -> scope.contains(i.schoolId())).toList();
    }

    /**
     * May the caller read the correction's note? Only who may read the student records of every school of the
     * correction (the note is free text about its items, which may name any of them). A correction whose items a
     * retention purge deleted: the district admin only.
     */
    public static boolean mayReadNote(List<CorrectionItem> items, Collection<UUID> scope) {
        return scope == null || !items.isEmpty() && items.stream().allMatch(i -> scope.contains(i.schoolId()));
    }
}
