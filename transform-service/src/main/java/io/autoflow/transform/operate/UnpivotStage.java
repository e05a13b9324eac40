package io.autoflow.transform.operate;

import io.autoflow.events.data.ColumnType;
import io.autoflow.events.data.DataOperation;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/**
 * Turns columns into rows: for each unpivoted column in turn, every row's kept cells, the column's name and its
 * cell. Each column's rows wait in a temporary file ({@link RowSpool}) until the ones before are written.
 */
final class UnpivotStage extends Stage {

    private final DataOperation.Unpivot unpivot;
    private int[] kept;
    private int[] unpivoted;
    private List<String> unpivotedNames;
    private final List<RowSpool> spools = new ArrayList<>();

    UnpivotStage(DataOperation.Unpivot unpivot, Stage next) {
        super(next);
        this.unpivot = unpivot;
    }

    @Override
    void start(Columns columns) throws IOException {
        kept = columns.indexes(unpivot.keep() == null ? List.of() : unpivot.keep());
        unpivoted = columns.indexes(unpivot.columns());
        unpivotedNames = unpivot.columns();
        Columns keep = columns.pick(kept);
        List<String> names = new ArrayList<>(keep.names());
        List<ColumnType> types = new ArrayList<>(keep.types());
        names.add(unpivot.variable() == null ? "variable" : unpivot.variable());
        names.add(unpivot.value() == null ? "value" : unpivot.value());
        types.add(ColumnType.TEXT);
        types.add(null);
        next.start(new Columns(names, types).unique());
        for (int i = 1; i < unpivoted.length; i++) {
            spools.add(new RowSpool());
        }
    }

    @Override
    void row(List<String> cells) throws IOException {
        for (int i = 0; i < unpivoted.length; i++) {
            List<String> row = new ArrayList<>(kept.length + 2);
            for (int index : kept) {
                row.add(cells.get(index));
            }
            row.add(unpivotedNames.get(i));
            row.add(cells.get(unpivoted[i]));
            if (i == 0) {
                next.row(row); // the first column's rows go out at once
            } else {
                spools.get(i - 1).add(row);
            }
        }
    }

    @Override
    void end() throws IOException {
        for (RowSpool spool : spools) {
            try (RowSpool.Reader reader = spool.reader()) {
                for (List<String> row = reader.next(); row != null; row = reader.next()) {
                    next.row(row);
                }
            }
            spool.close();
        }
        spools.clear();
        super.end();
    }

    @Override
    void close() {
        spools.forEach(RowSpool::close);
        super.close();
    }
}
