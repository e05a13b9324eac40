package io.autoflow.events.data;

import com.fasterxml.jackson.annotation.JsonSubTypes;
import com.fasterxml.jackson.annotation.JsonTypeInfo;
import java.util.List;
import java.util.Map;

/**
 * One operation on tabular data (CSV, XLSX sheets, JSON arrays of objects), applied in order by the transform
 * service; in JSON an object whose {@code op} names it. Row expressions ({@link Filter#where}, {@link Derive#expression})
 * are JSONata over the row as an object (numbers as numbers, true/false as booleans, an empty cell absent).
 */
@JsonTypeInfo(use = JsonTypeInfo.Id.NAME, property = "op")
@JsonSubTypes({
        @JsonSubTypes.Type(value = DataOperation.Select.class, name = "select"),
        @JsonSubTypes.Type(value = DataOperation.Rename.class, name = "rename"),
        @JsonSubTypes.Type(value = DataOperation.Filter.class, name = "filter"),
        @JsonSubTypes.Type(value = DataOperation.Derive.class, name = "derive"),
        @JsonSubTypes.Type(value = DataOperation.Cast.class, name = "cast"),
        @JsonSubTypes.Type(value = DataOperation.Sort.class, name = "sort"),
        @JsonSubTypes.Type(value = DataOperation.Deduplicate.class, name = "deduplicate"),
        @JsonSubTypes.Type(value = DataOperation.GroupBy.class, name = "group_by"),
        @JsonSubTypes.Type(value = DataOperation.Join.class, name = "join"),
        @JsonSubTypes.Type(value = DataOperation.Pivot.class, name = "pivot"),
        @JsonSubTypes.Type(value = DataOperation.Unpivot.class, name = "unpivot"),
        @JsonSubTypes.Type(value = DataOperation.Limit.class, name = "limit")})
public sealed interface DataOperation {

    /** Keeps these columns, in this order (also how columns are reordered). */
    record Select(List<String> columns) implements DataOperation {
    }

    /** Renames columns: old name to new name; the others keep theirs and their place. */
    record Rename(Map<String, String> columns) implements DataOperation {
    }

    /** Keeps the rows for which the JSONata expression is true (JSONata's truthiness: non-empty, non-zero). */
    record Filter(String where) implements DataOperation {
    }

    /** Sets a column (added at the end when new) to the JSONata expression's value for each row. */
    record Derive(String column, String expression) implements DataOperation {
    }

    /** Reads columns as a type ({@link ColumnType}); a cell that is not one becomes empty and is counted. */
    record Cast(Map<String, ColumnType> columns) implements DataOperation {
    }

    /** Sorts rows by these keys, stably; empty cells last in either direction. */
    record Sort(List<SortKey> by) implements DataOperation {
    }

    /** Keeps the first row of each distinct value of these columns (of the whole row when none are given). */
    record Deduplicate(List<String> columns) implements DataOperation {
    }

    /** One row per distinct value of {@code by} (in sorted order; an empty key is a group too), with aggregates. */
    record GroupBy(List<String> by, List<Aggregate> aggregates) implements DataOperation {
    }

    /**
     * Joins the rows of another input of the step ({@code with}, its name) on columns both have: {@code inner} keeps
     * rows with a match, {@code left} every row of this table. A column both have besides the keys is suffixed
     * {@code _x} (this table) and {@code _y} (the other).
     */
    record Join(String with, List<String> on, String how) implements DataOperation {
    }

    /**
     * One row per distinct {@code index} value, one column per distinct value of {@code columns} (sorted), each cell
     * the aggregate {@code function} of {@code values} for that pair (empty when there is none).
     */
    record Pivot(List<String> index, String columns, String values, AggregateFunction function)
            implements DataOperation {
    }

    /**
     * The reverse of a pivot: for each of {@code columns} in turn, one row per input row with the {@code keep} columns,
     * the column's name (in {@code variable}) and its cell (in {@code value}).
     */
    record Unpivot(List<String> keep, List<String> columns, String variable, String value) implements DataOperation {
    }

    /** Keeps the first rows. */
    record Limit(long rows) implements DataOperation {
    }

    record SortKey(String column, boolean descending) {
    }

    /** An aggregate of a column ({@code count} without one counts rows) named {@code as} (default function_column). */
    record Aggregate(AggregateFunction function, String column, String as) {
    }
}
