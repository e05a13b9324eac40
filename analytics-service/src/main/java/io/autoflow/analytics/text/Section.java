package io.autoflow.analytics.text;

/**
 * A heading of the text and the size of what follows it.
 *
 * @param words the words of the body under it, up to the next heading
 */
public record Section(String title, long words) {
}
