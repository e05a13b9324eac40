package io.autoflow.analytics.stats;

/**
 * A set of 64-bit row hashes with open addressing in one {@code long[]}: 16 bytes a row at most, against about 60 for
 * a {@code HashSet<Long>}, which keeps the duplicate-row check of a million rows at 16 MB.
 */
final class RowHashes {

    private static final long EMPTY = 0;

    private long[] slots = new long[1024];
    private int size;
    private boolean containsEmpty;

    /** @return whether the hash was not yet in the set */
    boolean add(long hash) {
        if (hash == EMPTY) {
            boolean added = !containsEmpty;
            containsEmpty = true;
            return added;
        }
        if (2 * (size + 1) > slots.length) {
            grow();
        }
        if (!insert(slots, hash)) {
            return false;
        }
        size++;
        return true;
    }

    private void grow() {
        long[] bigger = new long[slots.length * 2];
        for (long hash : slots) {
            if (hash != EMPTY) {
                insert(bigger, hash);
            }
        }
        slots = bigger;
    }

    private static boolean insert(long[] table, long hash) {
        int mask = table.length - 1;
        // Fibonacci hashing: the high bits of the product spread even poorly mixed hashes over the slots.
        for (int i = (int) ((hash * 0x9E3779B97F4A7C15L) >>> 32) & mask; ; i = (i + 1) & mask) {
            if (table[i] == hash) {
                return false;
            }
            if (table[i] == EMPTY) {
                table[i] = hash;
                return true;
            }
        }
    }
}
