package io.autoflow.transform.operate;

import java.util.Arrays;
import java.util.List;

/**
 * The order of a sort's key columns: each by number or by text, ascending or descending, missing cells last either
 * way. Its keys are the cells read once (a number, a text, or null when missing).
 */
final class ColumnsOrder implements RowOrder {

    private final int[] indexes;
    private final boolean[] numeric;
    private final boolean[] descending;

    ColumnsOrder(int[] indexes, boolean[] numeric, boolean[] descending) {
        this.indexes = indexes.clone();
        this.numeric = numeric.clone();
        this.descending = descending.clone();
    }

    @Override
    public Object[] keys(List<String> row) {
        Object[] keys = new Object[indexes.length];
        for (int i = 0; i < indexes.length; i++) {
            String cell = row.get(indexes[i]);
            keys[i] = Values.missing(cell) ? null : numeric[i] ? Values.number(cell) : cell;
        }
        return keys;
    }

    @Override
    @SuppressWarnings({"unchecked", "rawtypes"})
    public int compare(Object[] a, Object[] b) {
        for (int i = 0; i < indexes.length; i++) {
            Object x = a[i];
            Object y = b[i];
            if (x == null || y == null) {
                if (x != y) {
                    return x == null ? 1 : -1; // missing last, whatever the direction
                }
                continue;
            }
            int c = ((Comparable) x).compareTo(y);
            if (c != 0) {
                return descending[i] ? -c : c;
            }
        }
        return 0;
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof ColumnsOrder order && Arrays.equals(indexes, order.indexes)
                && Arrays.equals(numeric, order.numeric) && Arrays.equals(descending, order.descending);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(numeric) * 31 + Arrays.hashCode(indexes);
    }

}
