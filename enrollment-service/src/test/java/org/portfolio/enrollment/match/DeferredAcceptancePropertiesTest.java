package org.portfolio.enrollment.match;

import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import org.portfolio.enrollment.match.RandomInstances.Block;
import org.portfolio.enrollment.match.RandomInstances.Entry;
import org.portfolio.enrollment.match.RandomInstances.Instance;

import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** The matching engine on thousands of random small instances, against its definition and a reference. */
class DeferredAcceptancePropertiesTest {

    @Property(tries = 3000)
    void theMatchEqualsTheReferenceDeferredAcceptance(@ForAll long seed, @ForAll @IntRange(max = 40) int students,
                                                      @ForAll @IntRange(min = 1, max = 8) int programs,
                                                      @ForAll @IntRange(min = 1, max = 6) int maxChoices,
                                                      @ForAll boolean setAsides, @ForAll boolean lotteryTies) {
        Instance inst = RandomInstances.generate(seed, students, programs, maxChoices, setAsides, lotteryTies);
        assertThat(ProgramMatch.run(inst.toInput()).assignedProgram).containsExactly(RandomInstances.referenceMatch(inst));
    }

    @Property(tries = 2000)
    void noProgramTakesMoreThanItsSeatsAndEveryoneGetsARankedChoiceOrNothing(
            @ForAll long seed, @ForAll @IntRange(max = 60) int students, @ForAll @IntRange(min = 1, max = 10) int programs,
            @ForAll @IntRange(min = 1, max = 12) int maxChoices, @ForAll boolean setAsides) {
        Instance inst = RandomInstances.generate(seed, students, programs, maxChoices, setAsides, false);
        ProgramMatch.Result r = ProgramMatch.run(inst.toInput());
        int[] taken = new int[programs];
        int[] blockTaken = new int[r.slotSeats.length];
        for (int s = 0; s < students; s++) {
            int p = r.assignedProgram[s];
            if (p >= 0) {
                taken[p]++;
                blockTaken[r.assignedSlot[s]]++;
                int fp = p;
                assertThat(inst.students().get(s).choices()).anyMatch(c -> c.program() == fp);
                assertThat(inst.students().get(s).choices().get(r.assignedChoice[s] - inst.toInput().choiceStart[s]).program())
                        .isEqualTo(p);
                assertThat(r.slotProgram[r.assignedSlot[s]]).isEqualTo(p);
            }
        }
        for (int p = 0; p < programs; p++) {
            RandomInstances.Program pr = inst.programs().get(p);
            int seats = pr.open() + java.util.Arrays.stream(pr.reserved()).sum();
            assertThat(taken[p]).isLessThanOrEqualTo(seats);
        }
        for (int b = 0; b < blockTaken.length; b++) {
            assertThat(blockTaken[b]).isEqualTo(r.slotFilled[b]).isLessThanOrEqualTo(r.slotSeats[b]);
        }
    }

    /**
     * Stability with respect to the block priorities: no student prefers a block (earlier in its expanded list than
     * the block it holds) that has a free seat or holds someone it outranks there. Without set-asides the blocks
     * are the programs, so this is the plain no-blocking-pair condition on (priority, lottery, id).
     */
    @Property(tries = 3000)
    void noStudentAndBlockWouldBothRatherBeMatchedToEachOther(
            @ForAll long seed, @ForAll @IntRange(max = 50) int students, @ForAll @IntRange(min = 1, max = 8) int programs,
            @ForAll @IntRange(min = 1, max = 8) int maxChoices, @ForAll boolean setAsides, @ForAll boolean lotteryTies) {
        Instance inst = RandomInstances.generate(seed, students, programs, maxChoices, setAsides, lotteryTies);
        ProgramMatch.Result r = ProgramMatch.run(inst.toInput());
        List<Block> blocks = RandomInstances.blocks(inst);
        List<List<Entry>> lists = RandomInstances.expanded(inst, blocks);
        // who holds each block, with their entry there
        List<List<Entry>> holders = new ArrayList<>();
        for (int b = 0; b < blocks.size(); b++) {
            holders.add(new ArrayList<>());
        }
        for (int s = 0; s < students; s++) {
            if (r.assignedSlot[s] >= 0) {
                int slot = r.assignedSlot[s];
                Entry e = lists.get(s).stream().filter(x -> x.block() == slot).findFirst().orElseThrow();
                holders.get(slot).add(e);
            }
        }
        for (int s = 0; s < students; s++) {
            for (Entry wanted : lists.get(s)) {
                if (wanted.block() == r.assignedSlot[s]) {
                    break;
                }
                Block b = blocks.get(wanted.block());
                List<Entry> h = holders.get(wanted.block());
                assertThat(h.size()).as("student %d prefers block %s, which has a free seat", s, b).isEqualTo(b.seats());
                for (Entry other : h) {
                    assertThat(other.compareTo(wanted))
                            .as("student %d prefers block %s, which holds student %d it outranks", s, b, other.student())
                            .isLessThan(0);
                }
            }
        }
    }

    /**
     * Brute force on tiny instances: among all stable matchings (enumerated), the engine's is one of them and every
     * student weakly prefers it to each of them (the student-optimal stable matching).
     */
    @Property(tries = 2000)
    void theMatchIsTheStudentOptimalStableMatchingFoundByBruteForce(
            @ForAll long seed, @ForAll @IntRange(max = 6) int students, @ForAll @IntRange(min = 1, max = 3) int programs,
            @ForAll boolean lotteryTies) {
        Instance inst = RandomInstances.generate(seed, students, programs, 3, false, lotteryTies);
        int[] match = ProgramMatch.run(inst.toInput()).assignedProgram;
        List<int[]> stable = new ArrayList<>();
        enumerate(inst, 0, new int[students], stable);
        assertThat(stable).as("a stable matching always exists").isNotEmpty();
        assertThat(stable).anyMatch(m -> java.util.Arrays.equals(m, match));
        for (int[] other : stable) {
            for (int s = 0; s < students; s++) {
                assertThat(position(inst, s, match[s])).isLessThanOrEqualTo(position(inst, s, other[s]));
            }
        }
    }

    private static void enumerate(Instance inst, int s, int[] current, List<int[]> stable) {
        if (s == current.length) {
            if (isStable(inst, current)) {
                stable.add(current.clone());
            }
            return;
        }
        current[s] = -1;
        enumerate(inst, s + 1, current, stable);
        for (RandomInstances.Choice c : inst.students().get(s).choices()) {
            current[s] = c.program();
            enumerate(inst, s + 1, current, stable);
        }
    }

    private static boolean isStable(Instance inst, int[] m) {
        int n = m.length;
        for (int p = 0; p < inst.programs().size(); p++) {
            int count = 0;
            for (int x : m) {
                count += x == p ? 1 : 0;
            }
            if (count > inst.programs().get(p).open()) {
                return false;
            }
        }
        for (int s = 0; s < n; s++) {
            for (RandomInstances.Choice c : inst.students().get(s).choices()) {
                if (c.program() == m[s]) {
                    break;
                }
                int p = c.program();
                int count = 0;
                boolean outranksSomeone = false;
                for (int t = 0; t < n; t++) {
                    if (m[t] == p) {
                        count++;
                        if (entry(inst, s, p).compareTo(entry(inst, t, p)) < 0) {
                            outranksSomeone = true;
                        }
                    }
                }
                if (count < inst.programs().get(p).open() || outranksSomeone) {
                    return false;
                }
            }
        }
        return true;
    }

    private static Entry entry(Instance inst, int s, int p) {
        RandomInstances.Student st = inst.students().get(s);
        RandomInstances.Choice c = st.choices().stream().filter(x -> x.program() == p).findFirst().orElseThrow();
        return new Entry(s, p, false, c.priority(), st.lottery(), st.id());
    }

    private static int position(Instance inst, int s, int program) {
        List<RandomInstances.Choice> cs = inst.students().get(s).choices();
        for (int i = 0; i < cs.size(); i++) {
            if (cs.get(i).program() == program) {
                return i;
            }
        }
        return cs.size();
    }
}
