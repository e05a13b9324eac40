package io.autoflow.analytics.text;

import java.util.Locale;
import java.util.Set;
import java.util.function.Consumer;

/**
 * Splits a block of running text into sentences: after {@code . ! ? …} (and any closing quote or bracket) followed by
 * a space and what opens a sentence (a capital, a digit, an opening quote), but not after an abbreviation ("e.g.",
 * "Dr.", "z. B."), an initial ("J. Smith"), "No." before a number, or a German ordinal ("am 5. März"). A run of
 * over {@value #MAX_CHARS} characters without an end is handed on in pieces.
 */
final class Sentences {

    /** One sentence of the body, and where it stands. */
    record Sentence(String text, boolean leadsBlock, boolean references) {
    }

    /** Longer runs without a sentence's end are cut, so that each is read in bounded time. */
    static final int MAX_CHARS = 1_000;

    /** Abbreviations a sentence does not end at (written before their final period, lower case). */
    private static final Set<String> ABBREVIATIONS = Set.of("mr", "mrs", "ms", "dr", "prof", "st", "sr", "sra",
            "dra", "jr", "vs", "e.g", "i.e", "u.s", "u.k", "cf", "al", "inc", "ltd", "co", "corp", "dept", "approx", "ca", "resp",
            "jan", "feb", "mar", "apr", "jun", "jul", "aug", "sep", "sept", "oct", "nov", "dec", "z.b", "bzw", "ggf",
            "u.a", "d.h", "usw", "vgl", "mio", "mrd", "mme", "mlle", "cie", "env", "p.ex", "ex", "aprox", "ej",
            "sres", "ud", "uds", "vd", "vds");
    /** Abbreviations that end a sentence unless a number follows ("No. 5", "Fig. 2"; but "I said no."). */
    private static final Set<String> BEFORE_NUMBERS = Set.of("no", "nr", "nº", "núm", "art", "fig", "figs", "p",
            "pp", "vol", "tab", "abb", "eq", "ref", "refs", "chap", "sec", "s");

    private Sentences() {
    }

    /** Hands each sentence of the block to {@code sentence}, in order, stripped. */
    static void split(String block, String language, boolean references, Consumer<Sentence> sentence) {
        int start = 0;
        boolean first = true;
        for (int i = 0; i < block.length(); i++) {
            char c = block.charAt(i);
            if (c != '.' && c != '!' && c != '?' && c != '…') {
                continue;
            }
            int end = i + 1;
            while (end < block.length() && ")]\"”’»'".indexOf(block.charAt(end)) >= 0) {
                end++;
            }
            int next = end;
            while (next < block.length() && Character.isWhitespace(block.charAt(next))) {
                next++;
            }
            if (next == end || next == block.length() || !opensSentence(block.charAt(next))
                    || c == '.' && continues(block, i, next, language)) {
                continue;
            }
            emit(block.substring(start, end), first, references, sentence);
            first = false;
            start = next;
            i = next - 1;
        }
        if (start < block.length()) {
            emit(block.substring(start), first, references, sentence);
        }
    }

    /** Hands on the sentence; a run longer than any sentence (a flattened table, a list) in pieces of words. */
    private static void emit(String text, boolean first, boolean references, Consumer<Sentence> sentence) {
        int from = 0;
        boolean leads = first;
        while (text.length() - from > MAX_CHARS) {
            int cut = from + MAX_CHARS;
            // Back to a space in the piece's second half; further back is the previous piece (no quadratic search).
            while (cut > from + MAX_CHARS / 2 && text.charAt(cut) != ' ') {
                cut--;
            }
            cut = text.charAt(cut) == ' ' ? cut : from + MAX_CHARS;
            leads = accept(text.substring(from, cut), leads, references, sentence);
            from = cut;
        }
        accept(text.substring(from), leads, references, sentence);
    }

    /** @return whether the next piece still leads its block (this one was empty) */
    private static boolean accept(String text, boolean leads, boolean references, Consumer<Sentence> sentence) {
        String stripped = text.strip();
        if (stripped.isEmpty()) {
            return leads;
        }
        sentence.accept(new Sentence(stripped, leads, references));
        return false;
    }

    /** Whether the period at {@code dot} ends an abbreviation, an initial or an ordinal rather than the sentence. */
    private static boolean continues(String block, int dot, int next, String language) {
        int from = dot;
        while (from > 0 && !Character.isWhitespace(block.charAt(from - 1))) {
            from--;
        }
        String word = block.substring(from, dot).replaceFirst("^[(\\[\"'“«]+", "").toLowerCase(Locale.ROOT);
        if (ABBREVIATIONS.contains(word) || word.length() == 1 && Character.isLetter(word.charAt(0))) {
            return true;
        }
        boolean numberFollows = Character.isDigit(block.charAt(next));
        if (BEFORE_NUMBERS.contains(word)) {
            return numberFollows;
        }
        boolean ordinal = !word.isEmpty() && word.length() <= 2 && word.chars().allMatch(Character::isDigit);
        return ordinal && ("de".equals(language) || DateMentions.month(nextWord(block, next)) > 0);
    }

    private static String nextWord(String block, int from) {
        int to = from;
        while (to < block.length() && Character.isLetter(block.charAt(to))) {
            to++;
        }
        return block.substring(from, to).toLowerCase(Locale.ROOT);
    }

    private static boolean opensSentence(char c) {
        return Character.isUpperCase(c) || Character.isDigit(c) || "\"“«¿¡‘'(".indexOf(c) >= 0;
    }
}
