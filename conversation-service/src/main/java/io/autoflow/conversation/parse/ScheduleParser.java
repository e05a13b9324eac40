package io.autoflow.conversation.parse;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads when something should run, from how people say it, as a Unix cron expression (minute hour day-of-month
 * month day-of-week): "every Monday at 9am" → {@code 0 9 * * MON}, "daily at 18:30" → {@code 30 18 * * *}, "on the
 * 1st of each month" → {@code 0 9 1 * *} (09:00 when no time is said), "every weekday at 7" →
 * {@code 0 7 * * MON-FRI}, "every 15 minutes" → {@code *}{@code /15 * * * *}, "every hour" → {@code 0 * * * *}.
 */
final class ScheduleParser {

    private static final Map<String, String> DAYS = new LinkedHashMap<>();

    static {
        DAYS.put("monday", "MON");
        DAYS.put("tuesday", "TUE");
        DAYS.put("wednesday", "WED");
        DAYS.put("thursday", "THU");
        DAYS.put("friday", "FRI");
        DAYS.put("saturday", "SAT");
        DAYS.put("sunday", "SUN");
    }

    private static final Pattern EVERY_MINUTES = Pattern.compile("every (\\d{1,2}) ?(?:minutes|mins?)\\b");
    private static final Pattern EVERY_HOURS = Pattern.compile("every (\\d{1,2}) ?hours?\\b");
    private static final Pattern TIME = Pattern.compile(
            "\\b(?:at |@ ?)(\\d{1,2})(?::(\\d{2}))? ?(am|pm|a\\.m\\.|p\\.m\\.|h|o'clock)?|\\b(\\d{1,2})(?::(\\d{2}))? ?(am|pm)\\b"
                    + "|\\b(\\d{1,2}):(\\d{2})\\b");
    private static final Pattern DAY_OF_MONTH = Pattern.compile("\\b(?:on )?the (\\d{1,2})(?:st|nd|rd|th)?\\b"
            + "(?: day)?(?: of (?:each|every|the) month)?|\\b(\\d{1,2})(?:st|nd|rd|th) of (?:each|every|the) month");

    /**
     * "daily", "weekly" and "monthly" name a schedule when they qualify the verb ("run it daily", "weekly on
     * Fridays"), not a noun ("monthly growth").
     */
    private static final String ADVERB_END = "(\\s*$|\\s*[,.!;]|\\s+(at|on|in|from|until|please|basis)\\b).*";

    /** "set up a weekly report", "send me a daily summary": the adjective names a schedule after such a verb. */
    private static final String SET_UP = ".*\\b(set up|setup|create|schedule|send me|email me|i want|i need|give me)"
            + " (a|an|my) ";

    private ScheduleParser() {
    }

    /** The cron expression of the schedule the text names, or {@code null} when it names none. */
    static String cron(String text) {
        String t = SchedulePhrases.english(text.toLowerCase(Locale.ROOT));
        Matcher minutes = EVERY_MINUTES.matcher(t);
        if (minutes.find()) {
            return "*/" + Integer.parseInt(minutes.group(1)) + " * * * *";
        }
        Matcher hours = EVERY_HOURS.matcher(t);
        if (hours.find()) {
            return "0 */" + Integer.parseInt(hours.group(1)) + " * * *";
        }
        if (t.matches(".*\\b(every|each) hour\\b.*") || t.contains("hourly")) {
            return "0 * * * *";
        }
        int[] time = time(t);
        String at = time == null ? "0 9" : time[1] + " " + time[0];
        if (t.matches(".*\\b(midnight|nightly)\\b.*") && time == null) {
            at = "0 0";
        }
        if (t.matches(".*\\b(every|each) (week ?day|working day|business day)s?\\b.*") || t.contains("weekdays")) {
            return at + " * * MON-FRI";
        }
        if (t.matches(".*\\b(every|each|on) (" + String.join("|", DAYS.keySet()) + ")s?\\b.*")
                || DAYS.keySet().stream().anyMatch(day -> t.contains(day + "s"))) {
            // every day it names: "every monday and wednesday" → MON,WED
            List<String> named = DAYS.entrySet().stream().filter(day -> t.matches(".*\\b" + day.getKey() + "s?\\b.*"))
                    .map(Map.Entry::getValue).toList();
            return at + " * * " + String.join(",", named);
        }
        Matcher dayOfMonth = DAY_OF_MONTH.matcher(t);
        if (t.contains("month") && dayOfMonth.find()) {
            String day = dayOfMonth.group(1) != null ? dayOfMonth.group(1) : dayOfMonth.group(2);
            return at + " " + Integer.parseInt(day) + " * *";
        }
        if (t.matches(".*\\b(every month|each month)\\b.*") || t.matches(".*\\bmonthly" + ADVERB_END)
                || t.matches(SET_UP + "monthly\\b.*")) {
            return at + " 1 * *";
        }
        if (t.matches(".*\\b(every week|each week)\\b.*") || t.matches(".*\\bweekly" + ADVERB_END)
                || t.matches(SET_UP + "weekly\\b.*")) {
            return at + " * * MON";
        }
        if (t.matches(".*\\b(every day|each day|every morning|each morning|every evening|every night|nightly)\\b.*")
                || t.matches(".*\\bdaily" + ADVERB_END) || t.matches(SET_UP + "daily\\b.*")) {
            return at + " * * *";
        }
        return null;
    }

    /**
     * The time of day an answer or a correction names, however short: "9", "9am", "18:30", "to 9", "at 9h",
     * "um 8 Uhr", "a las 9"; {@code null} when none.
     */
    static int[] timeOfDay(String text) {
        String t = SchedulePhrases.english(text.toLowerCase(Locale.ROOT)).replaceAll("\\bto (\\d)", "at $1");
        int[] time = time(t);
        if (time == null) {
            Matcher bare = Pattern.compile("^\\D{0,20}?\\b(\\d{1,2})\\b\\D{0,20}$").matcher(t.trim());
            if (bare.matches() && Integer.parseInt(bare.group(1)) <= 23) {
                time = new int[] {Integer.parseInt(bare.group(1)), 0};
            }
        }
        return time;
    }

    /** The cron expression with its time of day changed: "change the time to 9". */
    static String at(String cron, int[] time) {
        String[] fields = cron.split(" ");
        if (fields.length != 5 || fields[0].contains("/") || fields[1].contains("/") || fields[1].equals("*")) {
            return time[1] + " " + time[0] + " * * *";
        }
        return time[1] + " " + time[0] + " " + fields[2] + " " + fields[3] + " " + fields[4];
    }

    /** [hour, minute] of the time of day the text names, or {@code null}. */
    static int[] time(String t) {
        Matcher m = TIME.matcher(t);
        while (m.find()) {
            String hour = first(m.group(1), m.group(4), m.group(7));
            String minute = first(m.group(2), m.group(5), m.group(8));
            String suffix = first(m.group(3), m.group(6), null);
            int h = Integer.parseInt(hour);
            int min = minute == null ? 0 : Integer.parseInt(minute);
            if (suffix != null && suffix.startsWith("p") && h < 12) {
                h += 12;
            } else if (suffix != null && suffix.startsWith("a") && h == 12) {
                h = 0;
            }
            if (h <= 23 && min <= 59) {
                return new int[] {h, min};
            }
        }
        if (t.contains("evening")) {
            return new int[] {18, 0};
        }
        if (t.contains("noon")) {
            return new int[] {12, 0};
        }
        return null;
    }

    private static String first(String a, String b, String c) {
        return a != null ? a : b != null ? b : c;
    }
}
