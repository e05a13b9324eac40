package io.autoflow.transform.operate;

import java.util.List;

/**
 * An order of rows by keys taken from each row once ({@link #keys}), so that sorting compares ready values rather
 * than reading cells again at every comparison. Two orders that compare alike are {@link #equals}.
 */
interface RowOrder {

    Object[] keys(List<String> row);

    int compare(Object[] a, Object[] b);
}
