package io.autoflow.conversation.parse;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * How French, German and Spanish say when something runs, put into the English words {@link ScheduleParser} reads:
 * "tous les lundis à 9h" → "every monday at 9:00", "jeden Montag um 8 Uhr" → "every monday at 8:00", "el día 1 de
 * cada mes a las 9" → "on the 1 of every month at 9:00". The text is lower case.
 */
final class SchedulePhrases {

    private static final Map<Pattern, String> PHRASES = new LinkedHashMap<>();

    private static void phrase(String regex, String english) {
        PHRASES.put(Pattern.compile(regex), english);
    }

    static {
        String fr = "(lundi|mardi|mercredi|jeudi|vendredi|samedi|dimanche)";
        String de = "(montag|dienstag|mittwoch|donnerstag|freitag|samstag|sonntag)";
        String es = "(lunes|martes|miércoles|miercoles|jueves|viernes|sábado|sabado|domingo)";
        // times of day first, so that "9h" is not read as a number of hours
        phrase("\\b(\\d{1,2}) ?h ?(\\d{2})\\b", "at $1:$2");
        phrase("\\b(\\d{1,2}) ?h\\b(?! ?\\d)", "at $1:00");
        phrase("\\bum (\\d{1,2})[:.](\\d{2})(?: uhr)?\\b", "at $1:$2");
        phrase("\\bum (\\d{1,2}) uhr\\b", "at $1:00");
        phrase("\\bum (\\d{1,2})\\b", "at $1:00");
        phrase("\\ba las? (\\d{1,2})[:.](\\d{2})\\b", "at $1:$2");
        phrase("\\ba las? (\\d{1,2})\\b", "at $1:00");
        phrase("\\b(at \\d{1,2}):(\\d{2}) (?:du soir|de l'après-midi|de la tarde|de la noche|abends|nachmittags)\\b",
                "$1:$2 pm");
        phrase("\\b(at \\d{1,2}):(\\d{2}) (?:du matin|de la mañana|morgens|früh)\\b", "$1:$2 am");
        phrase("\\b(?:midi|mittags?|mediodía)\\b", "noon");
        // days
        phrase("\\b(?:tous les|chaque) " + fr + "s?\\b", "every $1");
        phrase("\\ble " + fr + "\\b", "on $1");
        phrase("\\bjeden " + de + "\\b", "every $1");
        phrase("\\b" + de + "s\\b", "every $1");
        phrase("\\bam " + de + "\\b", "on $1");
        phrase("\\b(?:todos los|cada) " + es + "\\b", "every $1");
        phrase("\\bel " + es + "\\b", "on $1");
        phrase("\\b(?:tous les jours|chaque jour|quotidiennement|jeden tag|täglich|todos los días|todos los dias"
                + "|cada día|cada dia|diariamente|a diario)\\b", "every day");
        phrase("\\b(?:tous les soirs|chaque soir|jeden abend|cada noche|todas las noches)\\b", "every evening");
        phrase("\\b(?:tous les matins|chaque matin|jeden morgen|cada mañana|todas las mañanas)\\b", "every morning");
        phrase("\\b(?:en semaine|les jours ouvrés|werktags|an werktagen|entre semana|los días laborables"
                + "|de lunes a viernes|du lundi au vendredi|von montag bis freitag)\\b", "every weekday");
        phrase("\\b(?:toutes les semaines|chaque semaine|hebdomadaire(?:ment)?|jede woche|wöchentlich"
                + "|cada semana|todas las semanas|semanalmente)\\b", "every week");
        // months
        phrase("\\b(?:le )?(\\d{1,2})(?:er|e)? (?:de chaque mois|du mois|de tous les mois)\\b", "on the $1 of every month");
        phrase("\\bam (\\d{1,2})\\.? (?:jedes|jeden|des) monats\\b", "on the $1 of every month");
        phrase("\\bel (?:día |dia )?(\\d{1,2}) de cada mes\\b", "on the $1 of every month");
        phrase("\\b(?:tous les mois|chaque mois|mensuellement|jeden monat|monatlich|cada mes|todos los meses"
                + "|mensualmente)\\b", "every month");
        // paces
        phrase("\\b(?:toutes les|alle|cada) (\\d{1,2}) ?(?:minutes|minuten|minutos|min)\\b", "every $1 minutes");
        phrase("\\b(?:toutes les|alle|cada) (\\d{1,2}) (?:heures|stunden|horas)\\b", "every $1 hours");
        phrase("\\b(?:toutes les heures|chaque heure|jede stunde|stündlich|cada hora)\\b", "every hour");
        // weekday names last
        String[][] names = {{"lundi", "montag", "lunes", "monday"}, {"mardi", "dienstag", "martes", "tuesday"},
            {"mercredi", "mittwoch", "miércoles|miercoles", "wednesday"}, {"jeudi", "donnerstag", "jueves", "thursday"},
            {"vendredi", "freitag", "viernes", "friday"}, {"samedi", "samstag", "sábado|sabado", "saturday"},
            {"dimanche", "sonntag", "domingo", "sunday"}};
        for (String[] day : names) {
            phrase("\\b(?:" + day[0] + "|" + day[1] + "|" + day[2] + ")\\b", day[3]);
        }
    }

    private SchedulePhrases() {
    }

    /** The text with what French, German and Spanish say of a schedule in English words. */
    static String english(String lowerCase) {
        String text = lowerCase;
        for (Map.Entry<Pattern, String> phrase : PHRASES.entrySet()) {
            text = phrase.getKey().matcher(text).replaceAll(phrase.getValue());
        }
        return text;
    }
}
