package io.autoflow.transform.operate;

import com.fasterxml.jackson.core.JsonProcessingException;
import io.autoflow.events.CodedException;
import io.autoflow.events.EventJson;
import io.autoflow.events.data.ColumnType;
import java.math.BigDecimal;
import java.math.MathContext;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/** How cells read as values: missing, numbers, order, and a row as an expression sees it. */
final class Values {

    /**
     * What spreadsheets and data tools write for "no value" (pandas 1.5's default list): missing to every operation,
     * though a cell passed through is written as it was. Not "None", which is often a value ("damage: None").
     */
    private static final Set<String> MISSING = Set.of("", "NA", "N/A", "n/a", "NaN", "nan", "-NaN", "-nan", "null",
            "NULL", "#N/A", "#N/A N/A", "#NA", "<NA>");

    private static final Pattern NUMBER = Pattern.compile("[+-]?(\\d+\\.?\\d*|\\.\\d+)([eE][+-]?\\d{1,4})?");

    private static final MathContext SIGNIFICANT = new MathContext(15);
    private static final BigDecimal LONG_RANGE = BigDecimal.valueOf(Long.MAX_VALUE);

    /** A cell written by an expression is at most this long, so one row cannot fill the heap. */
    static final int MAX_CELL_CHARS = 1 << 20;

    private Values() {
    }

    static boolean missing(String cell) {
        return cell == null || MISSING.contains(cell.strip());
    }

    /** The cell as a number, or null when it is not one (a missing cell is not). */
    static BigDecimal number(String cell) {
        if (cell == null) {
            return null;
        }
        String text = cell.strip();
        return text.length() <= 400 && NUMBER.matcher(text).matches() ? new BigDecimal(text) : null;
    }

    /** A number as a person and every tool reads it back: no exponent for ordinary sizes, no trailing zeros. */
    static String format(BigDecimal number) {
        BigDecimal plain = number.stripTrailingZeros();
        return Math.abs(plain.scale()) > 30 ? plain.toString() : plain.toPlainString();
    }

    /** Whether a column is compared as numbers: by its cast type, else when each of its filled cells is a number. */
    static boolean numeric(ColumnType type, boolean everyFilledCellNumeric) {
        return type == null ? everyFilledCellNumeric : type == ColumnType.NUMBER || type == ColumnType.INTEGER;
    }

    /** The order of a column's filled cells: numbers by value, else text by character. */
    static Comparator<String> order(boolean numeric) {
        return numeric ? Comparator.comparing(Values::number, Comparator.nullsLast(Comparator.naturalOrder()))
                : Comparator.naturalOrder();
    }

    /** Missing cells last, in either direction; the others in this order (reversed when descending). */
    static Comparator<String> missingLast(Comparator<String> order, boolean descending) {
        Comparator<String> direction = descending ? order.reversed() : order;
        return (a, b) -> {
            boolean aMissing = missing(a);
            boolean bMissing = missing(b);
            if (aMissing || bMissing) {
                return aMissing == bMissing ? 0 : aMissing ? 1 : -1;
            }
            return direction.compare(a, b);
        };
    }

    /**
     * The row as a JSONata expression sees it: one key per column, numbers as numbers (unless cast to text), true and
     * false as booleans, a missing cell absent (so that {@code price > 10} is simply false for it). Lazy
     * ({@link RowObject}): only the cells the expression reads are converted.
     */
    static Map<String, Object> object(RowObject.Layout layout, List<String> cells) {
        return new RowObject(layout, cells);
    }

    /** A filled cell as an expression's value. */
    static Object value(ColumnType type, String cell) {
        if (type == ColumnType.TEXT || type == ColumnType.DATE) {
            return cell;
        }
        if (cell.equals("true") || cell.equals("false")) {
            return Boolean.parseBoolean(cell);
        }
        BigDecimal number = type == ColumnType.BOOLEAN ? null : number(cell);
        if (number == null) {
            return cell;
        }
        boolean whole = number.scale() <= 0 || number.stripTrailingZeros().scale() <= 0;
        if (whole && number.abs().compareTo(LONG_RANGE) < 0) {
            return number.longValue();
        }
        return number.doubleValue();
    }

    /** An expression's value as a cell: numbers without a needless ".0", objects and arrays as JSON. */
    static String cell(Object value) {
        String text;
        if (value == null) {
            text = "";
        } else if (value instanceof Double || value instanceof Float) {
            // 15 significant digits, as JSONata writes numbers: 3 * 1.1 is 3.3, not 3.3000000000000003.
            double number = ((Number) value).doubleValue();
            text = Double.isFinite(number) ? format(new BigDecimal(number).round(SIGNIFICANT)) : "";
        } else if (value instanceof Number || value instanceof Boolean || value instanceof CharSequence) {
            text = value.toString();
        } else {
            try {
                text = EventJson.mapper().writeValueAsString(value);
            } catch (JsonProcessingException e) {
                text = String.valueOf(value);
            }
        }
        if (text.length() > MAX_CELL_CHARS) {
            throw new CodedException("expression_output_too_large", "An expression made a cell of " + text.length()
                    + " characters, more than " + MAX_CELL_CHARS);
        }
        return text;
    }
}
