package org.portfolio.enrollment.events;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * Data of {@code portfolio.enrollment.MatchPublished.v1} (subject and key: the period id). Aggregates only: no
 * applicant appears in it. See docs/events.md.
 */
public record MatchPublished(UUID periodId, String name, String schoolYear, int round, Instant publishedAt,
                             String lotterySeed, int applicants, int matched, List<ProgramResult> programs,
                             List<MatchRun> matchRuns, List<OtherPeriod> otherPeriodsOfTheRound,
                             int otherPeriodsOfTheRoundTotal) {

    /** Other periods listed at most (the newest seeds first); {@code otherPeriodsOfTheRoundTotal} counts them all. */
    public static final int MAX_OTHER_PERIODS = 100;

    /**
     * Another period of the same school year and round that drew a lottery seed: a second period over the same
     * applicants, closed (a fresh seed) and matched until a result suits, is a redraw the published round must show
     * (third pass of 2026-12-05). Its seed's digest and how often it was matched; never an applicant.
     */
    public record OtherPeriod(UUID periodId, String name, String status, String lotterySeedSha256, Instant seedRecordedAt,
                              int matchRuns) {
    }

    public static final String NAME = "MatchPublished";

    /**
     * Every stored match of the round in order, the published one last: a discarded or superseded run is listed with
     * when it was discarded and the digest of its offers, so nobody can redraw a round unseen.
     */
    public record MatchRun(int run, Instant matchedAt, int applicants, int matched, String resultsSha256, Instant discardedAt) {
    }

    /**
     * A program's figures; {@code cutoff} is its open block's (kept from before {@code blocks}); {@code blocks} every
     * seat block in order, the open seats first, null (absent) when the round's blocks do not fit one event
     * ({@link #withoutBlocks()}).
     */
    public record ProgramResult(UUID programId, UUID schoolId, String grade, int seats, int applicants, int firstChoices,
                                int offers, Cutoff cutoff, List<Block> blocks) {
    }

    /** The last admitted to the program's open seats; null when not every seat was taken. */
    public record Cutoff(String group, double lottery) {
    }

    /**
     * A seat block as the match left it: 0 = the open seats, k = the program's k-th set-aside ({@code group}, null for
     * the open seats). The cutoff (the last admitted's priority group and lottery number) is the open seats' only, null
     * when they did not fill: a set-aside's cutoff, or whether its last admitted is a member of its group, would tell a
     * child's FRL, ELL or IEP membership to anyone who knows that child's lottery number (families share them); the
     * statistics keep every block's cutoff for the offices.
     */
    public record Block(int block, String group, int seats, int filled, String cutoffGroup, Double cutoffLottery) {
    }

    /** The same round without the programs' seat blocks (all of them: a partial list would read as the whole). */
    public MatchPublished withoutBlocks() {
        return new MatchPublished(periodId, name, schoolYear, round, publishedAt, lotterySeed, applicants, matched,
                programs.stream().map(p -> new ProgramResult(p.programId(), p.schoolId(), p.grade(), p.seats(), p.applicants(),
                        p.firstChoices(), p.offers(), p.cutoff(), null)).toList(),
                matchRuns, otherPeriodsOfTheRound, otherPeriodsOfTheRoundTotal);
    }
}
