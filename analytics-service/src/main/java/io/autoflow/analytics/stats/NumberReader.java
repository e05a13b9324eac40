package io.autoflow.analytics.stats;

/**
 * Reads a cell as a number the way people write them in documents: plain ({@code -12.5}, {@code 1e-3}), grouped by
 * thousands ({@code 47,824,589}), as money ({@code $1,234.50}, {@code 12 €}, {@code (1,234)} for a negative), as a
 * percentage ({@code 12.5%}), with a Unicode minus or the Japanese {@code △} for negatives. Hand-written because it
 * runs on every cell of every row; one reader per column keeps what it last read, so reading allocates nothing for
 * plain numbers.
 */
public final class NumberReader {

    private static final String CURRENCIES = "$€£¥₹₩₽₺";
    /** Integers beyond this many digits lose precision as doubles: they are decimals (e.g. identifiers). */
    private static final int MAX_INTEGER_DIGITS = 18;

    private double value;
    private boolean integer;
    private boolean percent;
    private boolean currency;

    /** Whether the trimmed text reads as a number in any of the forms above. */
    public static boolean isNumber(String text) {
        return new NumberReader().read(text.trim());
    }

    /** @return whether the trimmed text is a number; if so, the other methods describe it */
    boolean read(String text) {
        int start = 0;
        int end = text.length();
        boolean negative = false;
        percent = false;
        currency = false;
        if (end - start >= 2 && text.charAt(start) == '(' && text.charAt(end - 1) == ')') {
            negative = true; // accounting
            start++;
            end--;
        }
        if (start < end && isCurrency(text.charAt(start))) {
            currency = true;
            start = skipSpaces(text, start + 1, end);
        }
        if (start < end && isMinus(text.charAt(start))) {
            negative = !negative;
            start++;
        } else if (start < end && text.charAt(start) == '+') {
            start++;
        }
        if (!currency && start < end && isCurrency(text.charAt(start))) {
            currency = true; // -$5
            start++;
        }
        if (start < end && text.charAt(end - 1) == '%') {
            percent = true;
            end = trimSpaces(text, start, end - 1);
        } else if (!currency && start < end && isCurrency(text.charAt(end - 1))) {
            currency = true; // 12 €
            end = trimSpaces(text, start, end - 1);
        }
        return number(text, start, end, negative);
    }

    double value() {
        return value;
    }

    boolean isInteger() {
        return integer;
    }

    boolean isPercent() {
        return percent;
    }

    boolean isCurrency() {
        return currency;
    }

    /** Digits (grouped by commas in threes, or not at all), at most one point, an exponent when ungrouped. */
    private boolean number(String text, int start, int end, boolean negative) {
        int i = start;
        int digits = 0;
        int groupDigits = 0;
        boolean grouped = false;
        boolean point = false;
        for (; i < end; i++) {
            char c = text.charAt(i);
            if (c >= '0' && c <= '9') {
                digits++;
                groupDigits++;
            } else if (c == ',' && !point && groupDigits > 0 && (grouped ? groupDigits == 3 : groupDigits <= 3)) {
                grouped = true;
                groupDigits = 0;
            } else if (c == '.' && !point) {
                point = true;
                if (grouped && groupDigits != 3) {
                    return false;
                }
                groupDigits = 0;
            } else {
                break;
            }
        }
        if (digits == 0 || grouped && !point && groupDigits != 3) {
            return false;
        }
        boolean exponent = false;
        if (i < end && !grouped && (text.charAt(i) == 'e' || text.charAt(i) == 'E')) {
            exponent = true;
            i++;
            if (i < end && (text.charAt(i) == '-' || text.charAt(i) == '+')) {
                i++;
            }
            int exponentDigits = 0;
            for (; i < end && text.charAt(i) >= '0' && text.charAt(i) <= '9'; i++) {
                exponentDigits++;
            }
            if (exponentDigits == 0) {
                return false;
            }
        }
        if (i != end) {
            return false;
        }
        boolean plain = start == 0 && end == text.length() && !grouped && !negative;
        String digitsOnly = plain ? text : (grouped ? text.substring(start, end).replace(",", "")
                : text.substring(start, end));
        double parsed = Double.parseDouble(digitsOnly);
        value = negative ? 0.0 - parsed : parsed; // never -0.0
        integer = !point && !exponent && digits <= MAX_INTEGER_DIGITS;
        return true;
    }

    private static boolean isMinus(char c) {
        return c == '-' || c == '\u2212' || c == '△' || c == '▲';
    }

    private static boolean isCurrency(char c) {
        return CURRENCIES.indexOf(c) >= 0;
    }

    private static int skipSpaces(String text, int from, int end) {
        int i = from;
        while (i < end && Character.isWhitespace(text.charAt(i))) {
            i++;
        }
        return i;
    }

    private static int trimSpaces(String text, int start, int end) {
        int i = end;
        while (i > start && Character.isWhitespace(text.charAt(i - 1))) {
            i--;
        }
        return i;
    }
}
