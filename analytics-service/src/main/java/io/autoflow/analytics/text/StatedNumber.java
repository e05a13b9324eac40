package io.autoflow.analytics.text;

/**
 * A number the text states.
 *
 * @param text as written, with its currency, scale and unit ("$3.2 million", "12,5 %", "n = 48")
 * @param value the number, scaled ("$3.2 million" is 3200000; "12,5 %" is 12.5)
 * @param unit "%", the currency or unit as written ("$", "EUR", "kg", "patients"), or the quantity named before it
 *        ("n", "p"); null for a bare number
 * @param sentence the sentence it is stated in, shortened around it when long
 */
public record StatedNumber(String text, double value, String unit, String sentence) {
}
