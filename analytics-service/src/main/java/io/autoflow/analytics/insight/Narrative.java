package io.autoflow.analytics.insight;

/**
 * The findings as a short paragraph for people.
 *
 * @param source {@code llm} when a language model wrote it from the computed figures, {@code engine} when it was
 *        assembled from the insights themselves
 */
public record Narrative(String text, String source) {
}
