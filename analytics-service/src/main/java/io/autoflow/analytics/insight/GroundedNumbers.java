package io.autoflow.analytics.insight;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Checks that a text uses only numbers that another text (the computed facts) contains. A number may lose its sign
 * ("falls by 0.18" for a slope of -0.18), nothing else.
 */
public final class GroundedNumbers {

    /** A number as sentences write it: 1,234.5 or -0.18 or 12 (a trailing % is the same number). */
    private static final Pattern NUMBER = Pattern.compile("(?<![\\w.])[-−]?\\d{1,3}(?:,\\d{3})+(?:\\.\\d+)?"
            + "|(?<![\\w.])[-−]?\\d+(?:\\.\\d+)?");

    private GroundedNumbers() {
    }

    /** The numbers of {@code text} that {@code facts} does not contain, as written. */
    public static List<String> notIn(String text, String facts) {
        List<Double> known = numbers(facts).stream().map(GroundedNumbers::parse).toList();
        List<String> unknown = new ArrayList<>();
        for (String number : numbers(text)) {
            double value = parse(number);
            if (known.stream().noneMatch(k -> Math.abs(Math.abs(k) - Math.abs(value))
                    <= 1e-9 * Math.max(1, Math.abs(k)))) {
                unknown.add(number);
            }
        }
        return unknown;
    }

    static List<String> numbers(String text) {
        List<String> found = new ArrayList<>();
        Matcher matcher = NUMBER.matcher(text);
        while (matcher.find()) {
            found.add(matcher.group());
        }
        return found;
    }

    private static double parse(String number) {
        return Double.parseDouble(number.replace(",", "").replace('−', '-'));
    }
}
