package org.portfolio.enrollment.match;

/**
 * The match of programs whose seats may be split into blocks: one open block and, per set-aside, one reserved block
 * ({@link MatchInput}). It expands each student's ranked programs into ranked blocks and runs
 * {@link DeferredAcceptance} on them. The offline file match and the service's match both come through here.
 *
 * <p><b>Blocks.</b> Program p has {@code openSeats[p]} open seats, ordered by (priority group, lottery rank), and
 * for each set-aside k {@code reserveSeats[p][k]} reserved seats, ordered by (member of group k first, then
 * priority group, lottery rank). Reserved seats no member takes go to non-members in the same order (a "soft"
 * reserve: seats are never left empty while someone wants them).
 *
 * <p><b>Processing order.</b> A student who ranks p proposes to p's open block first, then to its reserved blocks
 * in the program's set-aside order, then to its next program. So a group member competes for the open seats on
 * equal terms and falls back on the reserved seats ("reserve processed last", which gives the group at least its
 * share when enough members apply, as in Boston's and New Orleans' practice). The result is stable with respect to
 * the block priorities: no student prefers a block (earlier in its expanded list) that is full only of students it
 * outranks there.
 */
public final class ProgramMatch {

    private ProgramMatch() {
    }

    /** Everything the match needs, as arrays. */
    public static final class MatchInput {
        /** Open seats per program. */
        public final int[] openSeats;
        /** Reserved seats per program and set-aside (null or empty when the program has none). */
        public final int[][] reserveSeats;
        /** Per student its rank in the single tie-break order (0..n-1, distinct). */
        public final int[] rank;
        /** Students' ranked programs, compressed rows: student s has {@code [choiceStart[s], choiceStart[s+1])}. */
        public final int[] choiceStart;
        public final int[] choiceProgram;
        /** The priority group (tier) of the student at each chosen program; lower is better. */
        public final int[] choicePriority;
        /** Per choice, bit k set when the student belongs to the group of the program's set-aside k (null: none). */
        public final int[] choiceReserveMask;

        public MatchInput(int[] openSeats, int[][] reserveSeats, int[] rank, int[] choiceStart, int[] choiceProgram,
                          int[] choicePriority, int[] choiceReserveMask) {
            this.openSeats = openSeats;
            this.reserveSeats = reserveSeats;
            this.rank = rank;
            this.choiceStart = choiceStart;
            this.choiceProgram = choiceProgram;
            this.choicePriority = choicePriority;
            this.choiceReserveMask = choiceReserveMask;
        }

        public int students() {
            return rank.length;
        }

        public int programs() {
            return openSeats.length;
        }

        int reserves(int p) {
            return reserveSeats == null || reserveSeats[p] == null ? 0 : reserveSeats[p].length;
        }
    }

    /** The outcome, program by program and block by block. */
    public static final class Result {
        /** Per student: index of the choice it is assigned to (into the input's choice arrays), or -1. */
        public final int[] assignedChoice;
        /** Per student: the program it is assigned to, or -1. */
        public final int[] assignedProgram;
        /** Per student: the block it holds, or -1. */
        public final int[] assignedSlot;
        /** Blocks: program, set-aside index (-1 = open block), seats, filled, cutoff key ({@link Keys#NONE} if not full). */
        public final int[] slotProgram;
        public final int[] slotReserve;
        public final int[] slotSeats;
        public final int[] slotFilled;
        public final long[] slotCutoff;
        /** First block of each program (blocks of a program are contiguous: open, then set-asides in order). */
        public final int[] programFirstSlot;
        /** Maps a rank back to the student. */
        public final int[] rankToStudent;
        public final long proposals;

        Result(int[] assignedChoice, int[] assignedProgram, int[] assignedSlot, int[] slotProgram, int[] slotReserve,
               int[] slotSeats, int[] slotFilled, long[] slotCutoff, int[] programFirstSlot, int[] rankToStudent,
               long proposals) {
            this.assignedChoice = assignedChoice;
            this.assignedProgram = assignedProgram;
            this.assignedSlot = assignedSlot;
            this.slotProgram = slotProgram;
            this.slotReserve = slotReserve;
            this.slotSeats = slotSeats;
            this.slotFilled = slotFilled;
            this.slotCutoff = slotCutoff;
            this.programFirstSlot = programFirstSlot;
            this.rankToStudent = rankToStudent;
            this.proposals = proposals;
        }

        public int programSlots(int p) {
            return programFirstSlot[p + 1] - programFirstSlot[p];
        }
    }

    /** The key a block has for a student who ranks its program with the given priority and set-aside membership. */
    public static long blockKey(int reserve, int priority, int reserveMask, int rank) {
        if (reserve < 0) {
            return Keys.key(priority, rank);
        }
        boolean member = (reserveMask & (1 << reserve)) != 0;
        return Keys.key(member ? priority : priority + Keys.NON_MEMBER, rank);
    }

    public static Result run(MatchInput in) {
        final int n = in.students();
        final int programs = in.programs();
        // blocks: per program the open block, then one per set-aside
        final int[] firstSlot = new int[programs + 1];
        boolean anyReserve = false;
        for (int p = 0; p < programs; p++) {
            int r = in.reserves(p);
            anyReserve |= r > 0;
            firstSlot[p + 1] = firstSlot[p] + 1 + r;
        }
        final int slots = firstSlot[programs];
        final int[] slotProgram = new int[slots];
        final int[] slotReserve = new int[slots];
        final int[] capacity = new int[slots];
        for (int p = 0; p < programs; p++) {
            int t = firstSlot[p];
            slotProgram[t] = p;
            slotReserve[t] = -1;
            capacity[t] = in.openSeats[p];
            for (int k = 0, r = in.reserves(p); k < r; k++) {
                slotProgram[t + 1 + k] = p;
                slotReserve[t + 1 + k] = k;
                capacity[t + 1 + k] = in.reserveSeats[p][k];
            }
        }
        final int[] rankToStudent = Keys.invert(in.rank);
        final int[] cs = in.choiceStart;
        final int totalChoices = cs[n];

        final int[] xStart;
        final int[] xSlot;
        final long[] xKey;
        final int[] xOrigin;
        if (!anyReserve) {
            // one block per program: the expanded lists are the lists themselves
            xStart = cs;
            xSlot = new int[totalChoices];
            xKey = new long[totalChoices];
            xOrigin = null;
            for (int s = 0; s < n; s++) {
                int rk = in.rank[s];
                for (int c = cs[s], e = cs[s + 1]; c < e; c++) {
                    xSlot[c] = firstSlot[in.choiceProgram[c]];
                    xKey[c] = Keys.key(in.choicePriority[c], rk);
                }
            }
        } else {
            int total = 0;
            for (int c = 0; c < totalChoices; c++) {
                total += 1 + in.reserves(in.choiceProgram[c]);
            }
            xStart = new int[n + 1];
            xSlot = new int[total];
            xKey = new long[total];
            xOrigin = new int[total];
            int x = 0;
            for (int s = 0; s < n; s++) {
                xStart[s] = x;
                int rk = in.rank[s];
                for (int c = cs[s], e = cs[s + 1]; c < e; c++) {
                    int p = in.choiceProgram[c];
                    int prio = in.choicePriority[c];
                    int mask = in.choiceReserveMask == null ? 0 : in.choiceReserveMask[c];
                    int t = firstSlot[p];
                    for (int k = -1, r = in.reserves(p); k < r; k++) {
                        xSlot[x] = t + 1 + k;
                        xKey[x] = blockKey(k, prio, mask, rk);
                        xOrigin[x] = c;
                        x++;
                    }
                }
            }
            xStart[n] = x;
        }

        DeferredAcceptance.Outcome o = DeferredAcceptance.run(capacity, xStart, xSlot, xKey, rankToStudent);

        final int[] assignedChoice = new int[n];
        final int[] assignedProgram = new int[n];
        final int[] assignedSlot = new int[n];
        for (int s = 0; s < n; s++) {
            int h = o.heldChoice[s];
            if (h < 0) {
                assignedChoice[s] = -1;
                assignedProgram[s] = -1;
                assignedSlot[s] = -1;
            } else {
                int slot = xSlot[h];
                assignedSlot[s] = slot;
                assignedProgram[s] = slotProgram[slot];
                assignedChoice[s] = xOrigin == null ? h : xOrigin[h];
            }
        }
        return new Result(assignedChoice, assignedProgram, assignedSlot, slotProgram, slotReserve, capacity, o.filled,
                o.cutoff, firstSlot, rankToStudent, o.proposals);
    }
}
