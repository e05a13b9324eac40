package io.autoflow.analytics.insight;

import java.text.DecimalFormat;
import java.text.DecimalFormatSymbols;
import java.util.Locale;

/** The one way insights write numbers, so that every number in a sentence can be traced to a computed value. */
public final class Numbers {

    private static final DecimalFormatSymbols SYMBOLS = DecimalFormatSymbols.getInstance(Locale.ROOT);

    private Numbers() {
    }

    /** A value with at most two decimals: 42.28, 45, -0.18. */
    public static String value(double value) {
        return new DecimalFormat("0.##", SYMBOLS).format(value);
    }

    /** A share as a percentage with at most one decimal: 0.0208 → 2.1. */
    public static String percent(double share) {
        return new DecimalFormat("0.#", SYMBOLS).format(share * 100);
    }
}
