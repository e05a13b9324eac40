package io.autoflow.transform.operate;

import java.io.IOException;
import java.util.ArrayList;
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
    private RowOrder byKeyOrder;
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
        RowOrder byKeyCells = new ColumnsOrder(indexes, new boolean[indexes.length], new boolean[indexes.length]);
        byKeyOrder = byKeyCells;
        byKey = new ExternalSort(ExternalSort.MEMORY_BUDGET_BYTES, () -> byKeyCells);
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
        RowOrder byRowNumber = new ColumnsOrder(new int[] {width}, new boolean[] {true}, new boolean[] {false});
        byNumber = new ExternalSort(ExternalSort.MEMORY_BUDGET_BYTES, () -> byRowNumber);
        var previous = new Object() {
            List<String> row;
        };
        byKey.sorted(byKeyOrder, row -> { // stable: the first row of a key comes first
            if (previous.row == null || !sameKey(previous.row, row)) {
                byNumber.add(row);
            }
            previous.row = row;
        });
        byKey.close();
        byNumber.sorted(byRowNumber, row -> next.row(row.subList(0, width)));
        super.end();
    }

    /** Equal keys are equal text (a missing cell is one key whatever its text, as for a group). */
    private boolean sameKey(List<String> a, List<String> b) {
        for (int index : indexes) {
            String x = a.get(index);
            String y = b.get(index);
            if (!x.equals(y) && !(Values.missing(x) && Values.missing(y))) {
                return false;
            }
        }
        return true;
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
