package io.autoflow.analytics.text;

/**
 * A date the text states.
 *
 * @param text as written ("5 March 2024", "mars 2024", "in 2019")
 * @param value ISO 8601 to the precision written: a day (2024-03-05), a month (2024-03) or a year (2019)
 * @param sentence the sentence it is stated in, shortened around it when long
 */
public record StatedDate(String text, String value, String sentence) {
}
