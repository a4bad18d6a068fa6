package org.portfolio.enrollment.match;

import java.util.Arrays;

/**
 * A slot's preference for a student as one long: {@code tier << 32 | rank}. The tier is the priority group at that
 * slot (lower is better; a reserved block adds {@link #NON_MEMBER} for students outside its group); the rank is the
 * student's position in the single tie-break order (lottery, then id), shared by every program. Comparing keys as
 * signed longs compares (tier, lottery, id) lexicographically.
 */
public final class Keys {

    /** "No cutoff": the slot is not full (or has no seats). */
    public static final long NONE = Long.MIN_VALUE;

    /** Added to the tier of a student outside a reserved block's group, so every member comes first. */
    public static final int NON_MEMBER = 1 << 20;

    private Keys() {
    }

    public static long key(int tier, int rank) {
        return ((long) tier << 32) | (rank & 0xFFFFFFFFL);
    }

    public static int tier(long key) {
        return (int) (key >> 32);
    }

    public static int rank(long key) {
        return (int) key;
    }

    /**
     * The single tie-break order: students sorted by (lottery, id), lower first.
     *
     * @return per student its rank 0..n-1
     */
    public static int[] ranks(double[] lottery, String[] ids) {
        int n = lottery.length;
        Integer[] order = new Integer[n];
        for (int i = 0; i < n; i++) {
            order[i] = i;
        }
        Arrays.sort(order, (a, b) -> {
            int c = Double.compare(lottery[a], lottery[b]);
            return c != 0 ? c : ids[a].compareTo(ids[b]);
        });
        int[] rank = new int[n];
        for (int r = 0; r < n; r++) {
            rank[order[r]] = r;
        }
        return rank;
    }

    /** Inverse of a rank array. */
    public static int[] invert(int[] rank) {
        int[] inv = new int[rank.length];
        for (int s = 0; s < rank.length; s++) {
            inv[rank[s]] = s;
        }
        return inv;
    }
}
