package io.autoflow.transform.operate;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.autoflow.events.CodedException;
import io.autoflow.events.data.ColumnType;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * A table's column names, each with the type a cast gave it (null: read from its cells, a number when it looks like
 * one).
 */
record Columns(List<String> names, List<ColumnType> types) {

    Columns {
        names = List.copyOf(names);
        types = Collections.unmodifiableList(new ArrayList<>(types));
    }

    static Columns untyped(List<String> names) {
        return new Columns(names, Collections.nCopies(names.size(), null));
    }

    int size() {
        return names.size();
    }

    String name(int index) {
        return names.get(index);
    }

    ColumnType type(int index) {
        return types.get(index);
    }

    /** The column's index, or {@code unknown_column} naming the columns there are. */
    int index(String name) {
        int index = names.indexOf(name);
        if (index < 0) {
            ObjectNode details = JsonNodeFactory.instance.objectNode().put("column", name);
            details.putArray("columns").addAll(names.stream().map(JsonNodeFactory.instance::textNode).toList());
            throw new CodedException("unknown_column", "There is no column '" + name + "'; the table has "
                    + String.join(", ", names), details);
        }
        return index;
    }

    int[] indexes(List<String> columns) {
        return columns.stream().mapToInt(this::index).toArray();
    }

    /** These columns, with this one set (its type reset) or added at the end. */
    Columns with(String name, ColumnType type) {
        List<String> newNames = new ArrayList<>(names);
        List<ColumnType> newTypes = new ArrayList<>(types);
        int at = names.indexOf(name);
        if (at < 0) {
            newNames.add(name);
            newTypes.add(type);
        } else {
            newTypes.set(at, type);
        }
        return new Columns(newNames, newTypes);
    }

    /** The columns at these indexes, in this order. */
    Columns pick(int[] indexes) {
        List<String> newNames = new ArrayList<>();
        List<ColumnType> newTypes = new ArrayList<>();
        for (int index : indexes) {
            newNames.add(names.get(index));
            newTypes.add(types.get(index));
        }
        return new Columns(newNames, newTypes);
    }

    /** Refuses a table that would have two columns of one name ({@code duplicate_column}). */
    Columns unique() {
        for (int i = 0; i < names.size(); i++) {
            if (names.indexOf(names.get(i)) != i) {
                throw new CodedException("duplicate_column", "Two columns would be named '" + names.get(i) + "'",
                        JsonNodeFactory.instance.objectNode().put("column", names.get(i)));
            }
        }
        return this;
    }
}
