package io.autoflow.events.data;

import com.fasterxml.jackson.annotation.JsonSubTypes;
import com.fasterxml.jackson.annotation.JsonTypeInfo;
import java.util.List;
import java.util.Map;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.media.DiscriminatorMapping;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.media.SchemaProperty;

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
@Schema(name = "DataOperation", description = "One operation on tabular data, named by op",
        oneOf = {DataOperation.Select.class, DataOperation.Rename.class, DataOperation.Filter.class,
                DataOperation.Derive.class, DataOperation.Cast.class, DataOperation.Sort.class,
                DataOperation.Deduplicate.class, DataOperation.GroupBy.class, DataOperation.Join.class,
                DataOperation.Pivot.class, DataOperation.Unpivot.class, DataOperation.Limit.class},
        discriminatorProperty = "op", discriminatorMapping = {
                @DiscriminatorMapping(value = "select", schema = DataOperation.Select.class),
                @DiscriminatorMapping(value = "rename", schema = DataOperation.Rename.class),
                @DiscriminatorMapping(value = "filter", schema = DataOperation.Filter.class),
                @DiscriminatorMapping(value = "derive", schema = DataOperation.Derive.class),
                @DiscriminatorMapping(value = "cast", schema = DataOperation.Cast.class),
                @DiscriminatorMapping(value = "sort", schema = DataOperation.Sort.class),
                @DiscriminatorMapping(value = "deduplicate", schema = DataOperation.Deduplicate.class),
                @DiscriminatorMapping(value = "group_by", schema = DataOperation.GroupBy.class),
                @DiscriminatorMapping(value = "join", schema = DataOperation.Join.class),
                @DiscriminatorMapping(value = "pivot", schema = DataOperation.Pivot.class),
                @DiscriminatorMapping(value = "unpivot", schema = DataOperation.Unpivot.class),
                @DiscriminatorMapping(value = "limit", schema = DataOperation.Limit.class)})
public sealed interface DataOperation {

    /** Keeps these columns, in this order (also how columns are reordered). */
    @Schema(name = "SelectOperation", requiredProperties = {"op", "columns"},
            properties = @SchemaProperty(name = "op", type = SchemaType.STRING, enumeration = "select"))
    record Select(List<String> columns) implements DataOperation {
    }

    /** Renames columns: old name to new name; the others keep theirs and their place. */
    @Schema(name = "RenameOperation", requiredProperties = {"op", "columns"},
            properties = @SchemaProperty(name = "op", type = SchemaType.STRING, enumeration = "rename"))
    record Rename(Map<String, String> columns) implements DataOperation {
    }

    /** Keeps the rows for which the JSONata expression is true (JSONata's truthiness: non-empty, non-zero). */
    @Schema(name = "FilterOperation", requiredProperties = {"op", "where"},
            properties = @SchemaProperty(name = "op", type = SchemaType.STRING, enumeration = "filter"))
    record Filter(String where) implements DataOperation {
    }

    /** Sets a column (added at the end when new) to the JSONata expression's value for each row. */
    @Schema(name = "DeriveOperation", requiredProperties = {"op", "column", "expression"},
            properties = @SchemaProperty(name = "op", type = SchemaType.STRING, enumeration = "derive"))
    record Derive(String column, String expression) implements DataOperation {
    }

    /** Reads columns as a type ({@link ColumnType}); a cell that is not one becomes empty and is counted. */
    @Schema(name = "CastOperation", requiredProperties = {"op", "columns"},
            properties = @SchemaProperty(name = "op", type = SchemaType.STRING, enumeration = "cast"))
    record Cast(Map<String, ColumnType> columns) implements DataOperation {
    }

    /** Sorts rows by these keys, stably; empty cells last in either direction. */
    @Schema(name = "SortOperation", requiredProperties = {"op", "by"},
            properties = @SchemaProperty(name = "op", type = SchemaType.STRING, enumeration = "sort"))
    record Sort(List<SortKey> by) implements DataOperation {
    }

    /** Keeps the first row of each distinct value of these columns (of the whole row when none are given). */
    @Schema(name = "DeduplicateOperation", requiredProperties = {"op"},
            properties = @SchemaProperty(name = "op", type = SchemaType.STRING, enumeration = "deduplicate"))
    record Deduplicate(List<String> columns) implements DataOperation {
    }

    /** One row per distinct value of {@code by} (in sorted order; an empty key is a group too), with aggregates. */
    @Schema(name = "GroupByOperation", requiredProperties = {"op", "by"},
            properties = @SchemaProperty(name = "op", type = SchemaType.STRING, enumeration = "group_by"))
    record GroupBy(List<String> by, List<Aggregate> aggregates) implements DataOperation {
    }

    /**
     * Joins the rows of another input of the step ({@code with}, its name) on columns both have: {@code inner} keeps
     * rows with a match, {@code left} every row of this table. A column both have besides the keys is suffixed
     * {@code _x} (this table) and {@code _y} (the other).
     */
    @Schema(name = "JoinOperation", requiredProperties = {"op", "with", "on"},
            properties = @SchemaProperty(name = "op", type = SchemaType.STRING, enumeration = "join"))
    record Join(String with, List<String> on, String how) implements DataOperation {
    }

    /**
     * One row per distinct {@code index} value, one column per distinct value of {@code columns} (sorted), each cell
     * the aggregate {@code function} of {@code values} for that pair (empty when there is none).
     */
    @Schema(name = "PivotOperation", requiredProperties = {"op", "index", "columns", "values", "function"},
            properties = @SchemaProperty(name = "op", type = SchemaType.STRING, enumeration = "pivot"))
    record Pivot(List<String> index, String columns, String values, AggregateFunction function)
            implements DataOperation {
    }

    /**
     * The reverse of a pivot: for each of {@code columns} in turn, one row per input row with the {@code keep} columns,
     * the column's name (in {@code variable}) and its cell (in {@code value}).
     */
    @Schema(name = "UnpivotOperation", requiredProperties = {"op", "columns"},
            properties = @SchemaProperty(name = "op", type = SchemaType.STRING, enumeration = "unpivot"))
    record Unpivot(List<String> keep, List<String> columns, String variable, String value) implements DataOperation {
    }

    /** Keeps the first rows. */
    @Schema(name = "LimitOperation", requiredProperties = {"op", "rows"},
            properties = @SchemaProperty(name = "op", type = SchemaType.STRING, enumeration = "limit"))
    record Limit(long rows) implements DataOperation {
    }

    @Schema(requiredProperties = "column")
    record SortKey(String column, boolean descending) {
    }

    /** An aggregate of a column ({@code count} without one counts rows) named {@code as} (default function_column). */
    @Schema(requiredProperties = "function")
    record Aggregate(AggregateFunction function, String column, String as) {
    }
}
