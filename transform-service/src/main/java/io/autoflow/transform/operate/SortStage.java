package io.autoflow.transform.operate;

import io.autoflow.events.data.DataOperation;
import java.io.IOException;
import java.util.Comparator;
import java.util.List;

/** Sorts the rows by keys, stably, any number of them ({@link ExternalSort}). */
final class SortStage extends Stage {

    private final List<DataOperation.SortKey> keys;
    private int[] indexes;
    private NumericColumns kinds;
    private ExternalSort sort;

    SortStage(List<DataOperation.SortKey> keys, Stage next) {
        super(next);
        this.keys = keys;
    }

    @Override
    void start(Columns columns) throws IOException {
        indexes = columns.indexes(keys.stream().map(DataOperation.SortKey::column).toList());
        kinds = new NumericColumns(columns, indexes);
        sort = new ExternalSort(ExternalSort.MEMORY_BUDGET_BYTES);
        next.start(columns);
    }

    @Override
    void row(List<String> cells) throws IOException {
        kinds.see(cells);
        sort.add(cells);
    }

    @Override
    void end() throws IOException {
        Comparator<List<String>> order = null;
        for (int i = 0; i < indexes.length; i++) {
            int at = indexes[i];
            Comparator<String> cells = Values.missingLast(Values.order(kinds.numeric(i)), keys.get(i).descending());
            Comparator<List<String>> key = (a, b) -> cells.compare(a.get(at), b.get(at));
            order = order == null ? key : order.thenComparing(key);
        }
        sort.sorted(order, next::row);
        super.end();
    }

    @Override
    void close() {
        if (sort != null) {
            sort.close();
        }
        super.close();
    }
}
