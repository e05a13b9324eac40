package io.autoflow.transform.operate;

import java.util.AbstractMap;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A row as a JSONata expression sees it ({@link Values#object}), made lazily: an expression reads a few columns, so
 * only those cells are converted; the whole object is built only when the expression walks every key.
 */
final class RowObject extends AbstractMap<String, Object> {

    /** A table's columns by name, made once per table and shared by its rows. */
    static final class Layout {

        private final Columns columns;
        private final Map<String, Integer> indexes = new HashMap<>();

        Layout(Columns columns) {
            this.columns = columns;
            for (int i = 0; i < columns.size(); i++) {
                indexes.put(columns.name(i), i);
            }
        }
    }

    private final Layout layout;
    private final List<String> cells;
    private Map<String, Object> whole;

    RowObject(Layout layout, List<String> cells) {
        this.layout = layout;
        this.cells = cells;
    }

    @Override
    public Object get(Object key) {
        Integer at = layout.indexes.get(key);
        if (at == null) {
            return null;
        }
        String cell = cells.get(at);
        return Values.missing(cell) ? null : Values.value(layout.columns.type(at), cell);
    }

    @Override
    public boolean containsKey(Object key) {
        Integer at = layout.indexes.get(key);
        return at != null && !Values.missing(cells.get(at));
    }

    @Override
    public Set<Entry<String, Object>> entrySet() {
        if (whole == null) {
            whole = new LinkedHashMap<>();
            for (int i = 0; i < layout.columns.size(); i++) {
                if (!Values.missing(cells.get(i))) {
                    whole.put(layout.columns.name(i), Values.value(layout.columns.type(i), cells.get(i)));
                }
            }
        }
        return whole.entrySet();
    }
}
