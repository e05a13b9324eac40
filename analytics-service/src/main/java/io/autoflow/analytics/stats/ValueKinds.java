package io.autoflow.analytics.stats;

import java.time.LocalDate;
import java.util.Locale;
import java.util.Set;

/** How a single cell reads: missing, infinite, a boolean or a date (numbers: {@link NumberReader}). */
final class ValueKinds {

    private static final Set<String> MISSING = Set.of("", "na", "n/a", "null", "none", "nan", "-", "?",
            "\u2013", "\u2014", "\u2015"); // dashes that tables print for "nothing"
    private static final Set<String> BOOLEANS = Set.of("true", "false", "yes", "no");

    private ValueKinds() {
    }

    static boolean isMissing(String value) {
        return MISSING.contains(value.trim().toLowerCase(Locale.ROOT));
    }

    private static final Set<String> INFINITE = Set.of("inf", "+inf", "-inf", "infinity", "+infinity", "-infinity");

    static boolean isInfinite(String value) {
        return INFINITE.contains(value.toLowerCase(Locale.ROOT));
    }

    static boolean isBoolean(String value) {
        return BOOLEANS.contains(value.toLowerCase(Locale.ROOT));
    }

    static boolean isDate(String value) {
        return parseDate(value) != null;
    }

    /** The day a cell names (the date part of a date-time), or {@code null} when it is not a date. */
    static LocalDate parseDate(String raw) {
        return DateReader.parse(raw);
    }
}
