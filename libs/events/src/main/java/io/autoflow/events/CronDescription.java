package io.autoflow.events;

import java.time.DayOfWeek;
import java.time.Month;
import java.time.format.TextStyle;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.List;
import java.util.Locale;
import java.util.function.IntFunction;

/**
 * A cron expression in words, in English, French, German or Spanish: "every Sunday to Thursday at 09:00", "toutes les
 * 15 minutes en semaine", "am 1. des Monats um 09:00". The one place a schedule is put into words (the schedule's
 * description, the assistant's confirmations).
 */
final class CronDescription {

    /** The phrases of one language; a day part and a time part make the description. */
    private record Words(Locale locale, String and, String everyDay, String weekdays, String weekends,
            String everyWeekday, String weekdayRange, String monthDays, IntFunction<String> ordinal, String lastDay,
            String inMonths, String at, String everyMinute, String everyMinutes, String everyHour,
            String everyHourAt, String everyHours, String between) {
    }

    private static final Words ENGLISH = new Words(Locale.ENGLISH, "and", "every day", "on weekdays", "at weekends",
            "every %s", "every %s to %s", "on the %s of the month", CronDescription::englishOrdinal, "last day",
            "in %s", "at %s", "every minute", "every %d minutes", "every hour", "every hour at :%02d",
            "every %d hours", "from %s to %s");
    private static final Words FRENCH = new Words(Locale.FRENCH, "et", "tous les jours", "en semaine",
            "le week-end", "chaque %s", "du %s au %s", "le %s du mois", day -> day == 1 ? "1er" : Integer.toString(day),
            "dernier jour", "en %s", "à %s", "toutes les minutes", "toutes les %d minutes", "toutes les heures",
            "toutes les heures à :%02d", "toutes les %d heures", "de %s à %s");
    private static final Words GERMAN = new Words(Locale.GERMAN, "und", "jeden Tag", "werktags", "am Wochenende",
            "jeden %s", "von %s bis %s", "am %s des Monats", day -> day + ".", "letzten Tag", "im %s", "um %s",
            "jede Minute", "alle %d Minuten", "jede Stunde", "jede Stunde um :%02d", "alle %d Stunden",
            "von %s bis %s");
    private static final Words SPANISH = new Words(new Locale("es"), "y", "todos los días", "de lunes a viernes",
            "los fines de semana", "cada %s", "de %s a %s", "el %s de cada mes", day -> "día " + day,
            "último día", "en %s", "a las %s", "cada minuto", "cada %d minutos", "cada hora",
            "cada hora en el minuto %d", "cada %d horas", "de %s a %s");

    private static final int MOST_TIMES_LISTED = 6;

    private CronDescription() {
    }

    static String describe(CronExpression cron, Locale locale) {
        Words words = switch (locale.getLanguage()) {
            case "fr" -> FRENCH;
            case "de" -> GERMAN;
            case "es" -> SPANISH;
            default -> ENGLISH;
        };
        String days = days(cron, words);
        String months = cron.months.cardinality() == 12 ? "" : " " + String.format(words.inMonths(),
                join(names(cron.months, 1, m -> Month.of(m).getDisplayName(TextStyle.FULL, words.locale())), words));
        String interval = interval(cron, words);
        if (interval != null) {
            boolean everyDay = days.equals(words.everyDay());
            return interval + (everyDay ? "" : " " + days) + months;
        }
        return days + months + " " + String.format(words.at(), join(times(cron), words));
    }

    private static String days(CronExpression cron, Words words) {
        String weekdays = cron.dayOfWeekRestricted ? weekdays(cron.daysOfWeek, words) : null;
        String monthDays = cron.dayOfMonthRestricted ? monthDays(cron, words) : null;
        if (weekdays != null && monthDays != null) {
            return monthDays + " " + words.and() + " " + weekdays;
        }
        if (weekdays != null) {
            return weekdays;
        }
        return monthDays != null ? monthDays : words.everyDay();
    }

    private static String weekdays(BitSet days, Words words) {
        BitSet mondayToFriday = new BitSet();
        mondayToFriday.set(1, 6);
        if (days.equals(mondayToFriday)) {
            return words.weekdays();
        }
        if (days.cardinality() == 2 && days.get(0) && days.get(6)) {
            return words.weekends();
        }
        if (days.cardinality() == 7) {
            return words.everyDay();
        }
        // a run of three or more days, Monday first in the week but Sunday-to-Thursday read as one run too
        int[] run = longestRun(days);
        if (run != null && run[1] >= 3 && run[1] == days.cardinality()) {
            return String.format(words.weekdayRange(), dayName(run[0], words), dayName((run[0] + run[1] - 1) % 7,
                    words));
        }
        List<String> names = new ArrayList<>();
        for (int i = 1; i <= 7; i++) {
            if (days.get(i % 7)) {
                names.add(dayName(i % 7, words));
            }
        }
        return String.format(words.everyWeekday(), join(names, words));
    }

    /** The start and length of the set's days when they are one run around the week; null when empty. */
    private static int[] longestRun(BitSet days) {
        for (int start = 0; start < 7; start++) {
            if (days.get(start) && !days.get((start + 6) % 7)) {
                int length = 0;
                while (length < 7 && days.get((start + length) % 7)) {
                    length++;
                }
                return new int[] {start, length};
            }
        }
        return null;
    }

    private static String monthDays(CronExpression cron, Words words) {
        List<String> days = names(cron.daysOfMonth.get(0, 32), 1, words.ordinal());
        if (cron.lastDayOfMonth()) {
            days.add(words.lastDay());
        }
        return String.format(words.monthDays(), join(days, words));
    }

    /** When the runs are a pace through the day ("every 15 minutes"), that pace; else null. */
    private static String interval(CronExpression cron, Words words) {
        int minuteStep = step(cron.minutes, 60);
        int hourStep = step(cron.hours, 24);
        boolean allHours = cron.hours.cardinality() == 24;
        if (allHours && minuteStep > 0) {
            return minuteStep == 1 ? words.everyMinute() : String.format(words.everyMinutes(), minuteStep);
        }
        if (cron.minutes.cardinality() == 1 && hourStep > 0 && cron.hours.cardinality() > 2) {
            int minute = cron.minutes.nextSetBit(0);
            if (hourStep == 1) {
                return minute == 0 ? words.everyHour() : String.format(words.everyHourAt(), minute);
            }
            return minute == 0 ? String.format(words.everyHours(), hourStep) : null;
        }
        int[] hours = run(cron.hours);
        if (hours != null && minuteStep > 0 && cron.hours.cardinality() > 1) {
            String pace = minuteStep == 1 ? words.everyMinute() : String.format(words.everyMinutes(), minuteStep);
            return pace + " " + String.format(words.between(), clock(hours[0], cron.minutes.nextSetBit(0)),
                    clock(hours[1], cron.minutes.previousSetBit(59)));
        }
        if (hours != null && cron.minutes.cardinality() == 1 && cron.hours.cardinality() > 2) {
            int minute = cron.minutes.nextSetBit(0);
            return words.everyHour() + " " + String.format(words.between(), clock(hours[0], minute),
                    clock(hours[1], minute));
        }
        return null;
    }

    /** n when the set is 0, n, 2n, … up to the field's end (n dividing it), else 0. */
    private static int step(BitSet values, int size) {
        int second = values.nextSetBit(1);
        if (!values.get(0) || second < 0 || size % second != 0) {
            return 0;
        }
        for (int i = 0; i < size; i++) {
            if (values.get(i) != (i % second == 0)) {
                return 0;
            }
        }
        return second;
    }

    /** First and last of a set that is one run of consecutive values, else null. */
    private static int[] run(BitSet values) {
        int first = values.nextSetBit(0);
        int last = values.previousSetBit(values.length());
        return last - first + 1 == values.cardinality() ? new int[] {first, last} : null;
    }

    private static List<String> times(CronExpression cron) {
        List<String> times = new ArrayList<>();
        for (int h = cron.hours.nextSetBit(0); h >= 0; h = cron.hours.nextSetBit(h + 1)) {
            for (int m = cron.minutes.nextSetBit(0); m >= 0; m = cron.minutes.nextSetBit(m + 1)) {
                times.add(clock(h, m));
            }
        }
        if (times.size() > MOST_TIMES_LISTED) {
            return List.of(String.join(", ", times.subList(0, MOST_TIMES_LISTED - 1)) + ", …",
                    times.get(times.size() - 1));
        }
        return times;
    }

    private static String clock(int hour, int minute) {
        return String.format("%02d:%02d", hour, minute);
    }

    private static String dayName(int cronDay, Words words) {
        return DayOfWeek.of(cronDay == 0 ? 7 : cronDay).getDisplayName(TextStyle.FULL, words.locale());
    }

    private static List<String> names(BitSet values, int from, IntFunction<String> name) {
        List<String> names = new ArrayList<>();
        for (int v = values.nextSetBit(from); v >= 0; v = values.nextSetBit(v + 1)) {
            names.add(name.apply(v));
        }
        return names;
    }

    /** "a", "a and b", "a, b and c". */
    private static String join(List<String> items, Words words) {
        if (items.size() <= 1) {
            return String.join("", items);
        }
        return String.join(", ", items.subList(0, items.size() - 1)) + " " + words.and() + " "
                + items.get(items.size() - 1);
    }

    private static String englishOrdinal(int day) {
        int tens = day % 100;
        String suffix = tens >= 11 && tens <= 13 ? "th" : switch (day % 10) {
            case 1 -> "st";
            case 2 -> "nd";
            case 3 -> "rd";
            default -> "th";
        };
        return day + suffix;
    }
}
