package io.autoflow.transform.operate;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import io.autoflow.events.CodedException;
import io.autoflow.events.data.AggregateFunction;
import java.io.IOException;
import java.math.BigDecimal;
import java.math.MathContext;

/**
 * One aggregate of one group's cells. Missing cells are left out (count counts the filled ones; count of rows is
 * {@link #row}). Sum and mean need numbers: a filled cell that is not one is refused with {@code not_numeric} rather
 * than silently skipped; min and max compare as numbers or as text, as the whole column reads.
 */
final class Accumulator {

    private final AggregateFunction function;
    private final String column;
    private long count;
    private BigDecimal sum = BigDecimal.ZERO;
    private BigDecimal minNumber;
    private BigDecimal maxNumber;
    private String minText;
    private String maxText;
    /** Where a distinct count's values go (exact, in bounded memory), and its accumulator's number there. */
    private final DistinctValues distinctValues;
    private final int distinctNumber;
    private long distinct;

    /** @param distinctValues where a {@code distinct_count}'s values are counted, at the end, for all of a stage's */
    Accumulator(AggregateFunction function, String column, DistinctValues distinctValues) {
        this.function = function;
        this.column = column;
        this.distinctValues = distinctValues;
        distinctNumber = function == AggregateFunction.DISTINCT_COUNT ? distinctValues.register(this) : -1;
    }

    /** Counts a row, for count without a column. */
    void row() {
        count++;
    }

    /** @return roughly how many bytes the cell added to what this holds in memory */
    long add(String cell) throws IOException {
        if (Values.missing(cell)) {
            return 0;
        }
        count++;
        switch (function) {
            case SUM, MEAN -> sum = sum.add(number(cell));
            case MIN, MAX -> {
                BigDecimal number = Values.number(cell);
                if (number != null) {
                    minNumber = minNumber == null || number.compareTo(minNumber) < 0 ? number : minNumber;
                    maxNumber = maxNumber == null || number.compareTo(maxNumber) > 0 ? number : maxNumber;
                }
                minText = minText == null || cell.compareTo(minText) < 0 ? cell : minText;
                maxText = maxText == null || cell.compareTo(maxText) > 0 ? cell : maxText;
            }
            case DISTINCT_COUNT -> distinctValues.add(distinctNumber, cell);
            case COUNT -> {
                // counted above
            }
        }
        return 0;
    }

    /** The aggregate as a cell; min and max as numbers when the column is numeric. */
    String value(boolean numericColumn) {
        return switch (function) {
            case COUNT -> Long.toString(count);
            case DISTINCT_COUNT -> Long.toString(distinct);
            case SUM -> Values.format(sum);
            case MEAN -> count == 0 ? "" : Values.format(sum.divide(BigDecimal.valueOf(count), MathContext.DECIMAL64));
            case MIN -> numericColumn ? (minNumber == null ? "" : Values.format(minNumber)) : text(minText);
            case MAX -> numericColumn ? (maxNumber == null ? "" : Values.format(maxNumber)) : text(maxText);
        };
    }

    /** How many different values a distinct count had, told by {@link DistinctValues#count} at the end. */
    void distinct(long count) {
        distinct = count;
    }

    private static String text(String value) {
        return value == null ? "" : value;
    }

    private BigDecimal number(String cell) {
        BigDecimal number = Values.number(cell);
        if (number == null) {
            throw new CodedException("not_numeric", "'" + column + "' has a cell that is not a number ('"
                    + (cell.length() > 40 ? cell.substring(0, 40) + "…" : cell) + "'), so it cannot be "
                    + (function == AggregateFunction.SUM ? "summed" : "averaged")
                    + "; cast the column to number first to read such cells as empty",
                    JsonNodeFactory.instance.objectNode().put("column", column).put("function", function.json()));
        }
        return number;
    }
}
