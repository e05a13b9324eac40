package io.autoflow.analytics.text;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * What a document's running text is and says, read without a model: its size, language, sections, the numbers and
 * dates it states and its key sentences. Bounded for texts of megabytes: every line is read once for the size and
 * the sections, and only the first {@link #MAX_SENTENCES} sentences are looked at for facts and key sentences.
 *
 * @param readingMinutes at {@value #WORDS_PER_MINUTE} words a minute, at least 1 for any text
 * @param language en, fr, de, es or unknown
 * @param sections the first {@value Sections#MAX_SECTIONS} headings, in order
 * @param numbers at most {@value StatedFacts#MAX_NUMBERS}, in the text's order
 * @param dates at most {@value StatedFacts#MAX_DATES}, in the text's order
 * @param keySentences from {@value KeySentences#MIN} to {@value KeySentences#MAX} (fewer in a short text), in order
 */
public record TextAnalysis(long characters, long words, int paragraphs, int sentences, int readingMinutes,
        String language, List<Section> sections, List<StatedNumber> numbers, List<StatedDate> dates,
        List<String> keySentences) {

    static final int MAX_SENTENCES = 5_000;
    private static final Map<String, String> LANGUAGE_NAMES = Map.of("en", "English", "fr", "French", "de",
            "German", "es", "Spanish");
    static final int WORDS_PER_MINUTE = 230;
    private static final Pattern SPACES = Pattern.compile("\\s+");

    /**
     * @param paragraphs as the extractor counted them (its layout knows where they end)
     * @param headings the document's own headings in order (a DOCX's heading styles), or empty (or null) to find
     *        them in the text
     */
    public static TextAnalysis of(String text, int paragraphs, List<String> headings) {
        String trimmed = text.strip();
        List<String> named = headings == null ? List.of() : headings;
        long words = words(trimmed);
        String language = TextLanguage.of(trimmed);
        List<Sentences.Sentence> kept = new ArrayList<>();
        int[] sentences = {0};
        List<Section> sections = Sections.read(trimmed, named, block -> Sentences.split(block.text(), language,
                block.references(), sentence -> {
                    sentences[0]++;
                    if (kept.size() < MAX_SENTENCES) {
                        // A PDF's text spaces words unevenly: shown, a sentence reads as written.
                        kept.add(new Sentences.Sentence(SPACES.matcher(sentence.text()).replaceAll(" "),
                                sentence.leadsBlock(), sentence.references()));
                    }
                }));
        StatedFacts.Found facts = StatedFacts.of(kept, language);
        int minutes = words == 0 ? 0 : (int) Math.max(1, Math.round(words / (double) WORDS_PER_MINUTE));
        return new TextAnalysis(trimmed.length(), words, paragraphs, sentences[0], minutes, language,
                List.copyOf(sections), facts.numbers(), facts.dates(), KeySentences.pick(kept));
    }

    /** The language's English name, or {@code null} when it is not known. */
    public String languageName() {
        return LANGUAGE_NAMES.get(language);
    }

    /** Words as runs of characters between spaces, tabs and line breaks. */
    static long words(String text) {
        long words = 0;
        boolean inWord = false;
        for (int i = 0; i < text.length(); i++) {
            boolean space = isSpace(text.charAt(i));
            if (!space && !inWord) {
                words++;
            }
            inWord = !space;
        }
        return words;
    }

    /** The regular expression {@code \s}: the words counted before this analysis stay the same. */
    private static boolean isSpace(char c) {
        return c == ' ' || c == '\t' || c == '\n' || c == '\u000B' || c == '\f' || c == '\r';
    }
}
