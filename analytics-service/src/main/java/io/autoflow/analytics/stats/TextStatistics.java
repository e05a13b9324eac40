package io.autoflow.analytics.stats;

import io.autoflow.analytics.text.TextAnalysis;
import java.util.List;

/**
 * A document's running text, as the extractors hand it on: its size, and what the text analysis found in it
 * ({@link TextAnalysis}: language, sections, stated numbers and dates, key sentences).
 */
public record TextStatistics(TextAnalysis analysis) {

    /** The text's analysis, its headings found in the text itself. */
    public static TextStatistics of(String text, int paragraphs) {
        return of(text, paragraphs, List.of());
    }

    /** @param headings the document's own headings in order (a DOCX's heading styles); empty to find them */
    public static TextStatistics of(String text, int paragraphs, List<String> headings) {
        return new TextStatistics(TextAnalysis.of(text, paragraphs, headings));
    }

    public long characters() {
        return analysis.characters();
    }

    public long words() {
        return analysis.words();
    }

    public int paragraphs() {
        return analysis.paragraphs();
    }
}
