package io.autoflow.transform.operate;

import java.io.IOException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.stream.IntStream;

/**
 * Keeps the first row of each distinct key (the whole row when no columns are named), in the rows' order, within
 * bounded memory: rows are numbered, sorted by key ({@link ExternalSort}), the first of each key kept, and the kept
 * rows sorted back by number.
 */
final class DeduplicateStage extends Stage {

    private final List<String> keyColumns;
    private int[] indexes;
    private int width;
    private long number;
    private ExternalSort byKey;
    private ExternalSort byNumber;

    DeduplicateStage(List<String> keyColumns, Stage next) {
        super(next);
        this.keyColumns = keyColumns == null ? List.of() : keyColumns;
    }

    @Override
    void start(Columns columns) throws IOException {
        width = columns.size();
        indexes = keyColumns.isEmpty() ? IntStream.range(0, width).toArray()
                : columns.indexes(keyColumns);
        byKey = new ExternalSort(ExternalSort.MEMORY_BUDGET_BYTES);
        next.start(columns);
    }

    @Override
    void row(List<String> cells) throws IOException {
        List<String> numbered = new ArrayList<>(cells);
        numbered.add(Long.toString(number++));
        byKey.add(numbered);
    }

    @Override
    void end() throws IOException {
        byNumber = new ExternalSort(ExternalSort.MEMORY_BUDGET_BYTES);
        var previous = new Object() {
            List<String> row;
        };
        byKey.sorted(this::compareKeys, row -> { // stable: the first row of a key comes first
            if (previous.row == null || compareKeys(previous.row, row) != 0) {
                byNumber.add(row);
            }
            previous.row = row;
        });
        byKey.close();
        byNumber.sorted(Comparator.comparingLong(row -> Long.parseLong(row.get(width))),
                row -> next.row(row.subList(0, width)));
        super.end();
    }

    /** By key cells as text (equal keys are equal text). */
    private int compareKeys(List<String> a, List<String> b) {
        for (int index : indexes) {
            int c = a.get(index).compareTo(b.get(index));
            if (c != 0) {
                return c;
            }
        }
        return 0;
    }

    @Override
    void close() {
        if (byKey != null) {
            byKey.close();
        }
        if (byNumber != null) {
            byNumber.close();
        }
        super.close();
    }
}
