package io.autoflow.transform.operate;

import io.autoflow.events.data.ColumnType;
import java.io.IOException;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeFormatterBuilder;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Reads columns as a type, writing each cell the one way that type is written (numbers plain, booleans true/false,
 * dates ISO 8601). A cell that is not of the type becomes empty and is counted, so the job says how many.
 */
final class CastStage extends Stage {

    /** Date forms read unambiguously (day-month order is never guessed from digits alone). */
    private static final List<DateTimeFormatter> DATES = List.of(DateTimeFormatter.ISO_LOCAL_DATE,
            pattern("uuuu/M/d"), pattern("MMM d uuuu"), pattern("MMM d, uuuu"), pattern("MMMM d uuuu"),
            pattern("MMMM d, uuuu"), pattern("d MMM uuuu"), pattern("d MMMM uuuu"));

    private final Map<String, ColumnType> casts;
    private final OperationReport report;
    private int[] indexes;
    private ColumnType[] types;
    private long[] unreadable;

    CastStage(Map<String, ColumnType> casts, OperationReport report, Stage next) {
        super(next);
        this.casts = casts;
        this.report = report;
    }

    @Override
    void start(Columns columns) throws IOException {
        indexes = new int[casts.size()];
        types = new ColumnType[casts.size()];
        unreadable = new long[casts.size()];
        Columns cast = columns;
        int i = 0;
        for (Map.Entry<String, ColumnType> entry : casts.entrySet()) {
            indexes[i] = columns.index(entry.getKey());
            types[i++] = entry.getValue();
            cast = cast.with(entry.getKey(), entry.getValue());
        }
        next.start(cast);
    }

    @Override
    void row(List<String> cells) throws IOException {
        List<String> cast = new ArrayList<>(cells);
        for (int i = 0; i < indexes.length; i++) {
            String cell = cells.get(indexes[i]);
            if (Values.missing(cell)) {
                cast.set(indexes[i], "");
                continue;
            }
            String value = read(types[i], cell.strip());
            if (value == null) {
                unreadable[i]++;
                value = "";
            }
            cast.set(indexes[i], value);
        }
        next.row(cast);
    }

    @Override
    void end() throws IOException {
        int i = 0;
        for (Map.Entry<String, ColumnType> entry : casts.entrySet()) {
            report.unreadable(entry.getKey(), entry.getValue(), unreadable[i++]);
        }
        super.end();
    }

    /** The cell written as the type, or null when it is not one. */
    static String read(ColumnType type, String cell) {
        return switch (type) {
            case TEXT -> cell;
            case NUMBER -> {
                BigDecimal number = Values.number(cell);
                yield number == null ? null : Values.format(number);
            }
            case INTEGER -> {
                BigDecimal number = Values.number(cell);
                yield number == null || number.stripTrailingZeros().scale() > 0 ? null
                        : number.toBigInteger().toString();
            }
            case BOOLEAN -> switch (cell.toLowerCase(Locale.ROOT)) {
                case "true", "yes", "1" -> "true";
                case "false", "no", "0" -> "false";
                default -> null;
            };
            case DATE -> date(cell);
        };
    }

    private static String date(String cell) {
        String day = cell.length() > 10 && cell.charAt(4) == '-' && (cell.charAt(10) == 'T' || cell.charAt(10) == ' ')
                ? cell.substring(0, 10) : cell; // an ISO date-time: its date
        for (DateTimeFormatter format : DATES) {
            try {
                return LocalDate.parse(day, format).toString();
            } catch (DateTimeParseException notThisForm) {
                // the next form
            }
        }
        return null;
    }

    private static DateTimeFormatter pattern(String pattern) {
        return new DateTimeFormatterBuilder().parseCaseInsensitive().appendPattern(pattern)
                .toFormatter(Locale.ENGLISH);
    }
}
