package io.autoflow.analytics.stats;

import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/** How a single cell reads: missing, a number, a boolean or a date. */
final class ValueKinds {

    private static final Set<String> MISSING = Set.of("", "na", "n/a", "null", "none", "nan", "-", "?");
    private static final Set<String> BOOLEANS = Set.of("true", "false", "yes", "no");
    private static final List<DateTimeFormatter> DATES = List.of(DateTimeFormatter.ISO_LOCAL_DATE,
            DateTimeFormatter.ofPattern("yyyy/MM/dd"));
    private static final List<DateTimeFormatter> DATE_TIMES = List.of(DateTimeFormatter.ISO_LOCAL_DATE_TIME,
            DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm[:ss]"), DateTimeFormatter.ofPattern("yyyy/MM/dd HH:mm[:ss]"));

    private ValueKinds() {
    }

    static boolean isMissing(String value) {
        return MISSING.contains(value.trim().toLowerCase(Locale.ROOT));
    }

    private static final Set<String> INFINITE = Set.of("inf", "+inf", "-inf", "infinity", "+infinity", "-infinity");

    static boolean isInfinite(String value) {
        return INFINITE.contains(value.toLowerCase(Locale.ROOT));
    }

    static boolean isInteger(String value) {
        int signs = value.startsWith("-") || value.startsWith("+") ? 1 : 0;
        return value.length() - signs <= 18 && isPlainNumber(value, false);
    }

    static boolean isDecimal(String value) {
        return isPlainNumber(value, true);
    }

    /**
     * Whether the text is a plain decimal number: optional sign, digits with at most one point, optional exponent.
     * Hand-written because it runs on every cell of every row; same language as {@code [-+]?(\d+\.?\d*|\.\d+)
     * ([eE][-+]?\d+)?}.
     */
    private static boolean isPlainNumber(String value, boolean allowFraction) {
        int i = 0;
        int n = value.length();
        if (i < n && (value.charAt(i) == '-' || value.charAt(i) == '+')) {
            i++;
        }
        int digits = 0;
        boolean point = false;
        for (; i < n; i++) {
            char c = value.charAt(i);
            if (c >= '0' && c <= '9') {
                digits++;
            } else if (c == '.' && allowFraction && !point) {
                point = true;
            } else {
                break;
            }
        }
        if (digits == 0) {
            return false;
        }
        if (i < n && allowFraction && (value.charAt(i) == 'e' || value.charAt(i) == 'E')) {
            i++;
            if (i < n && (value.charAt(i) == '-' || value.charAt(i) == '+')) {
                i++;
            }
            int exponent = 0;
            for (; i < n && value.charAt(i) >= '0' && value.charAt(i) <= '9'; i++) {
                exponent++;
            }
            if (exponent == 0) {
                return false;
            }
        }
        return i == n;
    }

    static boolean isBoolean(String value) {
        return BOOLEANS.contains(value.toLowerCase(Locale.ROOT));
    }

    static boolean isDate(String value) {
        return parseDate(value) != null;
    }

    /** The day a cell names (the date part of a date-time), or {@code null} when it is not a date. */
    static LocalDate parseDate(String raw) {
        String value = raw == null ? "" : raw.trim();
        if (value.length() < 8 || !Character.isDigit(value.charAt(0))) {
            return null;
        }
        for (DateTimeFormatter format : DATES) {
            try {
                return LocalDate.parse(value, format);
            } catch (DateTimeParseException e) {
                // try the next format
            }
        }
        for (DateTimeFormatter format : DATE_TIMES) {
            try {
                return LocalDateTime.parse(value, format).toLocalDate();
            } catch (DateTimeParseException e) {
                // try the next format
            }
        }
        return null;
    }
}
