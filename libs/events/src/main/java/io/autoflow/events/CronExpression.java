package io.autoflow.events;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.Month;
import java.time.ZoneId;
import java.time.zone.ZoneOffsetTransition;
import java.time.zone.ZoneRules;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * A five-field cron expression (minute hour day-of-month month day-of-week) read as cron(8) reads it, and the
 * instants it names in a time zone, through daylight-saving changes (docs/schedules.md):
 * <ul>
 * <li>names (JAN–DEC, SUN–SAT, any case), lists, ranges and steps ({@code *}/15, 9-17/2, 5/10); 0 and 7 are both
 * Sunday, so {@code SUN-THU} and {@code FRI-SUN} read naturally; a range whose start is after its end wraps
 * ({@code 22-2} hours, {@code FRI-MON}); {@code L} in the day of month is the month's last day;
 * {@code @hourly @daily @midnight @weekly @monthly @yearly @annually};</li>
 * <li>when both day of month and day of week are restricted (neither starts with {@code *}), either one matching is
 * enough, as in cron(8);</li>
 * <li>a local time a daylight-saving change skips runs once, at the change (the first valid instant after it);</li>
 * <li>a local time a change repeats runs once, at its first occurrence — unless the hour field is {@code *}: an
 * every-n-minutes or hourly schedule keeps its pace in real time and runs in both;</li>
 * <li>an expression that never runs (the 30th of February) is refused when read.</li>
 * </ul>
 * Written here rather than taken from cron-utils: its UNIX reading rejects {@code SUN-THU}, skips runs in a
 * daylight-saving gap, and describes in one language only.
 */
public final class CronExpression {

    private static final Map<String, String> MACROS = Map.of("@yearly", "0 0 1 1 *", "@annually", "0 0 1 1 *",
            "@monthly", "0 0 1 * *", "@weekly", "0 0 * * 0", "@daily", "0 0 * * *", "@midnight", "0 0 * * *",
            "@hourly", "0 * * * *");
    private static final String[] MONTHS = {"JAN", "FEB", "MAR", "APR", "MAY", "JUN", "JUL", "AUG", "SEP", "OCT",
        "NOV", "DEC"};
    private static final String[] DAYS = {"SUN", "MON", "TUE", "WED", "THU", "FRI", "SAT"};
    /** Far enough for every expression that runs at all (a leap day with the years between). */
    private static final int DAYS_SEARCHED = 366 * 9;
    /** More than any daylight-saving shift, so repeated local times are all seen. */
    private static final int SHIFT_HOURS = 3;
    private static final Duration SHIFT = Duration.ofHours(SHIFT_HOURS);
    private static final int LAST_DAY = 32;

    private final String text;
    final BitSet minutes;
    final BitSet hours;
    /** 1–31, and {@link #LAST_DAY} for L. */
    final BitSet daysOfMonth;
    final BitSet months;
    /** 0–6, Sunday 0. */
    final BitSet daysOfWeek;
    final boolean dayOfMonthRestricted;
    final boolean dayOfWeekRestricted;
    final boolean everyHour;

    private CronExpression(String text, String[] fields) {
        this.text = text;
        minutes = Field.MINUTE.parse(fields[0]);
        hours = Field.HOUR.parse(fields[1]);
        daysOfMonth = Field.DAY_OF_MONTH.parse(fields[2]);
        months = Field.MONTH.parse(fields[3]);
        BitSet weekdays = Field.DAY_OF_WEEK.parse(fields[4]);
        if (weekdays.get(7)) {
            weekdays.set(0);
            weekdays.clear(7);
        }
        daysOfWeek = weekdays;
        dayOfMonthRestricted = !fields[2].startsWith("*") && !fields[2].equals("?");
        dayOfWeekRestricted = !fields[4].startsWith("*") && !fields[4].equals("?");
        everyHour = fields[1].equals("*");
    }

    /** @throws IllegalArgumentException saying, in words a user understands, what is wrong with the expression */
    public static CronExpression parse(String expression) {
        if (expression == null || expression.isBlank()) {
            throw new IllegalArgumentException("the cron expression is empty");
        }
        String text = expression.trim().replaceAll("\\s+", " ");
        String expanded = MACROS.getOrDefault(text.toLowerCase(Locale.ROOT), text);
        if (expanded.startsWith("@")) {
            throw new IllegalArgumentException("'" + text + "' is not a cron expression: the shortcuts are "
                    + String.join(", ", MACROS.keySet().stream().sorted().toList()));
        }
        String[] fields = expanded.split(" ");
        if (fields.length != 5) {
            throw new IllegalArgumentException("'" + text + "' has " + fields.length + " field"
                    + (fields.length == 1 ? "" : "s") + "; a cron expression has five: minute hour day-of-month month"
                    + " day-of-week, e.g. '0 9 * * MON' (seconds and years are not read)");
        }
        CronExpression cron;
        try {
            cron = new CronExpression(text, fields);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("'" + text + "' cannot be read: " + e.getMessage());
        }
        if (!cron.runsSomeDay()) {
            throw new IllegalArgumentException("'" + text + "' never runs: no month it names has the day it names");
        }
        return cron;
    }

    /** The expression as written (trimmed). */
    public String text() {
        return text;
    }

    /** The first instant the expression names strictly after {@code after}, read in {@code zone}; empty if none. */
    public Optional<Instant> next(Instant after, ZoneId zone) {
        Optional<Instant> plain = search(after, zone, 0);
        ZoneOffsetTransition change = zone.getRules().nextTransition(after.minus(SHIFT));
        if (plain.isEmpty() || change == null || change.getInstant().isAfter(plain.get().plus(SHIFT))) {
            return plain;
        }
        // a change is near: a local time before after's, or after the first found, may be the earlier instant
        return search(after, zone, SHIFT_HOURS);
    }

    /** Local times from {@code shiftHours} before after's, until {@code shiftHours} past the first one found. */
    private Optional<Instant> search(Instant after, ZoneId zone, int shiftHours) {
        ZoneRules rules = zone.getRules();
        LocalDateTime from = LocalDateTime.ofInstant(after, zone).minusHours(shiftHours).withSecond(0).withNano(0);
        Instant best = null;
        LocalDateTime stopAt = null;
        LocalDate day = from.toLocalDate();
        for (int d = 0; d < DAYS_SEARCHED; d++, day = day.plusDays(1)) {
            if (stopAt != null && day.isAfter(stopAt.toLocalDate())) {
                break;
            }
            if (!runsOn(day)) {
                continue;
            }
            boolean firstDay = day.equals(from.toLocalDate());
            for (int h = hours.nextSetBit(firstDay ? from.getHour() : 0); h >= 0; h = hours.nextSetBit(h + 1)) {
                boolean firstHour = firstDay && h == from.getHour();
                for (int m = minutes.nextSetBit(firstHour ? from.getMinute() : 0); m >= 0;
                        m = minutes.nextSetBit(m + 1)) {
                    LocalDateTime local = day.atTime(h, m);
                    if (stopAt != null && local.isAfter(stopAt)) {
                        return Optional.of(best);
                    }
                    for (Instant at : instantsOf(local, rules)) {
                        if (at.isAfter(after) && (best == null || at.isBefore(best))) {
                            best = at;
                            stopAt = stopAt == null ? local.plusHours(shiftHours) : stopAt;
                        }
                    }
                }
            }
        }
        return Optional.ofNullable(best);
    }

    /** The next {@code count} instants after {@code after}, in order. */
    public List<Instant> nextRuns(Instant after, ZoneId zone, int count) {
        List<Instant> runs = new ArrayList<>();
        Optional<Instant> at = next(after, zone);
        while (at.isPresent() && runs.size() < count) {
            runs.add(at.get());
            at = next(at.get(), zone);
        }
        return runs;
    }

    /**
     * The shortest time between two runs on the wall clock: between two times of one day, or from a day's last time
     * to the next day's first. What a tier's minimum interval is compared with.
     */
    public Duration shortestInterval() {
        List<Integer> times = new ArrayList<>();
        for (int h = hours.nextSetBit(0); h >= 0; h = hours.nextSetBit(h + 1)) {
            for (int m = minutes.nextSetBit(0); m >= 0; m = minutes.nextSetBit(m + 1)) {
                times.add(h * 60 + m);
            }
        }
        int shortest = 24 * 60 - times.get(times.size() - 1) + times.get(0);
        for (int i = 1; i < times.size(); i++) {
            shortest = Math.min(shortest, times.get(i) - times.get(i - 1));
        }
        return Duration.ofMinutes(shortest);
    }

    /** In words, in English, French, German or Spanish (others get English): "every Monday at 09:00". */
    public String describe(Locale language) {
        return CronDescription.describe(this, language);
    }

    /** Whether the expression names some time of {@code day}. */
    boolean runsOn(LocalDate day) {
        if (!months.get(day.getMonthValue())) {
            return false;
        }
        boolean dayOfMonth = daysOfMonth.get(day.getDayOfMonth())
                || daysOfMonth.get(LAST_DAY) && day.getDayOfMonth() == day.lengthOfMonth();
        boolean dayOfWeek = daysOfWeek.get(day.getDayOfWeek().getValue() % 7);
        if (dayOfMonthRestricted && dayOfWeekRestricted) {
            return dayOfMonth || dayOfWeek;
        }
        return dayOfMonth && dayOfWeek;
    }

    boolean lastDayOfMonth() {
        return daysOfMonth.get(LAST_DAY);
    }

    /** The instants a local time stands for: one; the change's instant in a gap; one or both in an overlap. */
    private List<Instant> instantsOf(LocalDateTime local, ZoneRules rules) {
        ZoneOffsetTransition change = rules.getTransition(local);
        if (change == null) {
            return List.of(local.toInstant(rules.getOffset(local)));
        }
        if (change.isGap()) {
            return List.of(change.getInstant());
        }
        Instant first = local.toInstant(change.getOffsetBefore());
        return everyHour ? List.of(first, local.toInstant(change.getOffsetAfter())) : List.of(first);
    }

    private boolean runsSomeDay() {
        if (dayOfWeekRestricted && dayOfMonthRestricted || daysOfMonth.get(LAST_DAY)) {
            return true;
        }
        for (int month = months.nextSetBit(1); month >= 0; month = months.nextSetBit(month + 1)) {
            int longest = Month.of(month).maxLength();
            if (daysOfMonth.nextSetBit(1) <= longest) {
                return true;
            }
        }
        return false;
    }

    @Override
    public String toString() {
        return text;
    }

    /** One of the five fields: its range and names. */
    private enum Field {
        MINUTE("minute", 0, 59, null),
        HOUR("hour", 0, 23, null),
        DAY_OF_MONTH("day of month", 1, 31, null),
        MONTH("month", 1, 12, MONTHS),
        DAY_OF_WEEK("day of week", 0, 7, DAYS);

        private final String label;
        private final int min;
        private final int max;
        private final String[] names;

        Field(String label, int min, int max, String[] names) {
            this.label = label;
            this.min = min;
            this.max = max;
            this.names = names;
        }

        BitSet parse(String field) {
            BitSet values = new BitSet();
            for (String part : field.split(",", -1)) {
                parsePart(part, values);
            }
            return values;
        }

        private void parsePart(String part, BitSet values) {
            if (part.isEmpty()) {
                throw new IllegalArgumentException("the " + label + " field has an empty list item");
            }
            if (this == DAY_OF_MONTH && part.equalsIgnoreCase("L")) {
                values.set(LAST_DAY);
                return;
            }
            if (part.matches("(?i).*[LW#].*") && !part.matches("(?i)[A-Z]{3}(-[A-Z]{3})?(/\\d+)?")) {
                throw new IllegalArgumentException("'" + part + "' in the " + label + " field: only the day of month"
                        + " reads L (the month's last day); W and # are not read");
            }
            String range = part;
            int step = 1;
            int slash = part.indexOf('/');
            if (slash >= 0) {
                range = part.substring(0, slash);
                step = number(part.substring(slash + 1), "step");
                if (step < 1) {
                    throw new IllegalArgumentException("a step in the " + label + " field must be 1 or more");
                }
            }
            int start;
            int end;
            if (range.equals("*") || range.equals("?")) {
                start = min;
                end = this == DAY_OF_WEEK ? 6 : max;
            } else {
                int dash = range.indexOf('-');
                start = value(dash < 0 ? range : range.substring(0, dash));
                if (dash >= 0) {
                    end = value(range.substring(dash + 1));
                    if (this == DAY_OF_WEEK && end == 0 && start > 0) {
                        end = 7; // FRI-SUN
                    }
                } else {
                    end = slash >= 0 ? max : start; // 5/10: from 5 to the end
                }
            }
            int span = end >= start ? end - start : end + (max - min + 1) - start;
            for (int i = 0; i <= span; i += step) {
                int v = start + i;
                values.set(v > max ? v - (max - min + 1) : v);
            }
        }

        private int value(String token) {
            if (names != null && token.matches("(?i)[a-z]{3}")) {
                String upper = token.toUpperCase(Locale.ROOT);
                for (int i = 0; i < names.length; i++) {
                    if (names[i].equals(upper)) {
                        return this == MONTH ? i + 1 : i;
                    }
                }
                throw new IllegalArgumentException("'" + token + "' is not a " + label + " name ("
                        + String.join(" ", names) + ")");
            }
            int v = number(token, label);
            if (v < min || v > max) {
                throw new IllegalArgumentException(label + " " + v + " is out of range " + min + "-" + max);
            }
            return v;
        }

        private int number(String token, String what) {
            if (!token.matches("\\d{1,4}")) {
                throw new IllegalArgumentException("'" + token + "' is not a " + what + " (the " + label + " field"
                        + " takes " + (names == null ? "numbers" : "numbers or names") + ", lists, ranges and steps)");
            }
            return Integer.parseInt(token);
        }
    }
}
