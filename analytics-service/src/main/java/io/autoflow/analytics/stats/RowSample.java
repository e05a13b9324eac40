package io.autoflow.analytics.stats;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/**
 * A uniform sample of a table's rows, kept with reservoir sampling so that memory stays bounded whatever the number
 * of rows. Below the capacity it holds every row. Each row is kept as its cells' numbers (NaN where a cell is missing
 * or not a number) and its cells' value codes (a hash of the text, 0 where missing), for associations between
 * categories.
 */
final class RowSample {

    /** One sampled row. */
    record Row(double[] numbers, int[] codes) {
    }

    static final int CAPACITY = 20_000;

    private final int capacity;
    private final List<Row> rows = new ArrayList<>();
    private final Random random = new Random(42);
    private long seen;

    RowSample(int capacity) {
        this.capacity = capacity;
    }

    /** Offers a row; the sample keeps the arrays it is given. */
    void add(double[] numbers, int[] codes) {
        seen++;
        if (rows.size() < capacity) {
            rows.add(new Row(numbers, codes));
            return;
        }
        long slot = (long) (random.nextDouble() * seen);
        if (slot < capacity) {
            rows.set((int) slot, new Row(numbers, codes));
        }
    }

    List<Row> rows() {
        return rows;
    }

    /** Whether the sample holds fewer rows than the table. */
    boolean isPartial() {
        return seen > rows.size();
    }
}
