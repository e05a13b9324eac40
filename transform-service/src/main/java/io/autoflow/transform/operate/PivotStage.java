package io.autoflow.transform.operate;

import io.autoflow.events.data.ColumnType;
import io.autoflow.events.data.DataOperation;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * One row per distinct index (in order), one column per distinct value of the pivoted column (in order), each cell
 * the aggregate of the values for that pair, empty when there are none. Rows missing an index or a pivot value are
 * left out. Held in memory ({@link GroupBudget}): a pivot's output is a summary.
 */
final class PivotStage extends Stage {

    private final DataOperation.Pivot pivot;
    private Columns columns;
    private int[] indexes;
    private int pivotColumn;
    private int valueColumn;
    private NumericColumns indexKinds;
    private NumericColumns otherKinds; // the pivoted column, then the values
    private final Map<List<String>, Map<String, Accumulator>> cells = new HashMap<>();
    private final Set<String> pivotValues = new HashSet<>();
    private final DistinctValues distinctValues = new DistinctValues();
    private final GroupBudget budget = new GroupBudget("too_many_groups",
            "pivot on a column with fewer distinct values, or filter the rows first");

    PivotStage(DataOperation.Pivot pivot, Stage next) {
        super(next);
        this.pivot = pivot;
    }

    @Override
    void start(Columns columns) {
        this.columns = columns;
        indexes = columns.indexes(pivot.index());
        pivotColumn = columns.index(pivot.columns());
        valueColumn = columns.index(pivot.values());
        indexKinds = new NumericColumns(columns, indexes);
        otherKinds = new NumericColumns(columns, new int[] {pivotColumn, valueColumn});
        // The columns are known at the end, from the data: the table starts there.
    }

    @Override
    void row(List<String> row) throws IOException {
        List<String> index = new ArrayList<>(indexes.length);
        for (int at : indexes) {
            if (Values.missing(row.get(at))) {
                return;
            }
            index.add(row.get(at));
        }
        String pivotValue = row.get(pivotColumn);
        if (Values.missing(pivotValue)) {
            return;
        }
        indexKinds.see(row);
        otherKinds.see(row);
        if (pivotValues.add(pivotValue)) {
            budget.add(48 + pivotValue.length());
        }
        Map<String, Accumulator> byPivot = cells.computeIfAbsent(index, k -> {
            budget.add(RowSpool.bytes(k) + 64);
            return new HashMap<>();
        });
        Accumulator accumulator = byPivot.get(pivotValue);
        if (accumulator == null) {
            budget.add(128);
            accumulator = new Accumulator(pivot.function(), pivot.values(), distinctValues);
            byPivot.put(pivotValue, accumulator);
        }
        budget.add(accumulator.add(row.get(valueColumn)));
    }

    @Override
    void end() throws IOException {
        distinctValues.count();
        List<String> pivoted = new ArrayList<>(pivotValues);
        pivoted.sort(Values.order(otherKinds.numeric(0)));
        Columns index = columns.pick(indexes);
        List<String> names = new ArrayList<>(index.names());
        List<ColumnType> types = new ArrayList<>(index.types());
        names.addAll(pivoted);
        pivoted.forEach(value -> types.add(null));
        next.start(new Columns(names, types).unique());
        List<List<String>> keys = new ArrayList<>(cells.keySet());
        Comparator<List<String>> order = GroupByStage.keyOrder(indexKinds, indexes.length);
        keys.sort(order);
        boolean numericValues = otherKinds.numeric(1);
        for (List<String> key : keys) {
            Map<String, Accumulator> byPivot = cells.get(key);
            List<String> row = new ArrayList<>(key);
            for (String value : pivoted) {
                Accumulator accumulator = byPivot.get(value);
                row.add(accumulator == null ? "" : accumulator.value(numericValues));
            }
            next.row(row);
        }
        super.end();
    }

    @Override
    void close() {
        distinctValues.close();
        super.close();
    }
}
