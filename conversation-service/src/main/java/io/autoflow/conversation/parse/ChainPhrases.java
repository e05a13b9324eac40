package io.autoflow.conversation.parse;

import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The data operations a chained request says, in English, French, German and Spanish: which rows to keep ("keep the
 * rows where region is EU", "garde les lignes où pays = FR", "nur die EU-Zeilen"), what to total per group ("total
 * revenue by product", "moyenne de prix par catégorie", "Summe von Umsatz pro Produkt", "suma de ingresos por
 * producto"), the stored credential a fetch uses, and the file to make. Column names and values keep their case: they
 * name the data. Only what the message says: a value without its column leaves the column to be asked.
 */
public final class ChainPhrases {

    /** A column's name: one word, as tables name their columns. */
    private static final String COLUMN = "([\\p{L}_][\\p{L}\\p{N}_]*)";
    /** A value: in quotes, or one word or number. */
    private static final String VALUE = "(?:[\"'\u201c\u00ab]([^\"'\u201d\u00bb]{1,100})[\"'\u201d\u00bb]"
            + "|(-?\\d+(?:[.,]\\d+)?|[\\p{L}\\p{N}_][\\p{L}\\p{N}_.-]*[\\p{L}\\p{N}_]|[\\p{L}\\p{N}]))";
    /** Comparisons, symbols first, then words in the four languages (longest first). */
    private static final Map<String, String> OPERATORS = operators();
    private static final String OPERATOR = "(" + String.join("|", OPERATORS.keySet().stream()
            .sorted((a, b) -> b.length() - a.length()).map(Pattern::quote).toList()) + ")";
    /** "where region is EU", "où pays = FR", "wo Land gleich DE", "donde país es ES": column, comparison, value. */
    private static final Pattern WHERE = Pattern.compile("(?iu)\\b(?:where|whose|with|in which|for which|où|dont"
            + "|avec|wo|bei denen|in denen|deren|mit|donde|cuyo|cuya|con|en las que|en los que)\\s+"
            + "(?:the |le |la |l'|les |der |die |das |el |los |las )?" + COLUMN + "\\s*" + OPERATOR + "\\s*" + VALUE);
    /** "keep the EU rows", "only EU rows", "nur die EU-Zeilen", "solo las filas de EU": a value, its column unsaid. */
    private static final Pattern VALUE_ROWS = Pattern.compile("(?iu)\\b(?:keep (?:only )?(?:the )?|only (?:the )?"
            + "|nur (?:die )?|behalte (?:nur )?(?:die )?)" + VALUE + "[- ](?:rows|lines|records|entries|zeilen"
            + "|einträge)\\b|\\b(?:lignes|filas|registros) (?:de |d'|del )" + VALUE + "\\b");
    /** "total revenue by product", "la moyenne des prix par catégorie", "Summe von Umsatz pro Produkt", … */
    private static final Pattern AGGREGATE = Pattern.compile("(?iu)\\b(total|sum(?: up)?|add up|average|mean|avg"
            + "|maximum|max|highest|minimum|min|lowest|somme|moyenne|summe|gesamtsumme|durchschnitt|mittelwert"
            + "|suma|promedio|media|máximo|mínimo)(?: of| du| de la| des| de l'| de| d'| von| der| des| vom| del"
            + "| de los| de las| los| las)?\\s+(?:the |le |la |les |den |die |das |el )?" + COLUMN
            + "\\s+(?:by|per|for each|for every|grouped by|par|pour chaque|pro|je|nach|por|para cada)\\s+"
            + "(?:the |le |la |chaque |each |den |die |das |el |la |cada )?" + COLUMN);
    /** "Umsatz pro Produkt summieren": the German verb at the end. */
    private static final Pattern AGGREGATE_VERB_LAST = Pattern.compile("(?iu)\\b(?:den |die |das )?" + COLUMN
            + "\\s+(?:pro|je|nach)\\s+(?:den |die |das )?" + COLUMN + "\\s+(summieren|addieren|mitteln|zählen)\\b");
    /** "count orders by country", "number of orders per country", "nombre de commandes par pays", … */
    private static final Pattern COUNT = Pattern.compile("(?iu)\\b(?:count(?: the)?|number of|how many|nombre d[e']"
            + "|compte(?: les)?|anzahl(?: der)?|zähle(?: die)?|número de|cuenta(?: las| los)?)\\s*(?:[\\p{L}_]+\\s+)?"
            + "(?:by|per|for each|par|pro|je|nach|por)\\s+(?:the |le |la |chaque |den |die |das |el |cada )?"
            + COLUMN);
    /** "using the sales-api credential", "with credential sales-api", "avec la clé sales-api", … */
    private static final Pattern CREDENTIAL = Pattern.compile("(?iu)\\b(?:using|with|avec|mit|con|via)\\s+"
            + "(?:the |my |our |le |la |mon |ma |notre |dem |meinem |unserem |den |la |mi |nuestra )?"
            + "(?:(?:stored )?(?:credential|api key|key|token|secret|identifiant|clé|schlüssel|zugang|credencial|clave)"
            + "\\s+[\"'\u201c]?([\\w.-]{1,64})[\"'\u201d]?"
            + "|[\"'\u201c]?([\\w.-]{1,64})[\"'\u201d]?\\s+(?:credential|api key|key|token|secret))");
    /** A file format named anywhere: what the workflow makes. */
    private static final Pattern FORMAT = Pattern.compile("(?iu)\\b(csv|json|xlsx|excel)\\b");

    /** The chain's parameters the message states; empty when it names no data operation. */
    public Map<String, Object> extract(String message) {
        Map<String, Object> found = new LinkedHashMap<>();
        String text = message.replaceAll("https?://\\S+", " ");
        Matcher credential = CREDENTIAL.matcher(text);
        if (credential.find()) {
            found.put("credential", credential.group(1) != null ? credential.group(1) : credential.group(2));
            text = text.substring(0, credential.start()) + " " + text.substring(credential.end());
        }
        Matcher aggregate = AGGREGATE.matcher(text);
        Matcher verbLast = AGGREGATE_VERB_LAST.matcher(text);
        Matcher count = COUNT.matcher(text);
        if (aggregate.find()) {
            found.put("aggregate", function(aggregate.group(1)));
            found.put("aggregate_column", aggregate.group(2));
            found.put("group_by", aggregate.group(3));
        } else if (verbLast.find()) {
            found.put("aggregate", function(verbLast.group(3)));
            if (!"count".equals(found.get("aggregate"))) {
                found.put("aggregate_column", verbLast.group(1));
            }
            found.put("group_by", verbLast.group(2));
        } else if (count.find()) {
            found.put("aggregate", "count");
            found.put("group_by", count.group(1));
        }
        Matcher where = WHERE.matcher(text);
        Matcher valueRows = VALUE_ROWS.matcher(text);
        if (where.find()) {
            found.put("filter_column", where.group(1));
            found.put("filter_operator", OPERATORS.get(where.group(2).toLowerCase(Locale.ROOT)));
            found.put("filter_value", where.group(3) != null ? where.group(3) : where.group(4));
        } else if (valueRows.find()) {
            found.put("filter_operator", "=");
            found.put("filter_value", first(valueRows, 1, 2, 3, 4));
        }
        Matcher format = FORMAT.matcher(text);
        if (!found.isEmpty() && format.find()) {
            String named = format.group(1).toLowerCase(Locale.ROOT);
            found.put("target_format", named.equals("excel") ? "xlsx" : named);
        }
        return found;
    }

    /** Whether the parameters hold a data operation to do on what is fetched. */
    public static boolean operates(Map<String, Object> parameters) {
        return parameters.containsKey("filter_value") || parameters.containsKey("aggregate");
    }

    /**
     * A column named alone, as the answer to "which column": "region", "the region column", "la colonne pays"; null for
     * a sentence.
     */
    public static String column(String answer) {
        String t = answer.trim().replaceAll("[\\s.!?]+$", "")
                .replaceFirst("(?iu)^(?:it'?s |it is |c'est |das ist |es |in |dans |en |im )?(?:the |la |le |die |das "
                        + "|der |el )?(?:column |colonne |spalte |columna )?(?:de |del |d')?", "")
                .replaceFirst("(?iu)\\s+(?:column|colonne|spalte|columna)$", "")
                .replaceAll("^[\"'\u201c`]|[\"'\u201d`]$", "");
        return t.matches("[\\p{L}_][\\p{L}\\p{N}_-]{0,63}") ? t : null; // one word, as columns are named
    }

    private static String first(Matcher m, int... groups) {
        for (int g : groups) {
            if (m.group(g) != null) {
                return m.group(g);
            }
        }
        return null;
    }

    private static String function(String word) {
        return switch (word.toLowerCase(Locale.ROOT)) {
            case "average", "mean", "avg", "moyenne", "durchschnitt", "mittelwert", "promedio", "media", "mitteln" ->
                    "mean";
            case "maximum", "max", "highest", "máximo" -> "max";
            case "minimum", "min", "lowest", "mínimo" -> "min";
            case "zählen" -> "count";
            default -> "sum";
        };
    }

    private static Map<String, String> operators() {
        Map<String, String> words = new LinkedHashMap<>();
        for (String[] pair : new String[][] {{"=", "="}, {"==", "="}, {"!=", "!="}, {"<>", "!="}, {">=", ">="},
                {"<=", "<="}, {">", ">"}, {"<", "<"}, {"is not", "!="}, {"isn't", "!="}, {"is", "="},
                {"equals", "="}, {"is equal to", "="}, {"is over", ">"}, {"is above", ">"}, {"over", ">"},
                {"above", ">"}, {"is more than", ">"}, {"more than", ">"}, {"greater than", ">"},
                {"is greater than", ">"}, {"is under", "<"}, {"is below", "<"}, {"under", "<"}, {"below", "<"},
                {"is less than", "<"}, {"less than", "<"}, {"is at least", ">="}, {"at least", ">="},
                {"is at most", "<="}, {"at most", "<="}, {"est", "="}, {"vaut", "="}, {"égal à", "="},
                {"est égal à", "="}, {"n'est pas", "!="}, {"supérieur à", ">"}, {"est supérieur à", ">"},
                {"plus de", ">"}, {"inférieur à", "<"}, {"est inférieur à", "<"}, {"moins de", "<"},
                {"au moins", ">="}, {"au plus", "<="}, {"ist", "="}, {"gleich", "="}, {"ist gleich", "="},
                {"ist nicht", "!="}, {"größer als", ">"}, {"ist größer als", ">"}, {"über", ">"}, {"mehr als", ">"},
                {"kleiner als", "<"}, {"ist kleiner als", "<"}, {"unter", "<"}, {"weniger als", "<"},
                {"mindestens", ">="}, {"höchstens", "<="}, {"es", "="}, {"sea", "="}, {"igual a", "="},
                {"es igual a", "="}, {"no es", "!="}, {"mayor que", ">"}, {"es mayor que", ">"}, {"más de", ">"},
                {"menor que", "<"}, {"es menor que", "<"}, {"menos de", "<"}, {"al menos", ">="},
                {"como máximo", "<="}}) {
            words.put(pair[0], pair[1]);
        }
        return words;
    }
}
