package io.autoflow.analytics.stats;

import java.time.DateTimeException;
import java.time.LocalDate;
import java.util.Locale;

/**
 * Reads the day a cell names, in the forms documents use: ISO ({@code 2026-01-05}, {@code 2026/01/05}, with or
 * without a time after it), US ({@code 1/5/2026}), day first when the first number cannot be a month
 * ({@code 25/12/2026}) or with dots ({@code 25.12.2026}), and with month names ({@code 5-Jan-2026},
 * {@code 5 Jan 2026}, {@code Jan 5 2026}, {@code January 5, 2026}). Hand-written, without exceptions on the common
 * path, because it runs on every cell that could be a date.
 */
public final class DateReader {

    private static final String[] MONTHS = {"january", "february", "march", "april", "may", "june", "july",
        "august", "september", "october", "november", "december"};

    private final String text;
    private int at;

    private DateReader(String text) {
        this.text = text;
    }

    /** The day, or {@code null} when the text is not a date. */
    public static LocalDate parse(String raw) {
        String value = raw == null ? "" : raw.trim();
        if (value.length() < 6 || value.length() > 40) {
            return null;
        }
        DateReader reader = new DateReader(value);
        return Character.isDigit(value.charAt(0)) ? reader.numeric() : reader.monthFirst();
    }

    /** 2026-01-05, 1/5/2026, 25.12.2026, 5-Jan-2026, 5 Jan 2026; then nothing, or a time after a space or T. */
    private LocalDate numeric() {
        int first = digits();
        int firstLength = at;
        if (first < 0 || at >= text.length()) {
            return null;
        }
        char separator = text.charAt(at++);
        if (separator != '-' && separator != '/' && separator != '.' && separator != ' ') {
            return null;
        }
        int month = month();
        boolean named = month > 0;
        if (separator == ' ' && !named) {
            return null;
        }
        int second = named ? month : digits();
        if (second < 0 || at >= text.length() || text.charAt(at++) != separator) {
            return null;
        }
        int secondEnd = at;
        int third = digits();
        if (third < 0 || !restIsTime()) {
            return null;
        }
        int thirdLength = at - secondEnd;
        if (firstLength == 4 && !named) {
            return date(first, second, third);
        }
        if (thirdLength != 4) {
            return null;
        }
        if (named || separator == '.' || first > 12) {
            return date(third, second, first);
        }
        return date(third, first, second);
    }

    /** Jan 5 2026, January 5, 2026. */
    private LocalDate monthFirst() {
        int month = month();
        if (month < 0 || !skip(' ')) {
            return null;
        }
        int day = digits();
        if (day < 0) {
            return null;
        }
        skip(',');
        if (!skip(' ')) {
            return null;
        }
        int yearStart = at;
        int year = digits();
        return year < 0 || at - yearStart != 4 || !restIsTime() ? null : date(year, month, day);
    }

    /** A run of 1 to 4 digits, or -1. */
    private int digits() {
        int start = at;
        int value = 0;
        while (at < text.length() && at - start < 4 && Character.isDigit(text.charAt(at))) {
            value = value * 10 + (text.charAt(at++) - '0');
        }
        return at == start || at < text.length() && Character.isDigit(text.charAt(at)) ? -1 : value;
    }

    /** An English month name or its three-letter abbreviation (1-12), or -1 leaving the position alone. */
    private int month() {
        int start = at;
        while (at < text.length() && Character.isLetter(text.charAt(at))) {
            at++;
        }
        String word = text.substring(start, at).toLowerCase(Locale.ROOT);
        for (int m = 0; m < MONTHS.length && word.length() >= 3; m++) {
            if (word.equals(MONTHS[m]) || word.equals(MONTHS[m].substring(0, 3)) || word.equals("sept") && m == 8) {
                return m + 1;
            }
        }
        at = start;
        return -1;
    }

    private boolean skip(char c) {
        boolean found = false;
        while (at < text.length() && text.charAt(at) == c) {
            at++;
            found = true;
        }
        return found;
    }

    /** The end of the text, or a time of day after a space or a T (not checked further). */
    private boolean restIsTime() {
        if (at == text.length()) {
            return true;
        }
        char c = text.charAt(at);
        return (c == ' ' || c == 'T') && at + 1 < text.length() && Character.isDigit(text.charAt(at + 1));
    }

    private static LocalDate date(int year, int month, int day) {
        if (year < 1000 || month < 1 || month > 12 || day < 1 || day > 31) {
            return null;
        }
        try {
            return LocalDate.of(year, month, day);
        } catch (DateTimeException e) {
            return null; // 31 April and the like
        }
    }
}
