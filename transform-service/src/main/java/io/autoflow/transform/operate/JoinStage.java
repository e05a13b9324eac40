package io.autoflow.transform.operate;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import io.autoflow.events.CodedException;
import io.autoflow.events.data.ColumnType;
import io.autoflow.transform.convert.TableSink;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Joins the rows of another input on key columns: the other table is held in memory by key ({@link GroupBudget}),
 * this one streams through in its order, each row followed by its matches in theirs. A missing key matches nothing.
 */
final class JoinStage extends Stage {

    private final String with;
    private final List<String> on;
    private final boolean left;
    private final Inputs inputs;
    private int[] keys;
    private int[] otherValues;
    private final Map<List<String>, List<List<String>>> other = new HashMap<>();

    JoinStage(String with, List<String> on, String how, Inputs inputs, Stage next) {
        super(next);
        this.with = with;
        this.on = on;
        this.left = "left".equals(how);
        this.inputs = inputs;
    }

    @Override
    void start(Columns columns) throws IOException {
        keys = columns.indexes(on);
        OtherTable table = new OtherTable();
        if (!inputs.read(with, table)) {
            throw new CodedException("join_input_missing", "There is no input named '" + with + "' to join",
                    JsonNodeFactory.instance.objectNode().put("with", with));
        }
        if (table.columns == null) {
            throw new CodedException("join_input_missing", "The input '" + with + "' has no table");
        }
        List<String> names = new ArrayList<>(columns.names());
        List<ColumnType> types = new ArrayList<>(columns.types());
        for (int index : otherValues) {
            String name = table.columns.name(index);
            int mine = names.indexOf(name);
            if (mine >= 0 && !on.contains(name)) {
                names.set(mine, name + "_x");
                name = name + "_y";
            }
            names.add(name);
            types.add(table.columns.type(index));
        }
        next.start(new Columns(names, types).unique());
    }

    @Override
    void row(List<String> cells) throws IOException {
        List<List<String>> matches = other.getOrDefault(key(cells, keys), List.of());
        if (matches.isEmpty() && left) {
            List<String> joined = new ArrayList<>(cells);
            joined.addAll(Collections.nCopies(otherValues.length, ""));
            next.row(joined);
        }
        for (List<String> match : matches) {
            List<String> joined = new ArrayList<>(cells);
            for (int index : otherValues) {
                joined.add(match.get(index));
            }
            next.row(joined);
        }
    }

    /** The key cells, or null (matching nothing) when one is missing. */
    private static List<String> key(List<String> cells, int[] indexes) {
        List<String> key = new ArrayList<>(indexes.length);
        for (int index : indexes) {
            if (Values.missing(cells.get(index))) {
                return null;
            }
            key.add(cells.get(index));
        }
        return key;
    }

    /** Holds the other input's first table by key. */
    private final class OtherTable implements TableSink {

        private final GroupBudget budget = new GroupBudget("join_input_too_large",
                "join a smaller table (filter or group it first in its own step)");
        private Columns columns;
        private int[] otherKeys;
        private boolean later; // a later table (sheet) than the first

        @Override
        public void begin(int tables) {
        }

        @Override
        public void table(String name, List<String> header) {
            if (columns != null) {
                later = true; // the first table (sheet) only
                return;
            }
            columns = Columns.untyped(header);
            try {
                otherKeys = columns.indexes(on);
            } catch (CodedException e) {
                throw new CodedException(e.code(), "In '" + with + "': " + e.getMessage(), e.details());
            }
            List<Integer> values = new ArrayList<>();
            for (int i = 0; i < header.size(); i++) {
                if (!on.contains(header.get(i))) {
                    values.add(i);
                }
            }
            otherValues = values.stream().mapToInt(Integer::intValue).toArray();
        }

        @Override
        public void row(List<String> cells) {
            if (later) {
                return;
            }
            List<String> key = key(cells, otherKeys);
            if (key != null) {
                budget.add(RowSpool.bytes(cells));
                other.computeIfAbsent(key, k -> new ArrayList<>(1)).add(cells);
            }
        }

        @Override
        public void close() {
        }
    }
}
