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
        // sort the lottery numbers as order-preserving longs (primitive sort), then place each student by binary
        // search; runs of equal numbers (rare: ids break the tie) are ordered by id
        long[] sorted = new long[n];
        for (int i = 0; i < n; i++) {
            sorted[i] = sortable(lottery[i]);
        }
        Arrays.sort(sorted);
        int[] rank = new int[n];
        int[] taken = null;
        for (int s = 0; s < n; s++) {
            long v = sortable(lottery[s]);
            int lo = lowerBound(sorted, v);
            if ((lo + 1 < n && sorted[lo + 1] == v)) {
                if (taken == null) {
                    taken = new int[n];
                }
                rank[s] = -1 - lo; // resolved below
            } else {
                rank[s] = lo;
            }
        }
        if (taken != null) {
            // students sharing a lottery number: order each group by id
            java.util.Map<Integer, java.util.List<Integer>> groups = new java.util.HashMap<>();
            for (int s = 0; s < n; s++) {
                if (rank[s] < 0) {
                    groups.computeIfAbsent(-1 - rank[s], k -> new java.util.ArrayList<>()).add(s);
                }
            }
            for (var e : groups.entrySet()) {
                java.util.List<Integer> g = e.getValue();
                g.sort((a, b) -> ids[a].compareTo(ids[b]));
                for (int i = 0; i < g.size(); i++) {
                    rank[g.get(i)] = e.getKey() + i;
                }
            }
        }
        return rank;
    }

    /** A long whose signed order is the order of the doubles (Double.compare order). */
    static long sortable(double d) {
        long bits = Double.doubleToLongBits(d);
        return bits ^ ((bits >> 63) & 0x7FFFFFFFFFFFFFFFL);
    }

    private static int lowerBound(long[] a, long v) {
        int lo = 0, hi = a.length;
        while (lo < hi) {
            int mid = (lo + hi) >>> 1;
            if (a[mid] < v) {
                lo = mid + 1;
            } else {
                hi = mid;
            }
        }
        return lo;
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
