package io.autoflow.analytics.text;

import io.autoflow.service.work.Checkpoint;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * The numbers and dates a text states, each with its sentence, the first of each kept once (the same value and unit,
 * the same day). Numbers with a unit, a currency or a percent say more than bare ones: bare numbers only fill the
 * list up. Reference lists, table rows and page numbers are not statements.
 */
final class StatedFacts {

    static final int MAX_NUMBERS = 20;
    static final int MAX_DATES = 20;
    static final int MAX_SENTENCE_CHARS = 200;
    /** Words (without digits) a sentence needs to state something. */
    private static final int MIN_WORDS = 4;
    /** Of a long sentence, this much is shown before the fact. */
    private static final int BEFORE_FACT = 80;

    record Found(List<StatedNumber> numbers, List<StatedDate> dates) {
    }

    /** A number found, with its place in the text, to put the list back in order. */
    private record Placed(long place, StatedNumber number) {
    }

    private StatedFacts() {
    }

    static Found of(List<Sentences.Sentence> sentences, String language) {
        List<StatedDate> dates = new ArrayList<>();
        List<Placed> withUnit = new ArrayList<>();
        List<Placed> bare = new ArrayList<>();
        Set<String> seen = new HashSet<>();
        for (int s = 0; s < sentences.size(); s++) {
            if (s % 256 == 0) {
                Checkpoint.check();
            }
            if (dates.size() >= MAX_DATES && withUnit.size() >= MAX_NUMBERS) {
                break;
            }
            Sentences.Sentence sentence = sentences.get(s);
            String text = sentence.text();
            if (sentence.references() || text.chars().noneMatch(Character::isDigit) || !statement(text)) {
                continue;
            }
            List<DateMentions.Mention> inText = DateMentions.find(text, language);
            for (DateMentions.Mention date : inText) {
                if (dates.size() < MAX_DATES && seen.add("date " + date.value())) {
                    dates.add(new StatedDate(date.text(), date.value(), shorten(text, date.start(), date.end())));
                }
            }
            for (NumberMentions.Mention number : NumberMentions.find(text, language, inText)) {
                List<Placed> list = number.unit() == null ? bare : withUnit;
                if (list.size() < MAX_NUMBERS && seen.add("number " + number.value() + " " + number.unit())) {
                    list.add(new Placed((long) s << 32 | number.start(), new StatedNumber(number.text(),
                            number.value(), number.unit(), shorten(text, number.start(), number.end()))));
                }
            }
        }
        List<Placed> numbers = new ArrayList<>(withUnit);
        numbers.addAll(bare.subList(0, Math.min(bare.size(), MAX_NUMBERS - withUnit.size())));
        numbers.sort(Comparator.comparingLong(Placed::place));
        return new Found(numbers.stream().map(Placed::number).toList(), List.copyOf(dates));
    }

    /**
     * Whether the sentence is prose that states something: words, mostly; not a table's row or a page number that
     * the text's extraction made a line of (their figures are the tables' statistics).
     */
    static boolean statement(String sentence) {
        int words = 0;
        int figures = 0;
        for (String token : sentence.split("\\s+")) {
            if (token.chars().anyMatch(Character::isDigit)) {
                figures++;
            } else if (token.chars().anyMatch(Character::isLetter)) {
                words++;
            }
        }
        return words >= MIN_WORDS && figures <= words;
    }

    /** The sentence, or of a long one the words around the fact, cut ends marked with an ellipsis. */
    static String shorten(String sentence, int start, int end) {
        if (sentence.length() <= MAX_SENTENCE_CHARS) {
            return sentence;
        }
        int from = Math.max(0, Math.min(start - BEFORE_FACT, sentence.length() - MAX_SENTENCE_CHARS));
        int to = Math.min(sentence.length(), from + MAX_SENTENCE_CHARS);
        int space = sentence.indexOf(' ', from);
        if (from > 0 && space >= 0 && space < start) {
            from = space + 1;
        }
        space = sentence.lastIndexOf(' ', to);
        if (to < sentence.length() && space >= end) {
            to = space;
        }
        return (from > 0 ? "…" : "") + sentence.substring(from, to).strip() + (to < sentence.length() ? "…" : "");
    }
}
