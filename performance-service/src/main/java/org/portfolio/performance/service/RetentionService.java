package org.portfolio.performance.service;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import org.jboss.logging.Logger;
import org.portfolio.performance.domain.CorrectionKind;
import org.portfolio.performance.domain.RecordPurge;
import org.portfolio.performance.domain.SchoolYear;
import org.portfolio.performance.repository.CorrectionStore;
import org.portfolio.platform.web.http.Page;
import org.portfolio.platform.web.problem.ProblemException;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.UUID;

/**
 * The retention of student records: a policy per record kind (years after the end of the school year, configured),
 * a purge job safe with several replicas (one transaction under a transaction-scoped advisory lock that a second
 * replica does not wait for: it skips, so every deletion and its audit happen once), and the erasure of one
 * student's records on request. Both are audited with counts, the student only as a keyed hash. Neither recomputes
 * anything: school metric values and ratings are aggregates without personal data and stay as published.
 */
@ApplicationScoped
public class RetentionService {

    private static final Logger LOG = Logger.getLogger(RetentionService.class);
    static final String SYSTEM = "system";

    @Inject
    CorrectionStore store;

    @Inject
    PerformanceConfig config;

    @Inject
    Clock clock;

    /** One kind's policy: kept years, and the last school year a purge today deletes. */
    public record Policy(CorrectionKind kind, int years, String purgesThrough) {
    }

    public List<Policy> policy() {
        Instant now = clock.instant();
        return List.of(new Policy(CorrectionKind.ASSESSMENT, config.retention().assessmentYears(),
                        SchoolYear.of(throughStartYear(now, config.retention().assessmentYears(), config.timeZone()))),
                new Policy(CorrectionKind.ATTENDANCE, config.retention().attendanceYears(),
                        SchoolYear.of(throughStartYear(now, config.retention().attendanceYears(), config.timeZone()))));
    }

    /**
     * The start year of the last school year whose retention ended before {@code now}: the school year Y–Y+1 ends on
     * 30 June of Y+1 and is kept {@code years} years after.
     */
    static int throughStartYear(Instant now, int years, java.time.ZoneId zone) {
        LocalDate d = LocalDate.ofInstant(now, zone).minusYears(years);
        return d.isAfter(LocalDate.of(d.getYear(), 6, 30)) ? d.getYear() - 1 : d.getYear() - 2;
    }

    @Scheduled(every = "${portfolio.performance.retention.every:6h}", delayed = "${portfolio.performance.retention.delay:5m}",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void scheduled() {
        try {
            purge();
        } catch (RuntimeException e) {
            LOG.warnf("The retention purge failed (%s); it runs again at the next interval", e.toString());
        }
    }

    /**
     * Purges what the policy no longer keeps, once: returns the audits written (none when nothing was due, or when
     * another replica is purging right now).
     */
    public List<RecordPurge> purge() {
        // 15 minutes, not the default minute: a first purge over a district's loaded history, or one after the retention
        // was shortened, deletes several school years at once, which took longer than the minute, rolled back and was
        // tried again every 6 hours for ever (hostile read of the twenty-second pass, M1; not batched yet)
        return QuarkusTransaction.requiringNew().timeout(900).call(() -> {
            Instant now = clock.instant();
            List<RecordPurge> out = new ArrayList<>();
            try (Connection c = store.connection()) {
                if (!store.tryPurgeLock(c)) {
                    LOG.info("Retention purge skipped: another instance is purging");
                    return out;
                }
                for (CorrectionKind k : CorrectionKind.values()) {
                    int years = k == CorrectionKind.ASSESSMENT ? config.retention().assessmentYears()
                            : config.retention().attendanceYears();
                    int through = throughStartYear(now, years, config.timeZone());
                    long[] n = store.purge(c, k, through, now);
                    if (n[0] == 0 && n[1] == 0) {
                        continue;
                    }
                    RecordPurge p = new RecordPurge(UUID.randomUUID(), RecordPurge.PurgeKind.RETENTION, k,
                            SchoolYear.of(through), null, null, null, SYSTEM, now,
                            k == CorrectionKind.ASSESSMENT ? n[0] : 0, k == CorrectionKind.ATTENDANCE ? n[0] : 0, n[1], n[2]);
                    store.insert(c, p);
                    out.add(p);
                    LOG.infof("Retention purge %s: %d %s record(s) of school years through %s deleted (kept %d years), "
                            + "%d correction audit item(s)", p.id(), n[0], k, p.throughYear(), years, n[1]);
                }
            }
            return out;
        });
    }

    /** Deletes one student's records (every school, or one) and blanks them in the correction audit; audited. */
    @Transactional
    public RecordPurge erase(String studentId, UUID schoolId, String reason, String clientId) throws SQLException {
        if (reason.toLowerCase(Locale.ROOT).contains(studentId.toLowerCase(Locale.ROOT))) {
            throw ProblemException.invalid("reason", "must not contain the student id: the audit keeps no student id");
        }
        Instant now = clock.instant();
        try (Connection c = store.connection()) {
            long[] n = store.erase(c, studentId, schoolId, now);
            RecordPurge p = new RecordPurge(UUID.randomUUID(), RecordPurge.PurgeKind.ERASURE, null, null,
                    hash(studentId), schoolId, org.portfolio.platform.web.text.Texts.strip(reason), clientId, now, n[0], n[1], n[2], n[3]);
            store.insert(c, p);
            LOG.infof("Erasure %s by %s: %d assessment result(s), %d attendance record(s) deleted, %d correction audit "
                    + "item(s) blanked, %d correction note(s) erased", p.id(), clientId, n[0], n[1], n[2], n[3]);
            return p;
        }
    }

    @Transactional(Transactional.TxType.SUPPORTS)
    public Page<RecordPurge> purges(int page, int size) throws SQLException {
        return new Page<>(store.purges(page, size), page, size, store.countPurges());
    }

    String hash(String studentId) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(config.retention().hashKey().getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
            return HexFormat.of().formatHex(mac.doFinal(studentId.getBytes(StandardCharsets.UTF_8)));
        } catch (java.security.GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }
}
