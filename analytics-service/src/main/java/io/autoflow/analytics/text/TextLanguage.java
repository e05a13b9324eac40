package io.autoflow.analytics.text;

import java.util.Arrays;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * Which language a document is written in — en, fr, de, es — by counting the small words only one of the four uses
 * (the idea of the conversation service's {@code Language}, for whole documents). A text whose words do not tell
 * (another language, mostly figures) is {@code unknown}.
 */
final class TextLanguage {

    static final String UNKNOWN = "unknown";
    /** Enough text to tell: the first words of a long document say it as well as all of them. */
    private static final int MAX_CHARS = 200_000;
    private static final int MIN_HITS = 3;
    /** The winner needs this many times the runner-up's hits, or a mixed text is unknown. */
    private static final double MARGIN = 1.5;

    /** Words of one language only (of these four): "la", "de", "en", "que", "se", "son", "was" are in two. */
    static final Map<String, Set<String>> OWN_WORDS = Map.of(
            "en", set("the and of to is that for with were are this which have has be by from it not at its their they"
                    + " been will would can these than but more into there our we who after between each should over"
                    + " while what"),
            "fr", set("le les des du et est une dans pour qui sur pas au aux avec ce cette ces sont ont été nous leur"
                    + " leurs mais où plus sa ses il elle ils être aussi après selon deux chaque ainsi était"),
            "de", set("der die das und ist nicht mit den dem ein eine einer eines einem zu von auf für sich auch wird"
                    + " werden wurde wurden im bei nach sind aus oder als wie zum zur über durch noch nur dass diese"
                    + " dieser hat haben vom"),
            "es", set("el los las y del con por para una su sus al lo como más pero fue han este esta estos sobre"
                    + " también ha ser está sin desde hasta muy durante según cuando donde cada"));

    /** Small words the four share or that say nothing of what a sentence is about, beside the ones above. */
    private static final Set<String> SHARED = set("a an as in on or was also la de en un que se son es o e à no so"
            + " if all any may i you he she them his her one two l d qu n s t ne je vous ou si ich er sie wir man"
            + " kann soll mehr sehr um bis vor nos mis tu yo sí ya otro otra puede entre dos tres when then such"
            + " other only some about how most both up out do does did had being here those through under within"
            + " per same very");

    private static final Set<String> SMALL_WORDS = Stream.concat(SHARED.stream(),
            OWN_WORDS.values().stream().flatMap(Set::stream)).collect(Collectors.toUnmodifiableSet());

    private TextLanguage() {
    }

    /** The language code (en, fr, de, es) the text's own words point to, or {@link #UNKNOWN}. */
    static String of(String text) {
        String sample = text.length() > MAX_CHARS ? text.substring(0, MAX_CHARS) : text;
        Map<String, Integer> hits = new HashMap<>();
        for (String word : words(sample)) {
            OWN_WORDS.forEach((language, own) -> {
                if (own.contains(word)) {
                    hits.merge(language, 1, Integer::sum);
                }
            });
        }
        String best = UNKNOWN;
        int top = 0;
        int second = 0;
        for (Map.Entry<String, Integer> entry : hits.entrySet()) {
            if (entry.getValue() > top) {
                second = top;
                top = entry.getValue();
                best = entry.getKey();
            } else if (entry.getValue() > second) {
                second = entry.getValue();
            }
        }
        return top >= MIN_HITS && top >= MARGIN * second ? best : UNKNOWN;
    }

    /** Whether the lower-case word is a small word of any of the four languages. */
    static boolean isStopWord(String lower) {
        return SMALL_WORDS.contains(lower);
    }

    /** The text's words in lower case, split at anything but a letter (so "l'analyse" is "l" and "analyse"). */
    static String[] words(String text) {
        String lower = text.toLowerCase(Locale.ROOT).strip();
        return lower.isEmpty() ? new String[0] : lower.split("[^\\p{L}]+");
    }

    private static Set<String> set(String words) {
        return Set.copyOf(Arrays.asList(words.split(" ")));
    }
}
