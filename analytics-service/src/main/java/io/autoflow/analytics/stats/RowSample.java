package io.autoflow.analytics.stats;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/**
 * A uniform sample of a table's rows, as numbers (NaN where a cell is missing or not a number), kept with reservoir
 * sampling so that memory stays bounded whatever the number of rows. Below the capacity it holds every row.
 */
final class RowSample {

    static final int CAPACITY = 20_000;

    private final int capacity;
    private final List<double[]> rows = new ArrayList<>();
    private final Random random = new Random(42);
    private long seen;

    RowSample(int capacity) {
        this.capacity = capacity;
    }

    /** Offers a row as its cells' numbers (NaN where not a number); the sample keeps the array it is given. */
    void add(double[] numbers) {
        seen++;
        if (rows.size() < capacity) {
            rows.add(numbers);
            return;
        }
        long slot = (long) (random.nextDouble() * seen);
        if (slot < capacity) {
            rows.set((int) slot, numbers);
        }
    }

    List<double[]> rows() {
        return rows;
    }

    /** Whether the sample holds fewer rows than the table. */
    boolean isPartial() {
        return seen > rows.size();
    }
}
