package org.portfolio.enrollment.match;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;

/** Small random instances with set-asides, and an obviously-correct reference match to compare with. */
final class RandomInstances {

    private RandomInstances() {
    }

    /** A program: open seats and reserved seats per set-aside. */
    record Program(int open, int[] reserved) {
    }

    /** A student's choice: program, priority group there, and membership of each of the program's set-aside groups. */
    record Choice(int program, int priority, boolean[] member) {
    }

    record Student(String id, double lottery, List<Choice> choices) {
    }

    record Instance(List<Program> programs, List<Student> students) {

        ProgramMatch.MatchInput toInput() {
            int n = students.size();
            int[] open = new int[programs.size()];
            int[][] reserve = new int[programs.size()][];
            for (int p = 0; p < programs.size(); p++) {
                open[p] = programs.get(p).open();
                reserve[p] = programs.get(p).reserved();
            }
            double[] lot = new double[n];
            String[] ids = new String[n];
            int[] start = new int[n + 1];
            List<Integer> prog = new ArrayList<>();
            List<Integer> prio = new ArrayList<>();
            List<Integer> mask = new ArrayList<>();
            for (int s = 0; s < n; s++) {
                Student st = students.get(s);
                lot[s] = st.lottery();
                ids[s] = st.id();
                start[s] = prog.size();
                for (Choice c : st.choices()) {
                    prog.add(c.program());
                    prio.add(c.priority());
                    int m = 0;
                    for (int k = 0; k < c.member().length; k++) {
                        if (c.member()[k]) {
                            m |= 1 << k;
                        }
                    }
                    mask.add(m);
                }
            }
            start[n] = prog.size();
            return new ProgramMatch.MatchInput(open, reserve, Keys.ranks(lot, ids), start,
                    prog.stream().mapToInt(Integer::intValue).toArray(), prio.stream().mapToInt(Integer::intValue).toArray(),
                    mask.stream().mapToInt(Integer::intValue).toArray());
        }
    }

    static Instance generate(long seed, int students, int programs, int maxChoices, boolean setAsides, boolean lotteryTies) {
        Random r = new Random(seed);
        List<Program> ps = new ArrayList<>();
        for (int p = 0; p < programs; p++) {
            int reserves = setAsides ? r.nextInt(3) : 0;
            int[] reserved = new int[reserves];
            for (int k = 0; k < reserves; k++) {
                reserved[k] = r.nextInt(3);
            }
            ps.add(new Program(r.nextInt(5), reserved));
        }
        List<Student> ss = new ArrayList<>();
        for (int s = 0; s < students; s++) {
            List<Integer> order = new ArrayList<>();
            for (int p = 0; p < programs; p++) {
                order.add(p);
            }
            Collections.shuffle(order, r);
            int k = r.nextInt(Math.min(maxChoices, programs) + 1);
            List<Choice> cs = new ArrayList<>();
            for (int i = 0; i < k; i++) {
                int p = order.get(i);
                boolean[] member = new boolean[ps.get(p).reserved().length];
                for (int j = 0; j < member.length; j++) {
                    member[j] = r.nextInt(3) == 0;
                }
                cs.add(new Choice(p, 1 + r.nextInt(4), member));
            }
            double lottery = lotteryTies ? r.nextInt(4) / 4.0 : r.nextDouble();
            ss.add(new Student(String.format("S%04d", r.nextInt(10_000)) + "-" + s, lottery, cs));
        }
        return new Instance(ps, ss);
    }

    // ---- the reference: blocks as objects, explicit comparators, simultaneous rounds (Gale–Shapley 1962) ----

    /** A block of seats: program, set-aside index (-1 open), seats. */
    record Block(int program, int reserve, int seats) {
    }

    /** A student's entry at a block, compared by (member first for reserved blocks, priority, lottery, id). */
    record Entry(int student, int block, boolean nonMember, int priority, double lottery, String id)
            implements Comparable<Entry> {
        @Override
        public int compareTo(Entry o) {
            int c = Boolean.compare(nonMember, o.nonMember);
            if (c == 0) {
                c = Integer.compare(priority, o.priority);
            }
            if (c == 0) {
                c = Double.compare(lottery, o.lottery);
            }
            return c != 0 ? c : id.compareTo(o.id);
        }
    }

    static List<Block> blocks(Instance inst) {
        List<Block> out = new ArrayList<>();
        for (int p = 0; p < inst.programs().size(); p++) {
            Program pr = inst.programs().get(p);
            out.add(new Block(p, -1, pr.open()));
            for (int k = 0; k < pr.reserved().length; k++) {
                out.add(new Block(p, k, pr.reserved()[k]));
            }
        }
        return out;
    }

    /** Each student's list of entries: per ranked program its open block then its reserved blocks. */
    static List<List<Entry>> expanded(Instance inst, List<Block> blocks) {
        List<List<Entry>> lists = new ArrayList<>();
        for (int s = 0; s < inst.students().size(); s++) {
            Student st = inst.students().get(s);
            List<Entry> l = new ArrayList<>();
            for (Choice c : st.choices()) {
                for (int b = 0; b < blocks.size(); b++) {
                    Block bl = blocks.get(b);
                    if (bl.program() == c.program()) {
                        boolean nonMember = bl.reserve() >= 0 && !c.member()[bl.reserve()];
                        l.add(new Entry(s, b, nonMember, c.priority(), st.lottery(), st.id()));
                    }
                }
            }
            lists.add(l);
        }
        return lists;
    }

    /** Simultaneous-rounds deferred acceptance; per student the index of the program it gets, or -1. */
    static int[] referenceMatch(Instance inst) {
        List<Block> blocks = blocks(inst);
        List<List<Entry>> lists = expanded(inst, blocks);
        int n = inst.students().size();
        int[] next = new int[n];
        List<List<Entry>> held = new ArrayList<>();
        for (int b = 0; b < blocks.size(); b++) {
            held.add(new ArrayList<>());
        }
        boolean[] placed = new boolean[n];
        boolean changed = true;
        while (changed) {
            changed = false;
            for (int s = 0; s < n; s++) {
                if (!placed[s] && next[s] < lists.get(s).size()) {
                    Entry e = lists.get(s).get(next[s]++);
                    held.get(e.block()).add(e);
                    placed[s] = true;
                    changed = true;
                }
            }
            for (int b = 0; b < blocks.size(); b++) {
                List<Entry> h = held.get(b);
                Collections.sort(h);
                while (h.size() > blocks.get(b).seats()) {
                    Entry out = h.remove(h.size() - 1);
                    placed[out.student()] = false;
                    changed = true;
                }
            }
        }
        int[] result = new int[n];
        java.util.Arrays.fill(result, -1);
        for (int b = 0; b < blocks.size(); b++) {
            for (Entry e : held.get(b)) {
                result[e.student()] = blocks.get(b).program();
            }
        }
        return result;
    }
}
