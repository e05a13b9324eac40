package io.autoflow.events;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.junit.jupiter.api.Test;

class CronExpressionTest {

    /**
     * The next runs of 29 expressions in 10 zones (DST gaps and overlaps in New York, London, Chatham +12:45,
     * Lord Howe's half-hour change, Adelaide +9:30; Kolkata +5:30, Kathmandu +5:45 and São Paulo without; month
     * ends, leap days, names, ranges, lists, steps) as croner 9.1 computes them (tests/cron/reference.mjs), except
     * where our documented semantics differ: those lines are in overrides.tsv, each with why.
     */
    @Test
    void nextRunsMatchTheReferenceTable() throws IOException {
        Map<String, List<String>> expected = table("/cron/reference.tsv");
        Map<String, List<String>> overrides = table("/cron/overrides.tsv");
        assertThat(expected.keySet()).containsAll(overrides.keySet());
        expected.putAll(overrides);
        assertThat(expected).hasSizeGreaterThanOrEqualTo(29);
        for (Map.Entry<String, List<String>> line : expected.entrySet()) {
            String[] key = line.getKey().split("\t");
            CronExpression cron = CronExpression.parse(key[0]);
            List<String> runs = cron.nextRuns(Instant.parse(key[2]), ZoneId.of(key[1]), line.getValue().size())
                    .stream().map(Instant::toString).toList();
            assertThat(runs).as(line.getKey()).isEqualTo(line.getValue());
        }
    }

    @Test
    void aLocalTimeSkippedByTheSpringChangeRunsOnceAtTheChange() {
        CronExpression every15 = CronExpression.parse("*/15 2 * * *");
        ZoneId newYork = ZoneId.of("America/New_York");
        // 2027-03-14: 02:00 EST becomes 03:00 EDT (07:00Z); 02:00, 02:15, 02:30, 02:45 all fall in the gap
        assertThat(every15.nextRuns(Instant.parse("2027-03-14T06:00:00Z"), newYork, 3)).containsExactly(
                Instant.parse("2027-03-14T07:00:00Z"), Instant.parse("2027-03-15T06:00:00Z"),
                Instant.parse("2027-03-15T06:15:00Z"));
    }

    @Test
    void aScheduleWithEveryHourKeepsItsPaceThroughTheAutumnChange() {
        ZoneId newYork = ZoneId.of("America/New_York");
        // 2027-11-07: 01:00–01:59 happens twice (EDT 05:00Z, then EST 06:00Z)
        assertThat(CronExpression.parse("30 * * * *").nextRuns(Instant.parse("2027-11-07T04:00:00Z"), newYork, 4))
                .containsExactly(Instant.parse("2027-11-07T04:30:00Z"), Instant.parse("2027-11-07T05:30:00Z"),
                        Instant.parse("2027-11-07T06:30:00Z"), Instant.parse("2027-11-07T07:30:00Z"));
        // a fixed time in the repeated hour runs once, at its first occurrence
        assertThat(CronExpression.parse("30 1 * * *").nextRuns(Instant.parse("2027-11-07T04:00:00Z"), newYork, 2))
                .containsExactly(Instant.parse("2027-11-07T05:30:00Z"), Instant.parse("2027-11-08T06:30:00Z"));
        // asked between the two occurrences, the next is tomorrow's
        assertThat(CronExpression.parse("30 1 * * *").next(Instant.parse("2027-11-07T06:10:00Z"), newYork))
                .contains(Instant.parse("2027-11-08T06:30:00Z"));
    }

    @Test
    void namesAndRangesReadAsCronDoes() {
        assertThat(runsOf("0 9 * * SUN-THU")).isEqualTo(runsOf("0 9 * * 0-4"));
        assertThat(runsOf("0 9 * * FRI-SUN")).isEqualTo(runsOf("0 9 * * 5,6,0"));
        assertThat(runsOf("0 9 * * fri-mon")).isEqualTo(runsOf("0 9 * * 0,1,5,6"));
        assertThat(runsOf("0 9 * * 7")).isEqualTo(runsOf("0 9 * * 0"));
        assertThat(runsOf("0 22-2 * * *")).isEqualTo(runsOf("0 0,1,2,22,23 * * *"));
        assertThat(runsOf("0 9 * NOV-FEB *")).isEqualTo(runsOf("0 9 * 1,2,11,12 *"));
        assertThat(runsOf("@daily")).isEqualTo(runsOf("0 0 * * *"));
    }

    @Test
    void whatCannotRunIsRefusedInWords() {
        Map<String, String> refusals = new LinkedHashMap<>();
        refusals.put("", "empty");
        refusals.put("every monday", "has 2 fields; a cron expression has five");
        refusals.put("* * * *", "has 4 fields");
        refusals.put("0 0 9 * * MON", "has 6 fields");
        refusals.put("61 * * * *", "minute 61 is out of range 0-59");
        refusals.put("0 24 * * *", "hour 24 is out of range 0-23");
        refusals.put("0 9 * * MOO", "'MOO' is not a day of week name");
        refusals.put("0 0 30 2 *", "never runs");
        refusals.put("0 0 31 4,6,9,11 *", "never runs");
        refusals.put("0 9 * * 1#2", "W and # are not read");
        refusals.put("0 9 LW * *", "W and # are not read");
        refusals.put("*/0 * * * *", "step");
        refusals.put("@fortnightly", "the shortcuts are");
        refusals.put("0 9 1,,2 * *", "empty list item");
        for (Map.Entry<String, String> bad : refusals.entrySet()) {
            assertThatThrownBy(() -> CronExpression.parse(bad.getKey())).as(bad.getKey())
                    .isInstanceOf(IllegalArgumentException.class).hasMessageContaining(bad.getValue());
        }
        // L is read (the month's last day), so it is no longer "not five fields"
        assertThat(CronExpression.parse("0 12 L * *").next(Instant.parse("2027-02-01T00:00:00Z"), ZoneId.of("UTC")))
                .contains(Instant.parse("2027-02-28T12:00:00Z"));
    }

    @Test
    void theShortestIntervalIsOnTheWallClock() {
        assertThat(CronExpression.parse("*/5 * * * *").shortestInterval()).isEqualTo(Duration.ofMinutes(5));
        assertThat(CronExpression.parse("0,50 9 * * *").shortestInterval()).isEqualTo(Duration.ofMinutes(50));
        assertThat(CronExpression.parse("50 23,0 * * *").shortestInterval()).isEqualTo(Duration.ofMinutes(60));
        assertThat(CronExpression.parse("0 9 * * MON").shortestInterval()).isEqualTo(Duration.ofDays(1));
    }

    @Test
    void descriptionsReadAsAPersonWouldSayThem() {
        Map<String, String[]> said = new LinkedHashMap<>();
        said.put("0 9 * * SUN-THU", new String[] {"every Sunday to Thursday at 09:00",
            "du dimanche au jeudi à 09:00", "von Sonntag bis Donnerstag um 09:00", "de domingo a jueves a las 09:00"});
        said.put("0 16 * * FRI", new String[] {"every Friday at 16:00", "chaque vendredi à 16:00",
            "jeden Freitag um 16:00", "cada viernes a las 16:00"});
        said.put("30 18 * * *", new String[] {"every day at 18:30", "tous les jours à 18:30", "jeden Tag um 18:30",
            "todos los días a las 18:30"});
        said.put("0 9 * * 1-5", new String[] {"on weekdays at 09:00", "en semaine à 09:00", "werktags um 09:00",
            "de lunes a viernes a las 09:00"});
        said.put("0 9 1 * *", new String[] {"on the 1st of the month at 09:00", "le 1er du mois à 09:00",
            "am 1. des Monats um 09:00", "el día 1 de cada mes a las 09:00"});
        said.put("0 12 L * *", new String[] {"on the last day of the month at 12:00",
            "le dernier jour du mois à 12:00", "am letzten Tag des Monats um 12:00",
            "el último día de cada mes a las 12:00"});
        said.put("*/15 * * * *", new String[] {"every 15 minutes", "toutes les 15 minutes", "alle 15 Minuten",
            "cada 15 minutos"});
        said.put("0 * * * *", new String[] {"every hour", "toutes les heures", "jede Stunde", "cada hora"});
        said.put("*/30 9-17 * * MON-FRI", new String[] {"every 30 minutes from 09:00 to 17:30 on weekdays",
            "toutes les 30 minutes de 09:00 à 17:30 en semaine", "alle 30 Minuten von 09:00 bis 17:30 werktags",
            "cada 30 minutos de 09:00 a 17:30 de lunes a viernes"});
        said.put("0 9,17 * * MON,WED", new String[] {"every Monday and Wednesday at 09:00 and 17:00",
            "chaque lundi et mercredi à 09:00 et 17:00", "jeden Montag und Mittwoch um 09:00 und 17:00",
            "cada lunes y miércoles a las 09:00 y 17:00"});
        said.put("0 8 * JAN *", new String[] {"every day in January at 08:00", "tous les jours en janvier à 08:00",
            "jeden Tag im Januar um 08:00", "todos los días en enero a las 08:00"});
        said.put("0 0 * * 6,0", new String[] {"at weekends at 00:00", "le week-end à 00:00",
            "am Wochenende um 00:00", "los fines de semana a las 00:00"});
        Locale[] languages = {Locale.ENGLISH, Locale.FRENCH, Locale.GERMAN, new Locale("es")};
        for (Map.Entry<String, String[]> each : said.entrySet()) {
            CronExpression cron = CronExpression.parse(each.getKey());
            for (int i = 0; i < languages.length; i++) {
                assertThat(cron.describe(languages[i])).as(each.getKey() + " in " + languages[i])
                        .isEqualTo(each.getValue()[i]);
            }
        }
        assertThat(CronExpression.parse("0 9 * * MON").describe(Locale.ITALIAN)).isEqualTo("every Monday at 09:00");
    }

    @Test
    void timeZonesAreIanaNamesOnly() {
        assertThat(TimeZones.iana("europe/paris")).contains(ZoneId.of("Europe/Paris"));
        assertThat(TimeZones.iana("UTC")).contains(ZoneId.of("UTC"));
        for (String bad : new String[] {"GMT+5", "+05:30", "UTC+1", "EST", "Mars/Olympus", "", null}) {
            assertThat(TimeZones.iana(bad)).as(bad).isEmpty();
        }
    }

    private static List<Instant> runsOf(String expression) {
        return CronExpression.parse(expression).nextRuns(Instant.parse("2027-01-01T00:00:00Z"), ZoneId.of("UTC"),
                40);
    }

    /** expression, zone and start (tab-separated) → the runs; # starts a comment. */
    private static Map<String, List<String>> table(String resource) throws IOException {
        Map<String, List<String>> table = new LinkedHashMap<>();
        try (BufferedReader in = new BufferedReader(new InputStreamReader(
                CronExpressionTest.class.getResourceAsStream(resource), StandardCharsets.UTF_8))) {
            for (String line = in.readLine(); line != null; line = in.readLine()) {
                if (line.isBlank() || line.startsWith("#")) {
                    continue;
                }
                String[] cells = line.split("\t");
                table.put(String.join("\t", Arrays.copyOfRange(cells, 0, 3)),
                        new ArrayList<>(Arrays.asList(cells).subList(3, cells.length)));
            }
        }
        return table;
    }
}
