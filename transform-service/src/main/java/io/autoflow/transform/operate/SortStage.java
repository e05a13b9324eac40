package io.autoflow.transform.operate;

import io.autoflow.events.data.DataOperation;
import java.io.IOException;
import java.util.List;

/**
 * Sorts the rows by keys, stably, any number of them ({@link ExternalSort}). A key column is compared as numbers while
 * every filled cell seen is one (or it was cast to a number); runs written before a text showed up are sorted again.
 */
final class SortStage extends Stage {

    private final List<DataOperation.SortKey> keys;
    private int[] indexes;
    private boolean[] descending;
    private NumericColumns kinds;
    private ExternalSort sort;

    SortStage(List<DataOperation.SortKey> keys, Stage next) {
        super(next);
        this.keys = keys;
    }

    @Override
    void start(Columns columns) throws IOException {
        indexes = columns.indexes(keys.stream().map(DataOperation.SortKey::column).toList());
        descending = new boolean[keys.size()];
        for (int i = 0; i < descending.length; i++) {
            descending[i] = keys.get(i).descending();
        }
        kinds = new NumericColumns(columns, indexes);
        sort = new ExternalSort(ExternalSort.MEMORY_BUDGET_BYTES, this::order);
        next.start(columns);
    }

    @Override
    void row(List<String> cells) throws IOException {
        kinds.see(cells);
        sort.add(cells);
    }

    @Override
    void end() throws IOException {
        sort.sorted(order(), next::row);
        super.end();
    }

    private RowOrder order() {
        boolean[] numeric = new boolean[indexes.length];
        for (int i = 0; i < numeric.length; i++) {
            numeric[i] = kinds.numeric(i);
        }
        return new ColumnsOrder(indexes, numeric, descending);
    }

    @Override
    void close() {
        if (sort != null) {
            sort.close();
        }
        super.close();
    }
}
