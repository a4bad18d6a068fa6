package org.portfolio.enrollment.match;

/**
 * Student-proposing deferred acceptance over seat blocks ("slots"), on primitive arrays only.
 *
 * <p>Input: per slot a capacity; per student a ranked list of (slot, key) in compressed-row form. A key is the
 * slot's preference for that student: {@code tier << 32 | rank}, lower is better, unique per student (the rank is
 * the student's single tie-breaking position, see {@link Keys}). Each slot holds its tentatively admitted students in
 * a max-heap of keys (worst on top) inside one flat array, so a proposal costs O(log capacity) and the whole match
 * O(proposals · log capacity) with no allocation in the loop.
 *
 * <p>The order in which free students propose does not change the outcome (the student-optimal stable matching is
 * unique for strict preferences); a displaced student simply goes on proposing at once.
 */
public final class DeferredAcceptance {

    private DeferredAcceptance() {
    }

    /** The outcome of one run. Arrays are owned by the caller afterwards. */
    public static final class Outcome {
        /** Per student: the index (into the choice arrays) of the choice it holds, or -1. */
        public final int[] heldChoice;
        /** Per slot: how many seats are filled. */
        public final int[] filled;
        /** Per slot: the key of the worst admitted student when the slot is full, else {@link Keys#NONE}. */
        public final long[] cutoff;
        /** Number of proposals made (for diagnostics). */
        public final long proposals;

        Outcome(int[] heldChoice, int[] filled, long[] cutoff, long proposals) {
            this.heldChoice = heldChoice;
            this.filled = filled;
            this.cutoff = cutoff;
            this.proposals = proposals;
        }
    }

    /**
     * @param capacity    seats per slot (≥ 0)
     * @param choiceStart per student s its choices are {@code [choiceStart[s], choiceStart[s+1])}; length students+1
     * @param choiceSlot  the slot of each choice, best first
     * @param choiceKey   the slot's key for the student at each choice (lower is better; unique per student)
     * @param rankToStudent maps the rank in the low 32 bits of a key back to the student index
     */
    public static Outcome run(int[] capacity, int[] choiceStart, int[] choiceSlot, long[] choiceKey, int[] rankToStudent) {
        final int students = choiceStart.length - 1;
        final int slots = capacity.length;
        final int[] heapStart = new int[slots + 1];
        for (int i = 0; i < slots; i++) {
            if (capacity[i] < 0) {
                throw new IllegalArgumentException("negative capacity at slot " + i);
            }
            heapStart[i + 1] = heapStart[i] + capacity[i];
        }
        final long[] heap = new long[heapStart[slots]];
        final int[] size = new int[slots];
        final int[] held = new int[students];
        long proposals = 0;

        for (int first = 0; first < students; first++) {
            int s = first;
            int c = choiceStart[s];
            int end = choiceStart[s + 1];
            while (true) {
                if (c >= end) {
                    held[s] = -1;
                    break;
                }
                final int slot = choiceSlot[c];
                final long k = choiceKey[c];
                c++;
                proposals++;
                final int cap = capacity[slot];
                if (cap == 0) {
                    continue;
                }
                final int base = heapStart[slot];
                final int sz = size[slot];
                if (sz < cap) {
                    siftUp(heap, base, sz, k);
                    size[slot] = sz + 1;
                    held[s] = c - 1;
                    break;
                }
                final long worst = heap[base];
                if (k < worst) {
                    siftDown(heap, base, cap, k);
                    held[s] = c - 1;
                    // the displaced student goes on from the choice after the one it held
                    s = rankToStudent[(int) worst];
                    c = held[s] + 1;
                    end = choiceStart[s + 1];
                }
            }
        }
        final long[] cutoff = new long[slots];
        for (int i = 0; i < slots; i++) {
            cutoff[i] = capacity[i] > 0 && size[i] == capacity[i] ? heap[heapStart[i]] : Keys.NONE;
        }
        return new Outcome(held, size, cutoff, proposals);
    }

    /** Inserts k into the max-heap heap[base, base+n) (n = current size). */
    private static void siftUp(long[] heap, int base, int n, long k) {
        int i = n;
        while (i > 0) {
            int parent = (i - 1) >>> 1;
            long p = heap[base + parent];
            if (p >= k) {
                break;
            }
            heap[base + i] = p;
            i = parent;
        }
        heap[base + i] = k;
    }

    /** Replaces the top of the full max-heap heap[base, base+n) by k. */
    private static void siftDown(long[] heap, int base, int n, long k) {
        int i = 0;
        int half = n >>> 1;
        while (i < half) {
            int child = 2 * i + 1;
            long cv = heap[base + child];
            int right = child + 1;
            if (right < n) {
                long rv = heap[base + right];
                if (rv > cv) {
                    child = right;
                    cv = rv;
                }
            }
            if (k >= cv) {
                break;
            }
            heap[base + i] = cv;
            i = child;
        }
        heap[base + i] = k;
    }
}
