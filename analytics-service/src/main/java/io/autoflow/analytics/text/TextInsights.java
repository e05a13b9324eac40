package io.autoflow.analytics.text;

import static io.autoflow.analytics.insight.Numbers.count;

import io.autoflow.analytics.insight.Insight;
import io.autoflow.analytics.stats.TextStatistics;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Collectors;

/**
 * Findings in words about a document's running text, as {@code InsightWriter}'s are about its tables (their table
 * is {@value #TABLE}): its size and language ({@code text_summary}), its sections ({@code text_sections}), the
 * numbers and dates it states ({@code stated_numbers}, {@code stated_dates}) and each key sentence, quoted as written
 * ({@code key_sentence}). Every number in them is one the analysis counted or the text wrote.
 */
public final class TextInsights {

    public static final String TABLE = "Text";
    private static final int LISTED = 5;
    private static final int LISTED_SECTIONS = 8;

    private TextInsights() {
    }

    /** The findings about the text, most general first; none for a document without running text. */
    public static List<Insight> of(TextStatistics text) {
        if (text == null || text.words() == 0) {
            return List.of();
        }
        TextAnalysis a = text.analysis();
        List<Insight> found = new ArrayList<>();
        String language = a.languageName();
        found.add(insight("text_summary", "The text has " + count(a.words(), "word") + " in "
                + count(a.paragraphs(), "paragraph") + " and " + count(a.sentences(), "sentence") + " (about "
                + count(a.readingMinutes(), "minute") + " to read)" + (language == null ? "" : ", in " + language)
                + "."));
        if (!a.sections().isEmpty()) {
            List<Section> shown = a.sections().subList(0, Math.min(LISTED_SECTIONS, a.sections().size()));
            found.add(insight("text_sections", "It has " + count(a.sections().size(), "section") + ": "
                    + shown.stream().map(s -> s.title() + " (" + count(s.words(), "word") + ")")
                            .collect(Collectors.joining(", "))
                    + (a.sections().size() > shown.size() ? " and more" : "") + "."));
        }
        if (!a.numbers().isEmpty()) {
            // Those with a unit, a currency or a percent say the most.
            List<StatedNumber> shown = a.numbers().stream().sorted(Comparator.comparing(n -> n.unit() == null))
                    .limit(LISTED).toList();
            found.add(insight("stated_numbers", "It states " + count(a.numbers().size(), "number") + ", among them "
                    + shown.stream().map(StatedNumber::text).collect(Collectors.joining(", ")) + "."));
        }
        if (!a.dates().isEmpty()) {
            StatedDate first = a.dates().stream().min(Comparator.comparing(StatedDate::value)).orElseThrow();
            StatedDate last = a.dates().stream().max(Comparator.comparing(StatedDate::value)).orElseThrow();
            found.add(insight("stated_dates", a.dates().size() == 1 ? "It names one date: " + first.text() + "."
                    : "It names " + count(a.dates().size(), "date") + ", from " + first.value() + " to "
                            + last.value() + "."));
        }
        for (String sentence : a.keySentences()) {
            found.add(insight("key_sentence", sentence));
        }
        return found;
    }

    private static Insight insight(String kind, String text) {
        return new Insight(TABLE, kind, text, List.of());
    }
}
