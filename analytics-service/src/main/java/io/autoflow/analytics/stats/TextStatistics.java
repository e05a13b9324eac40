package io.autoflow.analytics.stats;

/** The size of a document's running text. */
public record TextStatistics(long characters, long words, int paragraphs) {

    public static TextStatistics of(String text, int paragraphs) {
        String trimmed = text.strip();
        long words = trimmed.isEmpty() ? 0 : trimmed.split("\\s+").length;
        return new TextStatistics(trimmed.length(), words, paragraphs);
    }
}
