package io.autoflow.analytics.insight;

import java.math.BigDecimal;
import java.math.MathContext;
import java.math.RoundingMode;
import java.text.DecimalFormat;
import java.text.DecimalFormatSymbols;
import java.util.Locale;

/**
 * The one way reports, insights and alerts write numbers, so that every number reads as a person would write it and
 * can be traced to a computed value: small values keep their significant digits (0.0006, never 0), large ones are
 * grouped or scaled (159,851; 1.23 M), and a minus sign is U+2212, which no text layout separates from its digits
 * (nor a scale, after a no-break space).
 */
public final class Numbers {

    /** The minus sign numbers are written with (hyphen-minus lets PowerPoint and LibreOffice break "-" / "3.2"). */
    public static final char MINUS = '\u2212';

    private static final DecimalFormatSymbols SYMBOLS = DecimalFormatSymbols.getInstance(Locale.ROOT);
    /** After a no-break space, so that no layout separates a number from its scale. */
    private static final String[] SCALES = {"", "\u00a0k", "\u00a0M", "\u00a0B", "\u00a0T"};
    private static final double MILLION = 1e6;

    private Numbers() {
    }

    /**
     * A value as a sentence or a table cell shows it: below 1, two significant digits (0.74, 0.0006); up to 1,000,
     * at most two decimals (42.28, −3.2); up to a million, whole and grouped (159,851); beyond, three significant
     * digits and a scale (1.23 M, 45.6 B).
     */
    public static String value(double value) {
        if (!Double.isFinite(value)) {
            return Double.isNaN(value) ? "n/a" : (value > 0 ? "∞" : MINUS + "∞");
        }
        double magnitude = Math.abs(value);
        String digits;
        if (magnitude == 0) {
            return "0";
        } else if (magnitude < 1) {
            digits = plain(BigDecimal.valueOf(magnitude).round(new MathContext(2, RoundingMode.HALF_UP)));
        } else if (magnitude < 1000) {
            digits = new DecimalFormat("#,##0.##", SYMBOLS).format(magnitude); // 999.996 is 1,000
        } else if (magnitude < MILLION) {
            digits = new DecimalFormat("#,##0", SYMBOLS).format(magnitude);
        } else {
            digits = scaled(magnitude);
        }
        return signed(value, digits);
    }

    /** A share as a percentage: one decimal, more for a share under 1% so that it is never 0 (0.004). */
    public static String percent(double share) {
        double percent = share * 100;
        if (percent != 0 && Math.abs(percent) < 1) {
            return value(percent);
        }
        String written = new DecimalFormat("#,##0.#", SYMBOLS).format(Math.abs(percent));
        if (written.equals("100") && Math.abs(share) < 1) {
            written = "99.9"; // never "100 %" for what is not all
        }
        return signed(percent, written);
    }

    /** A count and its noun, in the right number and with groups of thousands: 1 row, 1,234 rows. */
    public static String count(long count, String singular, String plural) {
        return new DecimalFormat("#,##0", SYMBOLS).format(count).replace('-', MINUS) + " "
                + (count == 1 ? singular : plural);
    }

    /** A count with a noun whose plural adds "s": 1 row, 2 rows. */
    public static String count(long count, String singular) {
        return count(count, singular, singular + "s");
    }

    private static String scaled(double magnitude) {
        int scale = 0;
        double scaledValue = magnitude;
        while (scaledValue >= 1000 && scale < SCALES.length - 1) {
            scaledValue /= 1000;
            scale++;
        }
        BigDecimal rounded = BigDecimal.valueOf(scaledValue).round(new MathContext(3, RoundingMode.HALF_UP));
        if (rounded.compareTo(BigDecimal.valueOf(1000)) >= 0 && scale < SCALES.length - 1) {
            rounded = BigDecimal.ONE; // 999.96 k is 1 M
            scale++;
        }
        return (scale == SCALES.length - 1 && rounded.compareTo(BigDecimal.valueOf(1000)) >= 0
                ? new DecimalFormat("#,##0", SYMBOLS).format(rounded) : plain(rounded)) + SCALES[scale];
    }

    private static String plain(BigDecimal number) {
        return number.stripTrailingZeros().toPlainString();
    }

    private static String signed(double value, String digits) {
        return value < 0 && !digits.equals("0") ? MINUS + digits : digits;
    }
}
