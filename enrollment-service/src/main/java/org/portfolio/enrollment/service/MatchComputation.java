package org.portfolio.enrollment.service;

import org.portfolio.enrollment.domain.ApplicantProfile;
import org.portfolio.enrollment.domain.Lottery;
import org.portfolio.enrollment.domain.PriorityGroup;
import org.portfolio.enrollment.domain.PriorityRules;
import org.portfolio.enrollment.domain.Program;
import org.portfolio.enrollment.domain.SeatBlock;
import org.portfolio.enrollment.match.Keys;
import org.portfolio.enrollment.match.ProgramMatch;
import org.portfolio.enrollment.repository.MatchStore;

import java.util.ArrayList;
import java.util.List;

/**
 * One match of a period in memory: the lottery from the seed, each applicant's priority group and set-aside
 * membership at each program it ranks, and the deferred acceptance of {@link ProgramMatch} (the same engine as the
 * offline CLI). Used by the real match (which then stores the result) and by the what-if simulation (which does not).
 */
final class MatchComputation {

    /** Cutoff of a seat block: the last admitted applicant's group, set-aside membership and lottery number. */
    private record Cutoff(PriorityGroup group, boolean member, double lottery) {
    }

    final List<Program> programs;
    final boolean[] participating;
    final int[][] blockSeats;
    final MatchStore.Applications apps;
    final List<PriorityGroup>[] orders;

    double[] lottery;
    int[] rank;
    int[] choiceTier;
    PriorityGroup[] choiceGroup;
    int[] choiceMask;
    ProgramMatch.Result result;
    int[] applicantsPerProgram;
    int[] firstChoicesPerProgram;
    int[] offersPerProgram;
    int matched;

    /**
     * @param blockSeats per program the seats to fill per block, [open, set-aside 0, …] (its seats, or what earlier
     *                   rounds left, or a what-if override; all 0 for a program whose school does not take part)
     */
    @SuppressWarnings("unchecked")
    MatchComputation(List<Program> programs, boolean[] participating, String[] zones, int[][] blockSeats, MatchStore.Applications apps) {
        this.programs = programs;
        this.participating = participating;
        this.apps = apps;
        int np = programs.size();
        this.blockSeats = blockSeats;
        this.orders = new List[np];
        for (int p = 0; p < np; p++) {
            orders[p] = programs.get(p).priorities();
        }
        this.zones = zones;
    }

    private final String[] zones;

    MatchComputation run(String seed) {
        int n = apps.size();
        int np = programs.size();
        Lottery.Drawer drawer = new Lottery.Drawer(seed);
        lottery = new double[n];
        String[] ids = new String[n];
        for (int s = 0; s < n; s++) {
            lottery[s] = drawer.number(apps.applicants()[s]);
            ids[s] = apps.applicants()[s].toString();
        }
        rank = Keys.ranks(lottery, ids);
        int total = apps.choiceStart()[n];
        choiceTier = new int[total];
        choiceGroup = new PriorityGroup[total];
        choiceMask = new int[total];
        applicantsPerProgram = new int[np];
        firstChoicesPerProgram = new int[np];
        String[] schoolIds = new String[np];
        for (int p = 0; p < np; p++) {
            schoolIds[p] = programs.get(p).schoolId.toString();
        }
        for (int s = 0; s < n; s++) {
            ApplicantProfile a = apps.profiles()[s];
            for (int c = apps.choiceStart()[s]; c < apps.choiceStart()[s + 1]; c++) {
                int p = apps.choiceProgram()[c];
                Program pr = programs.get(p);
                PriorityRules.Priority prio = PriorityRules.priority(a, orders[p], pr.schoolId, schoolIds[p], zones[p]);
                choiceTier[c] = prio.tier();
                choiceGroup[c] = prio.group();
                choiceMask[c] = pr.setAsides.isEmpty() ? 0 : PriorityRules.setAsideMask(a, pr.setAsides, pr.schoolId, schoolIds[p], zones[p]);
                applicantsPerProgram[p]++;
                if (c == apps.choiceStart()[s]) {
                    firstChoicesPerProgram[p]++;
                }
            }
        }
        int[] open = new int[np];
        int[][] reserve = new int[np][];
        for (int p = 0; p < np; p++) {
            open[p] = blockSeats[p][0];
            reserve[p] = java.util.Arrays.copyOfRange(blockSeats[p], 1, blockSeats[p].length);
        }
        result = ProgramMatch.run(new ProgramMatch.MatchInput(open, reserve, rank, apps.choiceStart(), apps.choiceProgram(),
                choiceTier, choiceMask));
        offersPerProgram = new int[np];
        matched = 0;
        for (int s = 0; s < n; s++) {
            if (result.assignedProgram[s] >= 0) {
                offersPerProgram[result.assignedProgram[s]]++;
                matched++;
            }
        }
        return this;
    }

    /** Block index within its program: 0 open, k+1 set-aside k. */
    int blockOf(int slot) {
        return result.slotReserve[slot] + 1;
    }

    private int slot(int program, int block) {
        return result.programFirstSlot[program] + block;
    }

    /**
     * A program's seat blocks as this match left them, the open seats first: what the real match stores (and the
     * statistics, the explanations and MatchPublished read back) and what the match summary answers, computed here only.
     */
    List<SeatBlock> blocks(int program) {
        Program pr = programs.get(program);
        int[] seats = blockSeats[program];
        List<SeatBlock> out = new ArrayList<>(seats.length);
        for (int b = 0; b < seats.length; b++) {
            Cutoff c = cutoff(program, b);
            out.add(new SeatBlock(b, b == 0 ? null : pr.setAsides.get(b - 1).group, seats[b], result.slotFilled[slot(program, b)],
                    c == null ? null : c.group(), c == null ? null : c.member(), c == null ? null : c.lottery()));
        }
        return out;
    }

    /** The last admitted at a block, or null when the block is not full. */
    private Cutoff cutoff(int program, int block) {
        long key = result.slotCutoff[slot(program, block)];
        if (key == Keys.NONE) {
            return null;
        }
        int tier = Keys.tier(key);
        boolean member = block == 0 || tier < Keys.NON_MEMBER;
        if (!member) {
            tier -= Keys.NON_MEMBER;
        }
        int student = result.rankToStudent[Keys.rank(key)];
        List<PriorityGroup> order = orders[program];
        PriorityGroup g = tier < order.size() ? order.get(tier) : PriorityGroup.GENERAL;
        return new Cutoff(g, member, lottery[student]);
    }
}
