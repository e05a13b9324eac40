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

    private final int width;
    private final int capacity;
    private final List<double[]> rows = new ArrayList<>();
    private final Random random = new Random(42);
    private long seen;

    RowSample(int width, int capacity) {
        this.width = width;
        this.capacity = capacity;
    }

    void add(List<String> cells) {
        seen++;
        if (rows.size() < capacity) {
            rows.add(parse(cells));
            return;
        }
        long slot = (long) (random.nextDouble() * seen);
        if (slot < capacity) {
            rows.set((int) slot, parse(cells));
        }
    }

    List<double[]> rows() {
        return rows;
    }

    /** Whether the sample holds fewer rows than the table. */
    boolean isPartial() {
        return seen > rows.size();
    }

    private double[] parse(List<String> cells) {
        double[] values = new double[width];
        for (int i = 0; i < width; i++) {
            String cell = i < cells.size() && cells.get(i) != null ? cells.get(i).trim() : "";
            values[i] = ValueKinds.isDecimal(cell) ? Double.parseDouble(cell) : Double.NaN;
        }
        return values;
    }
}
