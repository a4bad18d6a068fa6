package org.portfolio.enrollment.service;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.narayana.jta.runtime.TransactionConfiguration;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;
import org.jboss.logging.Logger;
import org.portfolio.enrollment.domain.EnrollmentPeriod;
import org.portfolio.enrollment.domain.Lottery;
import org.portfolio.enrollment.domain.OfferStatus;
import org.portfolio.enrollment.domain.ParticipatingSchool;
import org.portfolio.enrollment.domain.PeriodStatus;
import org.portfolio.enrollment.domain.Program;
import org.portfolio.enrollment.domain.SeatBlock;
import org.portfolio.enrollment.domain.WaitlistEntry;
import org.portfolio.enrollment.events.DemandReported;
import org.portfolio.enrollment.events.MatchPublished;
import org.portfolio.enrollment.repository.EarlierRounds;
import org.portfolio.enrollment.repository.MatchRunRepository;
import org.portfolio.enrollment.repository.MatchStore;
import org.portfolio.enrollment.domain.ResultsDigest;
import org.portfolio.enrollment.repository.OfferRepository;
import org.portfolio.enrollment.repository.ParticipatingSchoolRepository;
import org.portfolio.enrollment.repository.PeriodRepository;
import org.portfolio.enrollment.repository.ProgramRepository;
import org.portfolio.enrollment.repository.WaitlistRepository;
import org.portfolio.platform.events.outbox.Outbox;
import org.portfolio.platform.web.problem.FieldError;
import org.portfolio.platform.web.problem.ProblemException;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/** Runs, simulates, discards and publishes a period's match. */
@ApplicationScoped
@Transactional
public class MatchService {

    /** The one clock of every time this service records or decides by (a test moves it; platform-web's ClockProducer). */
    @Inject
    java.time.Clock clock;

    private static final Logger LOG = Logger.getLogger(MatchService.class);

    @Inject
    PeriodRepository periods;
    @Inject
    ProgramRepository programs;
    @Inject
    ParticipatingSchoolRepository schools;
    @Inject
    OfferRepository offers;
    @Inject
    WaitlistRepository waitlists;
    @Inject
    MatchStore store;
    @Inject
    MatchRunRepository runs;
    @Inject
    EarlierRounds earlierRounds;
    @Inject
    Outbox outbox;
    @Inject
    EntityManager em;
    @Inject
    ObjectMapper mapper;

    /** The summary of a match or a simulation. */
    public record Summary(UUID periodId, boolean simulation, String seed, int applicants, int matched, long millisRead,
                          long millisMatch, long millisWrite, List<ProgramFigures> programs) {
    }

    /** A program's figures in a match; {@code blocks} every seat block, the open seats first (never empty). */
    public record ProgramFigures(UUID programId, UUID schoolId, String grade, String name, boolean participating, int seats,
                                 int applicants, int firstChoices, int offers, List<SeatBlock> blocks) {

        /** The open seats' block (block 0), whose cutoff the answer also gives on its own. */
        public SeatBlock open() {
            return blocks.get(0);
        }
    }

    /** Stored runs a period may have (each is published in MatchPublished.matchRuns). */
    public static final int MAX_RUNS = 100;

    /** CLOSED or MATCHED → MATCHED: draws the lottery from the recorded seed, matches, stores offers and waitlists. */
    @TransactionConfiguration(timeout = 900)
    public Summary run(UUID periodId) {
        EnrollmentPeriod period = periods.findForUpdate(periodId).orElseThrow(() -> ProblemException.notFound("Period", periodId));
        if (period.status != PeriodStatus.CLOSED && period.status != PeriodStatus.MATCHED) {
            throw ProblemException.conflict(EnrollmentProblems.INVALID_TRANSITION,
                    "Period " + periodId + " is " + period.status + "; the match runs on a CLOSED (or re-runs on a MATCHED) period");
        }
        if (runs.count(periodId) >= MAX_RUNS) {
            // every run is listed in MatchPublished: an unbounded list would outgrow what one event may carry
            throw ProblemException.conflict(EnrollmentProblems.TOO_MANY_RUNS, "Period " + periodId + " has been matched "
                    + MAX_RUNS + " times; publish one of them");
        }
        long t0 = System.nanoTime();
        Loaded l = load(period, Map.of(), true);
        long t1 = System.nanoTime();
        MatchComputation m = new MatchComputation(l.programs, l.participating, l.zones, l.blocks, l.apps).run(period.lotterySeed);
        long t2 = System.nanoTime();
        store.deleteResults(periodId);
        LOG.infof("Period %s: previous results deleted (%d ms)", periodId, (System.nanoTime() - t2) / 1_000_000);
        String digest = write(period, m);
        int runNo = runs.record(periodId, clock.instant(), m.apps.size(), m.matched, digest);
        if (period.previousPeriodId != null) {
            // the previous round's seats were counted into this round: its waitlists stop moving now
            waitlists.closeAll(period.previousPeriodId);
        }
        period.status = PeriodStatus.MATCHED;
        period.matchedAt = clock.instant();
        period.applicantsTotal = m.apps.size();
        period.applicantsMatched = m.matched;
        period.touch(clock.instant());
        long t3 = System.nanoTime();
        LOG.infof("Period %s matched (run %d): %d applicants, %d matched, %d programs (read %d ms, match %d ms, write %d ms)",
                periodId, runNo, m.apps.size(), m.matched, l.programs.size(), (t1 - t0) / 1_000_000, (t2 - t1) / 1_000_000,
                (t3 - t2) / 1_000_000);
        return summary(period.id, false, null, m, l, (t1 - t0) / 1_000_000, (t2 - t1) / 1_000_000, (t3 - t2) / 1_000_000);
    }

    /**
     * A what-if run on the current applications: any seed (a fresh random one by default; never the period's secret
     * seed before publication) and optional seat changes. Stores and publishes nothing.
     */
    @TransactionConfiguration(timeout = 900)
    public Summary simulate(UUID periodId, String seed, Map<UUID, Integer> seatOverrides) {
        EnrollmentPeriod period = periods.findByIdOptional(periodId).orElseThrow(() -> ProblemException.notFound("Period", periodId));
        if (period.status == PeriodStatus.DRAFT) {
            throw ProblemException.conflict(EnrollmentProblems.INVALID_TRANSITION, "Period " + periodId + " is DRAFT: no applications yet");
        }
        String s = seed == null || seed.isBlank() ? Lottery.newSeed() : seed;
        long t0 = System.nanoTime();
        Loaded l = load(period, seatOverrides, false);
        long t1 = System.nanoTime();
        MatchComputation m = new MatchComputation(l.programs, l.participating, l.zones, l.blocks, l.apps).run(s);
        long t2 = System.nanoTime();
        return summary(period.id, true, s, m, l, (t1 - t0) / 1_000_000, (t2 - t1) / 1_000_000, 0);
    }

    /**
     * MATCHED → CLOSED: throws the stored results away. The seed stays recorded and the run stays on record as
     * discarded (with the digest of its offers): the published round shows every run, so a discarded match cannot be
     * hidden; a period once matched never reopens, so its applications cannot change before a rerun. Given 15 minutes as
     * the match is: it deletes every offer and waitlist entry the match wrote (hostile read of the twenty-second pass, L4).
     */
    @TransactionConfiguration(timeout = 900)
    public EnrollmentPeriod discard(UUID periodId) {
        EnrollmentPeriod period = periods.findForUpdate(periodId).orElseThrow(() -> ProblemException.notFound("Period", periodId));
        if (period.status != PeriodStatus.MATCHED) {
            throw ProblemException.conflict(EnrollmentProblems.INVALID_TRANSITION,
                    "Period " + periodId + " is " + period.status + "; only a MATCHED period's results can be discarded");
        }
        store.deleteResults(periodId);
        runs.discardLatest(periodId, clock.instant());
        period.status = PeriodStatus.CLOSED;
        period.matchedAt = null;
        period.applicantsMatched = null;
        period.applicantsTotal = null;
        period.touch(clock.instant());
        return period;
    }

    /** MATCHED → PUBLISHED: offers go out with their deadline, the seed is revealed, the events are published. */
    public EnrollmentPeriod publish(UUID periodId) {
        EnrollmentPeriod period = periods.findForUpdate(periodId).orElseThrow(() -> ProblemException.notFound("Period", periodId));
        if (period.status != PeriodStatus.MATCHED) {
            throw ProblemException.conflict(EnrollmentProblems.INVALID_TRANSITION,
                    "Period " + periodId + " is " + period.status + "; only a MATCHED period can be published");
        }
        if (!period.offerDeadline.isAfter(clock.instant())) {
            // the expiry job would expire every offer within a minute: families never get to answer (third pass)
            throw ProblemException.conflict(EnrollmentProblems.OFFER_DEADLINE_PASSED, "Period " + periodId + "'s offer deadline "
                    + period.offerDeadline + " has passed; set a later one (PUT /periods/" + periodId + ", offerDeadline) and publish");
        }
        // the offers take the period's deadline as it is now (it may have moved since the match)
        var deadline = java.time.OffsetDateTime.ofInstant(period.offerDeadline, java.time.ZoneOffset.UTC);
        store.execute("update offer set deadline = ? where period_id = ? and status = 'OFFERED' and deadline <> ?",
                deadline, periodId, deadline);
        period.status = PeriodStatus.PUBLISHED;
        period.publishedAt = clock.instant();
        period.touch(clock.instant());
        List<Program> ps = programs.listByPeriod(periodId);
        Map<UUID, Object[]> stats = new HashMap<>();
        for (Object[] r : store.query("select program_id, seats, applicants, first_choices, offers from program_statistics where period_id = ?", periodId)) {
            stats.put((UUID) r[0], r);
        }
        Map<UUID, List<SeatBlock>> blocks = store.blocks(periodId);
        List<MatchPublished.ProgramResult> results = new ArrayList<>();
        Map<UUID, int[]> bySchool = new LinkedHashMap<>();
        for (Program p : ps) {
            Object[] st = stats.get(p.id);
            int seats = st == null ? 0 : (Integer) st[1];
            int applicants = st == null ? 0 : (Integer) st[2];
            int first = st == null ? 0 : (Integer) st[3];
            int offered = st == null ? 0 : (Integer) st[4];
            List<SeatBlock> stored = blocks.getOrDefault(p.id, List.of());
            SeatBlock open = stored.isEmpty() ? null : stored.get(0);
            MatchPublished.Cutoff cutoff = open == null || open.cutoffGroup() == null ? null
                    : new MatchPublished.Cutoff(open.cutoffGroup().name(), open.cutoffLottery());
            results.add(new MatchPublished.ProgramResult(p.id, p.schoolId, p.grade, seats, applicants, first, offered, cutoff,
                    stored.isEmpty() ? null : stored.stream().map(MatchService::published).toList()));
            int[] agg = bySchool.computeIfAbsent(p.schoolId, k -> new int[4]);
            agg[0] += applicants;
            agg[1] += first;
            agg[2] += seats;
            agg[3] += offered;
        }
        MatchPublished round = new MatchPublished(period.id, period.name,
                period.schoolYear, period.round, period.publishedAt, period.lotterySeed,
                period.applicantsTotal == null ? 0 : period.applicantsTotal,
                period.applicantsMatched == null ? 0 : period.applicantsMatched, results,
                runs.list(periodId).stream().map(r -> new MatchPublished.MatchRun(r.run(), r.matchedAt(), r.applicants(),
                        r.matched(), r.resultsSha256(), r.discardedAt())).toList(),
                otherPeriodsOfTheRound(period), (int) periods.count("schoolYear = ?1 and round = ?2 and id <> ?3 and lotterySeedSha256 is not null",
                        period.schoolYear, period.round, period.id));
        outbox.publish("EnrollmentPeriod", period.id, MatchPublished.NAME, period.id, withBlocksIfTheyFit(mapper, round));
        // a school's applicants are children, each once however many of its programs they ranked: performance-service
        // takes this count as the n of FAMILY_DEMAND, and 3 children ranking 4 programs each passed a minimum n of 10
        // (third pass of 2026-12-05)
        Map<UUID, Integer> children = new HashMap<>();
        for (Object[] r : store.query("""
                select p.school_id, count(distinct a.applicant_id) from application a
                join application_choice c on c.application_id = a.id join program p on p.id = c.program_id
                where a.period_id = ? group by p.school_id""", periodId)) {
            children.put((UUID) r[0], ((Number) r[1]).intValue());
        }
        bySchool.forEach((school, a) -> outbox.publish("EnrollmentPeriod", period.id, DemandReported.NAME, school,
                new DemandReported(period.id, period.schoolYear, period.round, school, Math.min(a[0], children.getOrDefault(school, a[0])),
                        a[1], a[2], a[3])));
        return period;
    }

    /**
     * A stored seat block as MatchPublished carries it: a set-aside's seats and how many were filled, its cutoff only
     * for the open seats. A set-aside's cutoff would say a child's FRL, ELL or IEP membership: with two set-asides, the
     * second's cutoff was turned away by the first, so whichever of their cutoffs ranks better tells which child holds
     * the first's membership, and families share lottery numbers (hostile read of the eleventh pass; the statistics
     * keep every block's cutoff for the offices).
     */
    private static MatchPublished.Block published(SeatBlock b) {
        boolean open = b.block() == 0;
        return new MatchPublished.Block(b.block(), b.group(), b.seats(), b.filled(),
                !open || b.cutoffGroup() == null ? null : b.cutoffGroup().name(), open ? b.cutoffLottery() : null);
    }

    /**
     * The round as published: with every program's seat blocks when the event still fits what the outbox takes, else
     * without any. Every program is listed with its figures and open cutoff (3,000 programs at most, which fit), but a
     * program may have up to 9 blocks: the widest round with its blocks would be several times too large, and a round
     * that cannot be published is stuck. A round of 1,000 programs with two set-asides each, every figure at its widest,
     * keeps its blocks ({@code ProgramLimitTest}); the statistics carry them always.
     */
    public static MatchPublished withBlocksIfTheyFit(ObjectMapper mapper, MatchPublished round) {
        try {
            return Outbox.utf8Length(mapper.writeValueAsString(round)) <= Outbox.MAX_PAYLOAD_BYTES ? round : round.withoutBlocks();
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("MatchPublished is not serialisable: " + e.getMessage(), e);
        }
    }

    /** The newest {@link MatchPublished#MAX_OTHER_PERIODS} other periods of the school year and round that drew a seed. */
    private List<MatchPublished.OtherPeriod> otherPeriodsOfTheRound(EnrollmentPeriod period) {
        return periods.find("schoolYear = ?1 and round = ?2 and id <> ?3 and lotterySeedSha256 is not null "
                                + "order by seedRecordedAt desc, id", period.schoolYear, period.round, period.id)
                .page(0, MatchPublished.MAX_OTHER_PERIODS).list().stream()
                .map(o -> new MatchPublished.OtherPeriod(o.id, o.name, o.status.name(), o.lotterySeedSha256, o.seedRecordedAt,
                        runs.count(o.id))).toList();
    }

    // ---------------------------------------------------------------------------------------------------------------

    /** @param blocks per program its seats per block this run ([open, set-aside 0, …]; all 0 when it does not take part) */
    private record Loaded(List<Program> programs, boolean[] participating, String[] zones, int[][] blocks,
                          MatchStore.Applications apps) {
    }

    private Loaded load(EnrollmentPeriod period, Map<UUID, Integer> seatOverrides, boolean recordZones) {
        em.flush();
        List<Program> ps = programs.listByPeriod(period.id);
        Map<UUID, ParticipatingSchool> bySchool = new HashMap<>();
        schools.listAll().forEach(s -> bySchool.put(s.schoolId, s));
        Map<UUID, Integer> index = new HashMap<>();
        boolean[] participating = new boolean[ps.size()];
        String[] zones = new String[ps.size()];
        int[] seats = new int[ps.size()];
        Map<UUID, EarlierRounds.Held> heldBefore = period.previousPeriodId == null ? Map.of() : earlierRounds.held(period.id);
        Map<UUID, String> zonesAtClose = zonesAtClose(period, recordZones);
        for (int i = 0; i < ps.size(); i++) {
            Program p = ps.get(i);
            index.put(p.id, i);
            ParticipatingSchool s = bySchool.get(p.schoolId);
            participating[i] = s != null && s.takesPart();
            // the zone as it stood at the close (E4); participation and earlier rounds' held seats stay live: a school
            // closed or under revocation since must get no offers, and a seat held or freed since is the truth
            zones[i] = zonesAtClose.containsKey(p.schoolId) ? zonesAtClose.get(p.schoolId) : s == null ? null : s.zone;
            seats[i] = Math.max(0, p.seats - heldBefore.getOrDefault(p.id, EarlierRounds.Held.NONE).total());
        }
        for (Map.Entry<UUID, Integer> o : seatOverrides.entrySet()) {
            Integer i = index.get(o.getKey());
            if (i == null) {
                throw ProblemException.unprocessable("Program " + o.getKey() + " is not a program of this period",
                        new FieldError("seats", "unknown program " + o.getKey()));
            }
            seats[i] = o.getValue();
        }
        int[][] blocks = new int[ps.size()][];
        for (int i = 0; i < ps.size(); i++) {
            // a set-aside reserves what it is still owed of the program's seats, not its share again of the seats left (E9)
            EarlierRounds.Held held = heldBefore.getOrDefault(ps.get(i).id, EarlierRounds.Held.NONE);
            blocks[i] = ps.get(i).blockSeats(participating[i] ? seats[i] : 0, held.total(), held.reservedByGroup());
        }
        return new Loaded(ps, participating, zones, blocks, store.loadApplications(period.id, index));
    }

    /**
     * Each school's zone recorded when the window closed (empty while the period is open: the what-if reads live). A
     * closed or matched period without a record (closed by a replica still on the code before V5, during a rolling
     * deploy) is recorded at its first run (under the period's lock), so every later run reads the same zones; a
     * what-if stores nothing and reads them live until then.
     */
    private Map<UUID, String> zonesAtClose(EnrollmentPeriod period, boolean recordIfMissing) {
        if (period.status == PeriodStatus.DRAFT || period.status == PeriodStatus.OPEN) {
            return Map.of();
        }
        Map<UUID, String> zones = store.schoolZonesAtClose(period.id);
        if (recordIfMissing && zones.isEmpty() && (period.status == PeriodStatus.CLOSED || period.status == PeriodStatus.MATCHED)) {
            store.freezeSchoolZones(period.id);
            zones = store.schoolZonesAtClose(period.id);
        }
        return zones;
    }

    private String write(EnrollmentPeriod period, MatchComputation m) {
        int n = m.apps.size();
        UUID[] ids = m.apps.applicants();
        String pid = period.id.toString();
        String now = clock.instant().toString();
        String deadline = period.offerDeadline.toString();
        StringBuilder offerRows = new StringBuilder(n * 200);
        String[] programIds = new String[m.programs.size()];
        for (int p = 0; p < programIds.length; p++) {
            programIds[p] = m.programs.get(p).id.toString();
        }
        String[] applicantIds = new String[n];
        int[] cs = m.apps.choiceStart();
        // waitlist entries (choice indexes) grouped by program and in waitlist order, so the index inserts are local
        int[] perProgram = new int[m.programs.size() + 1];
        int waiting = 0;
        for (int s = 0; s < n; s++) {
            applicantIds[s] = ids[s].toString();
        }
        // offers in applicant id order with time-ordered ids: the offer indexes are filled in key order
        Integer[] byApplicant = new Integer[n];
        for (int s = 0; s < n; s++) {
            byApplicant[s] = s;
        }
        java.util.Arrays.sort(byApplicant, (x, y) -> applicantIds[x].compareTo(applicantIds[y]));
        OrderedIds offerIds = new OrderedIds(clock.millis());
        ResultsDigest digest = new ResultsDigest();
        for (int s : byApplicant) {
            String a = applicantIds[s];
            int assigned = m.result.assignedChoice[s];
            int end = assigned >= 0 ? assigned : cs[s + 1];
            digest.add(a, assigned >= 0 ? programIds[m.apps.choiceProgram()[assigned]] : null);
            if (assigned >= 0) {
                int p = m.apps.choiceProgram()[assigned];
                offerRows.append(offerIds.next()).append('\t').append(pid).append('\t').append(a).append('\t')
                        .append(programIds[p]).append('\t').append(assigned - cs[s] + 1).append('\t')
                        .append(m.blockOf(m.result.assignedSlot[s])).append('\t').append(m.choiceGroup[assigned].name()).append('\t')
                        .append(m.lottery[s]).append("\tMATCH\t").append(OfferStatus.OFFERED.name()).append('\t')
                        .append(deadline).append('\t').append(now).append("\t\\N\t0\n");
            }
            for (int c = cs[s]; c < end; c++) {
                int p = m.apps.choiceProgram()[c];
                if (m.participating[p]) {
                    perProgram[p + 1]++;
                    waiting++;
                }
            }
        }
        for (int p = 0; p < m.programs.size(); p++) {
            perProgram[p + 1] += perProgram[p];
        }
        int[] entries = new int[waiting];
        int[] owner = new int[waiting];
        int[] fill = java.util.Arrays.copyOf(perProgram, m.programs.size());
        for (int s = 0; s < n; s++) {
            int assigned = m.result.assignedChoice[s];
            int end = assigned >= 0 ? assigned : cs[s + 1];
            for (int c = cs[s]; c < end; c++) {
                int p = m.apps.choiceProgram()[c];
                if (m.participating[p]) {
                    int at = fill[p]++;
                    entries[at] = c;
                    owner[at] = s;
                }
            }
        }
        // within a program: by (tier, lottery rank) — a key that sorts as a long
        long[] order = new long[waiting];
        for (int i = 0; i < waiting; i++) {
            order[i] = ((long) m.choiceTier[entries[i]] << 32) | (m.rank[owner[i]] & 0xFFFFFFFFL);
        }
        StringBuilder wait = new StringBuilder(Math.max(16, waiting) * 150);
        int[] choiceOf = new int[n];
        for (int p = 0; p < m.programs.size(); p++) {
            int from = perProgram[p], to = perProgram[p + 1];
            for (int j = from; j < to; j++) {
                choiceOf[owner[j]] = entries[j];
            }
            long[] keys = java.util.Arrays.copyOfRange(order, from, to);
            java.util.Arrays.sort(keys);
            for (long key : keys) {
                int s = m.result.rankToStudent[(int) key];
                int c = choiceOf[s];
                wait.append(programIds[p]).append('\t').append(applicantIds[s]).append('\t').append(pid).append('\t')
                        .append(c - cs[s] + 1).append('\t').append(m.choiceGroup[c].name()).append('\t').append(m.choiceTier[c])
                        .append('\t').append(m.choiceMask[c]).append('\t').append(m.lottery[s]).append('\t').append(m.rank[s])
                        .append('\t').append(WaitlistEntry.WAITING).append('\n');
            }
        }
        long t0 = System.nanoTime();
        long t1 = t0;
        store.copyIn("offer", "id, period_id, applicant_id, program_id, choice_rank, block, priority_group, lottery, source, status, deadline, created_at, responded_at, version", offerRows);
        offerRows = null;
        long t2 = System.nanoTime();
        store.copyIn("waitlist_entry", "program_id, applicant_id, period_id, choice_rank, priority_group, priority_tier, reserve_mask, lottery, lottery_rank, status", wait);
        wait = null;
        long t3 = System.nanoTime();
        LOG.infof("Period %s: wrote %d offers (%d ms), %d waitlist entries (%d ms)", period.id, m.matched,
                (t2 - t1) / 1_000_000, waiting, (t3 - t2) / 1_000_000);
        StringBuilder blocks = new StringBuilder();
        StringBuilder stats = new StringBuilder();
        for (int p = 0; p < m.programs.size(); p++) {
            int seats = 0;
            for (SeatBlock b : m.blocks(p)) {
                seats += b.seats();
                MatchStore.appendBlock(blocks, programIds[p], b);
            }
            stats.append(programIds[p]).append('\t').append(pid).append('\t').append(seats).append('\t')
                    .append(m.applicantsPerProgram[p]).append('\t').append(m.firstChoicesPerProgram[p]).append('\t')
                    .append(m.offersPerProgram[p]).append('\t').append(m.participating[p] ? "t" : "f").append('\n');
        }
        store.copyIn("program_block", MatchStore.BLOCK_COLUMNS, blocks);
        store.copyIn("program_statistics", "program_id, period_id, seats, applicants, first_choices, offers, participating", stats);
        return digest.sha256();
    }

    private Summary summary(UUID periodId, boolean simulation, String seed, MatchComputation m, Loaded l, long read, long match, long write) {
        List<ProgramFigures> figures = new ArrayList<>();
        for (int p = 0; p < l.programs.size(); p++) {
            Program pr = l.programs.get(p);
            List<SeatBlock> blocks = m.blocks(p);
            figures.add(new ProgramFigures(pr.id, pr.schoolId, pr.grade, pr.name, l.participating[p],
                    blocks.stream().mapToInt(SeatBlock::seats).sum(), m.applicantsPerProgram[p], m.firstChoicesPerProgram[p],
                    m.offersPerProgram[p], blocks));
        }
        return new Summary(periodId, simulation, seed, m.apps.size(), m.matched, read, match, write, figures);
    }

    /** Time-ordered UUIDs (version 7 layout: 48-bit milliseconds, then a counter), increasing within one match. */
    static final class OrderedIds {
        private final long millis;
        private final long random = java.util.concurrent.ThreadLocalRandom.current().nextLong() & 0x3FFFFFFFFFFL;
        private long counter;

        OrderedIds(long millis) {
            this.millis = millis;
        }

        UUID next() {
            long c = counter++;
            long msb = (millis << 16) | 0x7000L | ((c >>> 20) & 0xFFFL);
            long lsb = 0x8000000000000000L | ((c & 0xFFFFFL) << 42) | random;
            return new UUID(msb, lsb);
        }
    }
}
