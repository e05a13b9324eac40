package io.autoflow.transform.operate;

import io.autoflow.events.data.ColumnType;
import io.autoflow.events.data.DataOperation;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * One row per distinct key, in the keys' order (numbers by value; a missing key is a group of its own, last), with
 * the aggregates. The groups are held in memory ({@link GroupBudget}); the rows are not.
 */
final class GroupByStage extends Stage {

    private final List<String> by;
    private final List<DataOperation.Aggregate> aggregates;
    private int[] keyIndexes;
    private int[] valueIndexes;
    private NumericColumns keyKinds;
    private NumericColumns valueKinds;
    private final Map<List<String>, Accumulator[]> groups = new HashMap<>();
    private final GroupBudget budget = new GroupBudget("too_many_groups",
            "group by fewer or coarser columns, or filter the rows first");
    private final DistinctValues distinctValues = new DistinctValues();

    GroupByStage(List<String> by, List<DataOperation.Aggregate> aggregates, Stage next) {
        super(next);
        this.by = by;
        this.aggregates = aggregates == null ? List.of() : aggregates;
    }

    @Override
    void start(Columns columns) throws IOException {
        keyIndexes = columns.indexes(by);
        valueIndexes = aggregates.stream().mapToInt(a -> a.column() == null ? -1 : columns.index(a.column()))
                .toArray();
        keyKinds = new NumericColumns(columns, keyIndexes);
        valueKinds = new NumericColumns(columns, Arrays.stream(valueIndexes).map(i -> Math.max(i, 0))
                .toArray());
        Columns keys = columns.pick(keyIndexes);
        List<String> names = new ArrayList<>(keys.names());
        List<ColumnType> types = new ArrayList<>(keys.types());
        for (DataOperation.Aggregate aggregate : aggregates) {
            names.add(name(aggregate));
            types.add(null);
        }
        next.start(new Columns(names, types).unique());
    }

    /** The aggregate's column name: as given, else function_column (count of rows: count). */
    static String name(DataOperation.Aggregate aggregate) {
        if (aggregate.as() != null && !aggregate.as().isBlank()) {
            return aggregate.as();
        }
        return aggregate.column() == null ? aggregate.function().json()
                : aggregate.function().json() + "_" + aggregate.column();
    }

    @Override
    void row(List<String> cells) throws IOException {
        keyKinds.see(cells);
        valueKinds.see(cells);
        List<String> key = new ArrayList<>(keyIndexes.length);
        for (int index : keyIndexes) {
            String cell = cells.get(index);
            key.add(Values.missing(cell) ? "" : cell);
        }
        Accumulator[] accumulators = groups.get(key);
        if (accumulators == null) {
            accumulators = new Accumulator[aggregates.size()];
            for (int i = 0; i < accumulators.length; i++) {
                accumulators[i] = new Accumulator(aggregates.get(i).function(), aggregates.get(i).column(),
                        distinctValues);
            }
            groups.put(key, accumulators);
            budget.add(RowSpool.bytes(key) + 96L * accumulators.length);
        }
        for (int i = 0; i < accumulators.length; i++) {
            if (valueIndexes[i] < 0) {
                accumulators[i].row();
            } else {
                budget.add(accumulators[i].add(cells.get(valueIndexes[i])));
            }
        }
    }

    @Override
    void end() throws IOException {
        distinctValues.count();
        List<List<String>> keys = new ArrayList<>(groups.keySet());
        keys.sort(keyOrder(keyKinds, keyIndexes.length));
        for (List<String> key : keys) {
            Accumulator[] accumulators = groups.get(key);
            List<String> row = new ArrayList<>(key);
            for (int i = 0; i < accumulators.length; i++) {
                row.add(accumulators[i].value(valueIndexes[i] >= 0 && valueKinds.numeric(i)));
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

    /** Keys in ascending order column by column, missing last. */
    static Comparator<List<String>> keyOrder(NumericColumns kinds, int width) {
        Comparator<List<String>> order = (a, b) -> 0;
        for (int i = 0; i < width; i++) {
            int at = i;
            Comparator<String> cells = Values.missingLast(Values.order(kinds.numeric(i)), false);
            order = order.thenComparing((a, b) -> cells.compare(a.get(at), b.get(at)));
        }
        return order;
    }
}
