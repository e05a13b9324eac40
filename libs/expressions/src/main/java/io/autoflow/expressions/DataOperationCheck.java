package io.autoflow.expressions;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.autoflow.events.CodedException;
import io.autoflow.events.data.AggregateFunction;
import io.autoflow.events.data.DataOperation;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Checks data operations when they are saved, before any data is read: every required field present, column names
 * not blank, expressions valid JSONata, a join's other input known. A refusal names the operation (its index from 0)
 * and the field: {@code invalid_operation}, or {@code invalid_expression} with the position in the expression. The
 * transform service checks again when it runs them; columns themselves can only be checked against the data.
 */
public final class DataOperationCheck {

    /** Operations per step: far more than any real chain, few enough to keep a step readable and quick to check. */
    public static final int MAX_OPERATIONS = 50;

    private DataOperationCheck() {
    }

    /**
     * @param inputs the names of the step's other inputs, which a join may name (null: checked when it runs)
     * @throws CodedException {@code invalid_operation} or {@code invalid_expression}, with {@code details.operation}
     *         and {@code details.field}
     */
    public static void check(List<DataOperation> operations, Set<String> inputs) {
        if (operations == null) {
            return;
        }
        if (operations.size() > MAX_OPERATIONS) {
            throw invalid(MAX_OPERATIONS, "operations", "At most " + MAX_OPERATIONS + " operations are allowed");
        }
        for (int i = 0; i < operations.size(); i++) {
            check(i, operations.get(i), inputs);
        }
    }

    private static void check(int at, DataOperation operation, Set<String> inputs) {
        if (operation == null) {
            throw invalid(at, "op", "The operation is empty");
        }
        if (operation instanceof DataOperation.Select select) {
            columns(at, "columns", select.columns());
        } else if (operation instanceof DataOperation.Rename rename) {
            required(at, "columns", empty(rename.columns()) ? null : rename);
            rename.columns().forEach((from, to) -> {
                name(at, "columns", from);
                name(at, "columns." + from, to);
            });
        } else if (operation instanceof DataOperation.Filter filter) {
            expression(at, "where", filter.where());
        } else if (operation instanceof DataOperation.Derive derive) {
            name(at, "column", derive.column());
            expression(at, "expression", derive.expression());
        } else if (operation instanceof DataOperation.Cast cast) {
            required(at, "columns", empty(cast.columns()) ? null : cast);
            cast.columns().forEach((column, type) -> {
                name(at, "columns", column);
                required(at, "columns." + column, type);
            });
        } else if (operation instanceof DataOperation.Sort sort) {
            columns(at, "by", sort.by() == null ? null : sort.by().stream()
                    .map(key -> key == null ? null : key.column()).toList());
        } else if (operation instanceof DataOperation.Deduplicate deduplicate) {
            if (deduplicate.columns() != null) {
                deduplicate.columns().forEach(column -> name(at, "columns", column));
            }
        } else if (operation instanceof DataOperation.GroupBy group) {
            columns(at, "by", group.by());
            if (group.aggregates() != null) {
                for (DataOperation.Aggregate aggregate : group.aggregates()) {
                    required(at, "aggregates.function", aggregate == null ? null : aggregate.function());
                    if (aggregate.column() != null) {
                        name(at, "aggregates.column", aggregate.column());
                    } else if (aggregate.function() != AggregateFunction.COUNT) {
                        throw invalid(at, "aggregates.column", aggregate.function().json()
                                + " needs a column; only count counts rows without one");
                    }
                }
            }
        } else if (operation instanceof DataOperation.Join join) {
            name(at, "with", join.with());
            if (inputs != null && !inputs.contains(join.with())) {
                throw invalid(at, "with", "There is no other input named '" + join.with() + "'"
                        + (inputs.isEmpty() ? "" : "; this step has " + String.join(", ", inputs)));
            }
            columns(at, "on", join.on());
            if (join.how() != null && !List.of("inner", "left").contains(join.how())) {
                throw invalid(at, "how", "how is inner or left");
            }
        } else if (operation instanceof DataOperation.Pivot pivot) {
            columns(at, "index", pivot.index());
            name(at, "columns", pivot.columns());
            name(at, "values", pivot.values());
            required(at, "function", pivot.function());
        } else if (operation instanceof DataOperation.Unpivot unpivot) {
            if (unpivot.keep() != null) {
                unpivot.keep().forEach(column -> name(at, "keep", column));
            }
            columns(at, "columns", unpivot.columns());
            if (unpivot.variable() != null) {
                name(at, "variable", unpivot.variable());
            }
            if (unpivot.value() != null) {
                name(at, "value", unpivot.value());
            }
        } else if (operation instanceof DataOperation.Limit limit) {
            if (limit.rows() < 0) {
                throw invalid(at, "rows", "rows is 0 or more");
            }
        }
    }

    private static void expression(int at, String field, String expression) {
        try {
            JsonataExpression.compile(expression);
        } catch (ExpressionException e) {
            ObjectNode details = ((ObjectNode) e.details()).put("operation", at).put("field", field);
            throw new CodedException(e.code(), "Operation " + at + ", " + field + ": " + e.getMessage(), details);
        }
    }

    private static void columns(int at, String field, Collection<String> columns) {
        if (columns == null || columns.isEmpty()) {
            throw invalid(at, field, field + " needs at least one column");
        }
        columns.forEach(column -> name(at, field, column));
    }

    private static void name(int at, String field, String name) {
        if (name == null || name.isBlank()) {
            throw invalid(at, field, field + " needs a column name");
        }
    }

    private static void required(int at, String field, Object value) {
        if (value == null) {
            throw invalid(at, field, field + " is required");
        }
    }

    /** An operation that cannot be run, at its index and field. */
    public static CodedException invalid(int at, String field, String message) {
        ObjectNode details = JsonNodeFactory.instance.objectNode().put("operation", at).put("field", field);
        return new CodedException("invalid_operation", "Operation " + at + ", " + field + ": " + message, details);
    }

    private static boolean empty(Map<?, ?> map) {
        return map == null || map.isEmpty();
    }
}
