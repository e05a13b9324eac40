package io.autoflow.analytics.text;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * The numbers a sentence states, with what is written next to them: a currency before or after ($3.2, 12 €,
 * EUR 40), a scale (million, Mio., millones), a percent (12.5 %, 12,5 %, 40 percent), a unit or what is counted (kg,
 * kg/m2, h, patients, Mitarbeiter), or the quantity they are the value of (n = 48, p < 0.05). Numbers inside a date,
 * a word or a code (COVID-19, Q3, H2O), citations ([12]), the end of a range (113–122), years, the numbers of tables,
 * figures and pages, and bare digits (a scale "from 1 to 10", an enumeration) are not statements. Unlike the cells
 * {@code NumberReader} reads, running text writes decimal commas: a single separator followed by three digits is read
 * as the text's language writes it (3,200 is 3200 in English, 3.2 in French).
 */
final class NumberMentions {

    /** A number in the sentence: where, as written, its value (scaled) and its unit or currency, if any. */
    record Mention(int start, int end, String text, double value, String unit) {
    }

    private static final String SPACE = "[ \\u00A0\\u202F]?";
    private static final String NUMBER = "\\d{1,3}(?:[,.\\u00A0\\u202F]\\d{3})+(?:[.,]\\d+)?|\\d+(?:[.,]\\d+)?";
    private static final Map<String, Double> SCALES = scales();
    private static final String PERCENT = "%|percent|per cent|pour cent|prozent|por ciento";
    private static final String CURRENCY_AFTER = "€|\\$|£|eur|euros?|d['’]euros|de euros|usd|us dollars|dollars?"
            + "|de dollars|dólares|de dólares|gbp|pounds|chf|francs?";
    private static final String UNITS = "kg|g|mg|t|tonnes?|tons?|km|m|cm|mm|km²|m²|m2|ha|l|ml|hl|h|hrs?|min|s|ms"
            + "|gb|mb|tb|kb|kwh|mwh|gwh|twh|kw|mw|gw|°c|°f|hz|khz|mhz|ghz|people|persons|patients|participants"
            + "|respondents|employees|users|customers|students|children|households|companies|firms|sites|cases"
            + "|personnes|salariés|employés|entreprises|élèves|ménages|clients|utilisateurs|mitarbeiter"
            + "|mitarbeitende|personen|teilnehmer|teilnehmende|unternehmen|kunden|patienten|haushalte|schüler"
            + "|personas|empleados|pacientes|participantes|empresas|clientes|usuarios|hogares|alumnos|estudiantes"
            + "|years|ans"
            + "|jahre|jahren|años|days|jours|tage|tagen|días|hours|heures|stunden|horas|months|mois|monate|monaten"
            + "|meses|weeks|semaines|wochen|semanas|points|pts|basis points|bp";
    private static final Pattern MENTION = Pattern.compile("(?<![\\p{L}\\p{N}_.,/\\-−–—\\[])"
            + "(?:(?<currency>US\\$|[$€£¥₹]|(?:USD|EUR|GBP|CHF|JPY)(?=" + SPACE + "\\d))" + SPACE
            + "|(?<quantity>[npr])\\s?[=<>≤≥]\\s?)?"
            + "(?<minus>[-−])?(?<number>" + NUMBER + ")(?!\\p{N}|[.,]\\p{N})"
            + "(?:" + SPACE + "(?<scale>" + SCALES.keySet().stream().sorted(Comparator.comparing(String::length)
                    .reversed()).collect(Collectors.joining("|")) + ")(?!\\p{L})\\.?)?"
            + "(?:" + SPACE + "(?<unit>" + PERCENT + "|" + CURRENCY_AFTER + "|(?:" + UNITS + ")(?:/\\p{L}{1,4}[23²³]?)?)"
            + "(?![\\p{L}\\p{N}]))?",
            Pattern.CASE_INSENSITIVE | Pattern.UNICODE_CASE);
    private static final Pattern MONEY = Pattern.compile(CURRENCY_AFTER, Pattern.CASE_INSENSITIVE);
    private static final Pattern PERCENT_WORDS = Pattern.compile(PERCENT, Pattern.CASE_INSENSITIVE);
    /** What numbers a table, a figure, a page or a section rather than stating anything ("Table 2", "p. 14"). */
    private static final Pattern LABEL = Pattern.compile("(?:table|tab\\.|figure|fig\\.|chart|pages?|p\\.|pp\\."
            + "|section|chapter|chap\\.|tabelle|abbildung|abb\\.|seite|s\\.|kapitel|abschnitt|tableau|graphique"
            + "|chapitre|tabla|figura|gráfico|página|pág\\.|capítulo|sección|no\\.|nr\\.|n°|nº|núm\\.|#|article"
            + "|artikel|artículo|art\\.|version|step|étape|schritt|paso|phase|annex|annexe|anhang|anexo)\\s*$",
            Pattern.CASE_INSENSITIVE | Pattern.UNICODE_CASE);

    private NumberMentions() {
    }

    /** The numbers the sentence states, in order, outside the dates found in it. */
    static List<Mention> find(String sentence, String language, List<DateMentions.Mention> dates) {
        List<Mention> found = new ArrayList<>();
        Matcher m = MENTION.matcher(sentence);
        while (m.find()) {
            int start = m.start();
            String number = m.group("number");
            String scale = m.group("scale");
            String unit = m.group("unit");
            boolean money = m.group("currency") != null || unit != null && MONEY.matcher(unit).matches();
            // "5 m" is five metres: only money is counted in "m" for millions.
            boolean metres = "m".equals(scale) && !money;
            int end = metres ? m.end("scale") : m.end();
            if (metres) {
                unit = "m";
                scale = null;
            }
            boolean bare = m.group("currency") == null && m.group("quantity") == null && scale == null
                    && unit == null;
            if (end < sentence.length() && Character.isLetterOrDigit(sentence.charAt(end))) {
                continue; // 3D, 3rd: part of a word
            }
            if (dates.stream().anyMatch(d -> d.start() < end && start < d.end())
                    || bare && (yearLike(number) || number.length() == 1 || LABEL.matcher(sentence.substring(
                            Math.max(0, start - 20), start)).find())
                    || "s".equalsIgnoreCase(unit) && yearLike(number)) { // the 1990s
                continue;
            }
            double value = value(number, language) * (scale == null ? 1 : SCALES.get(scale.toLowerCase(Locale.ROOT)));
            found.add(new Mention(start, end, sentence.substring(start, end), m.group("minus") != null ? -value
                    : value, unit(m, unit)));
        }
        return found;
    }

    /** The number with its separators read as the language writes them. */
    static double value(String written, String language) {
        String digits = written.replaceAll("[\\u00A0\\u202F]", "");
        int dots = count(digits, '.');
        int commas = count(digits, ',');
        char decimal;
        if (dots > 0 && commas > 0) {
            decimal = digits.lastIndexOf('.') > digits.lastIndexOf(',') ? '.' : ',';
        } else if (dots + commas == 1) {
            char separator = dots == 1 ? '.' : ',';
            boolean thousands = digits.length() - digits.indexOf(separator) - 1 == 3;
            char languageDecimal = "en".equals(language) || TextLanguage.UNKNOWN.equals(language) ? '.' : ',';
            decimal = thousands && separator != languageDecimal ? 0 : separator;
        } else {
            decimal = 0; // none, or one separator repeated: groups of thousands
        }
        StringBuilder plain = new StringBuilder();
        for (char c : digits.toCharArray()) {
            if (Character.isDigit(c)) {
                plain.append(c);
            } else if (c == decimal) {
                plain.append('.');
            }
        }
        return Double.parseDouble(plain.toString());
    }

    private static String unit(Matcher m, String unit) {
        if (m.group("quantity") != null) {
            return m.group("quantity").toLowerCase(Locale.ROOT);
        }
        if (unit != null && PERCENT_WORDS.matcher(unit).matches()) {
            return "%";
        }
        return unit != null ? unit : m.group("currency") != null ? m.group("currency").strip() : null;
    }

    /** An integer from 1800 to 2100, written without separators: a year, not a quantity. */
    private static boolean yearLike(String number) {
        if (number.length() != 4 || !number.chars().allMatch(Character::isDigit)) {
            return false;
        }
        int year = Integer.parseInt(number);
        return year >= 1800 && year <= 2100;
    }

    private static int count(String text, char c) {
        return (int) text.chars().filter(x -> x == c).count();
    }

    private static Map<String, Double> scales() {
        double thousand = 1e3;
        double million = 1e6;
        double billion = 1e9;
        return Map.ofEntries(Map.entry("thousand", thousand), Map.entry("million", million),
                Map.entry("millions", million), Map.entry("billion", billion), Map.entry("billions", billion),
                Map.entry("trillion", 1e12), Map.entry("milliard", billion), Map.entry("milliards", billion),
                Map.entry("millier", thousand), Map.entry("milliers", thousand), Map.entry("tausend", thousand),
                Map.entry("millionen", million), Map.entry("milliarde", billion), Map.entry("milliarden", billion),
                Map.entry("mio", million), Map.entry("mrd", billion), Map.entry("mil millones", billion),
                Map.entry("millones", million), Map.entry("millón", million), Map.entry("miles", thousand),
                Map.entry("bn", billion), Map.entry("mn", million), Map.entry("m", million), Map.entry("k", thousand));
    }
}
