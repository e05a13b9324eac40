package io.autoflow.analytics.text;

import io.autoflow.analytics.stats.DateReader;
import java.time.DateTimeException;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The dates a sentence states, in the four languages: numeric (2024-03-05, 05/03/2024, 5.3.2024, read by
 * {@link DateReader}; a slash is day first outside English), with a month name (5 March 2024, March 5, 2024,
 * 5. März 2024, 5 de marzo de 2024, 1er janvier 2024), a month (March 2024, marzo de 2024), and a year that the word
 * before it makes one ("in 2019", "depuis 2019", "seit 2019", "desde 2019"): a bare 2019 may be a count.
 */
final class DateMentions {

    /** A date in the sentence: where, as written, and its ISO value. */
    record Mention(int start, int end, String text, String value) {
    }

    private static final Map<String, Integer> MONTHS = months();
    private static final String YEAR = "(1[89]\\d{2}|20\\d{2})(?!\\p{N}|[.,]\\d|\\s?%)";
    private static final int FLAGS = Pattern.CASE_INSENSITIVE | Pattern.UNICODE_CASE;
    /** How far before a month name its day is looked for. */
    private static final int WINDOW = 16;

    private static final Pattern NUMERIC = Pattern.compile("(?<![\\p{N}.,/-])(?:\\d{4}([-/])\\d{1,2}\\1\\d{1,2}"
            + "|\\d{1,2}([./])\\d{1,2}\\2\\d{4})(?![\\p{N}]|[.,/-]\\d)");
    private static final Pattern WORD = Pattern.compile("\\p{L}+");
    // Around a month name (each looked for from the name, so that a long sentence is read once):
    private static final Pattern DAY_BEFORE = Pattern.compile("(?<![\\p{L}\\p{N}.,])(\\d{1,2})(?:er|st|nd|rd|th|º)?"
            + "\\.?\\s+(?:de\\s+)?$", FLAGS);
    private static final Pattern YEAR_AFTER = Pattern.compile("\\.?,?\\s+(?:de\\s+|del\\s+)?" + YEAR, FLAGS);
    private static final Pattern DAY_YEAR_AFTER = Pattern.compile("\\.?\\s+(\\d{1,2})(?:st|nd|rd|th)?,?\\s+" + YEAR,
            FLAGS);
    private static final Pattern A_YEAR = Pattern.compile("(?<![\\p{N}.,])" + YEAR);
    /** Words after which a year is a date ("antes de 2019" by its "de"). */
    private static final Set<String> CONTEXT = Set.of("in", "since", "by", "until", "till", "from", "during",
            "before", "after", "between", "around", "year", "en", "depuis", "dès", "jusqu'en", "avant", "après",
            "entre", "vers", "année", "fin", "début", "im", "seit", "bis", "ab", "vor", "nach", "zwischen", "von",
            "jahr", "ende", "anfang", "desde", "hasta", "durante", "año", "de", "del", "hacia");
    /** The rest of a range of years: "from 2019 to 2021". */
    private static final Pattern RANGE_AFTER = Pattern.compile("\\s*(?:–|—|-|to|and|à|au|et|bis|und|y|a|al|hasta)"
            + "\\s*" + YEAR, FLAGS);

    private DateMentions() {
    }

    /** The dates of the sentence, in order; a date already found in a longer form is not found again. */
    static List<Mention> find(String sentence, String language) {
        List<Mention> found = new ArrayList<>();
        Matcher m = NUMERIC.matcher(sentence);
        while (m.find()) {
            boolean dayFirst = "/".equals(m.group(2)) && !"en".equals(language);
            // DateReader reads 05/03/2024 the American way and 05.03.2024 day first.
            LocalDate day = DateReader.parse(dayFirst ? m.group().replace('/', '.') : m.group());
            add(found, sentence, m.start(), m.end(), day == null ? null : day.toString());
        }
        Matcher word = WORD.matcher(sentence);
        while (word.find()) {
            int month = month(word.group());
            if (month > 0) {
                named(found, sentence, month, word.start(), word.end());
            }
        }
        Matcher year = A_YEAR.matcher(sentence);
        while (year.find()) {
            int start = wordBefore(sentence, year.start());
            if (start < 0) {
                continue; // a bare 2019 may be a count
            }
            Matcher range = RANGE_AFTER.matcher(sentence).region(year.end(), sentence.length());
            int end = range.lookingAt() ? range.end() : year.end();
            if (!overlaps(found, start, end)) {
                // A range is two dates, each shown with the whole range as written.
                found.add(new Mention(start, end, sentence.substring(start, end), year.group(1)));
                if (end > year.end()) {
                    found.add(new Mention(start, end, sentence.substring(start, end), range.group(1)));
                }
            }
        }
        found.sort(Comparator.comparingInt(Mention::start));
        return found;
    }

    /** Where the word before {@code at} starts if it makes a year a date ("in", "seit"), else -1. */
    private static int wordBefore(String sentence, int at) {
        int end = at;
        while (end > 0 && Character.isWhitespace(sentence.charAt(end - 1))) {
            end--;
        }
        int start = end;
        while (start > 0 && (Character.isLetter(sentence.charAt(start - 1)) || sentence.charAt(start - 1) == '\'')) {
            start--;
        }
        return end < at && start < end && CONTEXT.contains(sentence.substring(start, end).toLowerCase(Locale.ROOT))
                ? start : -1;
    }

    /** 5 March 2024, 5. März 2024, 5 de marzo de 2024; March 5, 2024; March 2024: from the month's name. */
    private static void named(List<Mention> found, String sentence, int month, int from, int to) {
        Matcher day = DAY_BEFORE.matcher(sentence.substring(Math.max(0, from - WINDOW), from));
        Matcher year = YEAR_AFTER.matcher(sentence).region(to, sentence.length());
        Matcher dayYear = DAY_YEAR_AFTER.matcher(sentence).region(to, sentence.length());
        if (year.lookingAt()) {
            String date = day.find() ? day(year.group(1), month, day.group(1)) : null;
            if (date != null) {
                add(found, sentence, from - (day.regionEnd() - day.start()), year.end(), date);
            } else { // the month alone, or of a day that does not exist (31 April)
                add(found, sentence, from, year.end(), year.group(1) + "-"
                        + String.format(Locale.ROOT, "%02d", month));
            }
        } else if (dayYear.lookingAt()) {
            add(found, sentence, from, dayYear.end(), day(dayYear.group(2), month, dayYear.group(1)));
        }
    }

    /** The month (1-12) an English, French, German or Spanish month name or abbreviation names, or -1. */
    static int month(String word) {
        return MONTHS.getOrDefault(word.toLowerCase(Locale.ROOT).replace(".", ""), -1);
    }

    private static void add(List<Mention> found, String sentence, int start, int end, String value) {
        if (value != null && !overlaps(found, start, end)) {
            found.add(new Mention(start, end, sentence.substring(start, end), value));
        }
    }

    private static boolean overlaps(List<Mention> found, int start, int end) {
        return found.stream().anyMatch(f -> f.start() < end && start < f.end());
    }

    private static String day(String year, int month, String day) {
        try {
            return LocalDate.of(Integer.parseInt(year), month, Integer.parseInt(day)).toString();
        } catch (DateTimeException e) {
            return null; // 31 April
        }
    }

    private static Map<String, Integer> months() {
        String[] names = {
            "january jan janvier janv januar jänner enero ene",
            "february feb février fevrier févr februar febrero",
            "march mar mars märz maerz marzo",
            "april apr avril avr abril",
            "may mai mayo",
            "june jun juin juni junio",
            "july jul juillet juil juli julio",
            "august aug août aout agosto",
            "september sep sept septembre setiembre septiembre",
            "october oct octobre oktober okt octubre",
            "november nov novembre noviembre",
            "december dec décembre decembre déc dezember dez diciembre dic"};
        Map<String, Integer> months = new HashMap<>();
        for (int m = 0; m < names.length; m++) {
            for (String name : names[m].split(" ")) {
                months.put(name, m + 1);
            }
        }
        return Map.copyOf(months);
    }
}
