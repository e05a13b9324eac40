package io.autoflow.transform.operate;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/**
 * Exact distinct counts in bounded memory, for every {@code distinct_count} of a group-by or a pivot: each value is a
 * row (its accumulator's number, the value) of an {@link ExternalSort}, which holds what fits and writes the rest to
 * temporary files; at the end the sorted rows are read once and each accumulator told how many different values it
 * had. Holding a set of values per group instead refused a count of 100,000 customers per region and product.
 */
final class DistinctValues implements AutoCloseable {

    /** Equal accumulator numbers and equal values next to each other: text order is enough. */
    private static final RowOrder ORDER = new ColumnsOrder(new int[] {0, 1}, new boolean[2], new boolean[2]);

    private final List<Accumulator> counted = new ArrayList<>();
    private final ExternalSort values = new ExternalSort(ExternalSort.MEMORY_BUDGET_BYTES, () -> ORDER);

    /** @return the number the accumulator's values are filed under */
    int register(Accumulator accumulator) {
        counted.add(accumulator);
        return counted.size() - 1;
    }

    void add(int accumulator, String value) throws IOException {
        values.add(List.of(Integer.toString(accumulator), value));
    }

    /** Tells each registered accumulator its count; once, at the end. */
    void count() throws IOException {
        var previous = new Object() {
            List<String> row;
            long distinct;
        };
        values.sorted(ORDER, row -> {
            boolean sameAccumulator = previous.row != null && previous.row.get(0).equals(row.get(0));
            if (!sameAccumulator && previous.row != null) {
                counted.get(Integer.parseInt(previous.row.get(0))).distinct(previous.distinct);
            }
            if (!sameAccumulator) {
                previous.distinct = 1;
            } else if (!previous.row.get(1).equals(row.get(1))) {
                previous.distinct++;
            }
            previous.row = row;
        });
        if (previous.row != null) {
            counted.get(Integer.parseInt(previous.row.get(0))).distinct(previous.distinct);
        }
        values.close();
    }

    @Override
    public void close() {
        values.close();
    }
}
