package org.portfolio.performance.service;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import org.portfolio.performance.domain.CorrectionCause;
import org.portfolio.performance.domain.Decimals;
import org.portfolio.performance.domain.MetricCandidate;
import org.portfolio.performance.domain.MetricSnapshot;
import org.portfolio.performance.domain.SchoolYearKey;
import org.portfolio.performance.domain.YearRules;
import org.portfolio.performance.events.MetricResultRecorded;
import org.portfolio.performance.repository.MetricValueStore;
import org.portfolio.platform.events.outbox.Outbox;

import java.sql.SQLException;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;

/**
 * Turns candidate values into recorded results: a candidate that differs from the current value in value, n or
 * suppression becomes the current value, a history row and one MetricResultRecorded event, in the caller's
 * transaction; an identical one changes nothing and publishes nothing.
 */
@ApplicationScoped
@Transactional(Transactional.TxType.MANDATORY)
public class MetricResultService {

    @jakarta.inject.Inject
    java.time.Clock clock;

    @Inject
    MetricValueStore values;

    @Inject
    FrameworkService frameworks;

    @Inject
    Outbox outbox;

    /** What changed: the school-years whose values changed, and counts per outcome. */
    public record Applied(Set<SchoolYearKey> changedKeys, int inserted, int updated, int unchanged) {
        public int changed() {
            return inserted + updated;
        }
    }

    public Applied apply(List<MetricCandidate> candidates, UUID jobId) throws SQLException {
        return apply(candidates, jobId, null);
    }

    /** As {@link #apply(List, UUID)}, each change naming the correction that caused it (null: none). */
    public Applied apply(List<MetricCandidate> candidates, UUID jobId, CorrectionCause correction) throws SQLException {
        if (candidates.isEmpty()) {
            return new Applied(Set.of(), 0, 0, 0);
        }
        Set<SchoolYearKey> keys = candidates.stream().map(MetricCandidate::key).collect(Collectors.toSet());
        Map<String, MetricSnapshot> current = new HashMap<>();
        for (MetricSnapshot s : values.current(keys)) {
            current.put(id(s.schoolId(), s.schoolYear(), s.metricCode()), s);
        }
        Map<String, YearRules> rules = new HashMap<>();
        Set<SchoolYearKey> changed = new LinkedHashSet<>();
        List<MetricValueStore.Recorded> recorded = new ArrayList<>();
        int inserted = 0;
        int updated = 0;
        int unchanged = 0;
        Instant now = clock.instant().truncatedTo(ChronoUnit.MICROS);
        // a value after a withdrawal has no current row: it must still be recorded after the withdrawal (review of M1)
        Set<SchoolYearKey> withoutCurrent = candidates.stream()
                .filter(c -> !current.containsKey(id(c.key().schoolId(), c.key().schoolYear(), c.metricCode())))
                .map(MetricCandidate::key).collect(Collectors.toSet());
        Map<String, Instant> lastRecorded = values.lastRecorded(withoutCurrent);
        for (MetricCandidate c : candidates) {
            YearRules r = rules.computeIfAbsent(c.key().schoolYear(), frameworks::rulesFor);
            // a metric over several subjects is suppressed too when one of its subjects' students are fewer than the
            // minimum n (complementary suppression: MetricCandidate.smallestPart)
            boolean suppressed = r.suppressed(c.metricCode(), c.n())
                    || c.smallestPart() != null && r.suppressed(c.metricCode(), c.smallestPart());
            MetricSnapshot cur = current.get(id(c.key().schoolId(), c.key().schoolYear(), c.metricCode()));
            if (cur != null && Decimals.same(cur.value(), c.value()) && Objects.equals(cur.n(), c.n())
                    && cur.suppressed() == suppressed) {
                unchanged++;
                continue;
            }
            if (cur == null) {
                inserted++;
            } else {
                updated++;
            }
            Instant at = after(now, cur != null ? cur.updatedAt()
                    : lastRecorded.get(id(c.key().schoolId(), c.key().schoolYear(), c.metricCode())));
            MetricSnapshot next = new MetricSnapshot(c.key().schoolId(), c.key().schoolYear(), c.metricCode(),
                    Decimals.clean(c.value()), c.n(), suppressed, c.source(), UUID.randomUUID(), at);
            UUID eventId = outbox.publish("SchoolMetric", c.key().schoolId() + "/" + c.metricCode() + "/" + c.key().schoolYear(),
                    MetricResultRecorded.NAME, c.key().schoolId(),
                    new MetricResultRecorded(next.resultId(), next.schoolId(), next.metricCode(), next.schoolYear(),
                            Decimals.toDouble(next.value()), next.n(), suppressed,
                            cur == null ? null : Decimals.toDouble(Decimals.clean(cur.value())), c.source().name(), at,
                            correction(correction), null));
            recorded.add(new MetricValueStore.Recorded(next, cur == null ? null : cur.value(), jobId, eventId,
                    correction == null ? null : correction.correctionId(), false));
            current.put(id(next.schoolId(), next.schoolYear(), next.metricCode()), next);
            changed.add(c.key());
        }
        values.record(recorded);
        return new Applied(changed, inserted, updated, unchanged);
    }

    /**
     * Withdraws current values whose last records a correction retracted: each leaves the current values, gets a
     * history row without value and one MetricResultRecorded with {@code withdrawn: true} and no value.
     * @return the school-years whose values changed
     */
    public Set<SchoolYearKey> withdraw(List<MetricSnapshot> gone, CorrectionCause correction) throws SQLException {
        Set<SchoolYearKey> changed = new LinkedHashSet<>();
        List<MetricValueStore.Recorded> recorded = new ArrayList<>();
        Instant now = clock.instant().truncatedTo(ChronoUnit.MICROS);
        for (MetricSnapshot cur : gone) {
            Instant at = after(now, cur.updatedAt());
            MetricSnapshot next = new MetricSnapshot(cur.schoolId(), cur.schoolYear(), cur.metricCode(), null, null,
                    false, cur.source(), UUID.randomUUID(), at);
            UUID eventId = outbox.publish("SchoolMetric", cur.schoolId() + "/" + cur.metricCode() + "/" + cur.schoolYear(),
                    MetricResultRecorded.NAME, cur.schoolId(),
                    new MetricResultRecorded(next.resultId(), cur.schoolId(), cur.metricCode(), cur.schoolYear(), null,
                            null, false, Decimals.toDouble(Decimals.clean(cur.value())), cur.source().name(), at,
                            correction(correction), Boolean.TRUE));
            recorded.add(new MetricValueStore.Recorded(next, cur.value(), null, eventId,
                    correction == null ? null : correction.correctionId(), true));
            changed.add(new SchoolYearKey(cur.schoolId(), cur.schoolYear()));
        }
        values.record(recorded);
        return changed;
    }

    /**
     * When a value replacing the one recorded at {@code last} (its current value, or its withdrawal) is recorded: now,
     * or just after {@code last} if this replica's clock is behind the one that recorded it. Consumers drop a value recorded before the one they know (a replay of an old event);
     * with two replicas whose clocks differ, a correction made on the slower one right after an upload on the faster
     * one was dropped as older, and its MET never published (review of 2026-12-05, seventh pass, M1). The school-year's
     * lock orders the writes; this keeps their times in that order.
     */
    static Instant after(Instant now, Instant last) {
        if (last == null || now.isAfter(last) || last.isAfter(now.plus(MAX_SKEW))) {
            return now; // beyond MAX_SKEW a clock is wrong, not drifting: its time is not carried on to every later value
        }
        return last.truncatedTo(ChronoUnit.MICROS).plus(1, ChronoUnit.MICROS);
    }

    /** How far ahead of this replica's clock the value replaced may have been recorded and still order the next one. */
    static final java.time.Duration MAX_SKEW = java.time.Duration.ofMinutes(5);

    private static MetricResultRecorded.Correction correction(CorrectionCause c) {
        return c == null ? null : MetricResultRecorded.Correction.of(c.correctionId(), c.reasonCode().name());
    }

    private static String id(UUID school, String year, String metric) {
        return school + "|" + year + "|" + metric;
    }
}
