package io.autoflow.transform.operate;

import java.util.Arrays;
import java.util.List;

/** Watches some columns' cells to tell, once all are seen, whether each column is compared as numbers. */
final class NumericColumns {

    private final Columns columns;
    private final int[] watched;
    private final boolean[] everyFilledCellNumeric;

    NumericColumns(Columns columns, int[] watched) {
        this.columns = columns;
        this.watched = watched;
        this.everyFilledCellNumeric = new boolean[watched.length];
        Arrays.fill(everyFilledCellNumeric, true);
    }

    void see(List<String> cells) {
        for (int i = 0; i < watched.length; i++) {
            String cell = cells.get(watched[i]);
            if (everyFilledCellNumeric[i] && !Values.missing(cell) && Values.number(cell) == null) {
                everyFilledCellNumeric[i] = false;
            }
        }
    }

    /** Whether the i-th watched column is numeric. */
    boolean numeric(int i) {
        return Values.numeric(columns.type(watched[i]), everyFilledCellNumeric[i]);
    }
}
