package io.autoflow.conversation.parse;

import io.autoflow.events.TimeZones;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Finds the parameters a message states, whatever its intent: emails, URLs, file references, the report format,
 * the delivery, the analyses asked for, a schedule (as cron) and its time zone, an HTTP method, a target format.
 * Only what the message says: nothing is guessed here.
 */
public final class SlotExtractor {

    private static final com.fasterxml.jackson.databind.ObjectMapper JSON = new com.fasterxml.jackson.databind.ObjectMapper();
    private static final Pattern EMAIL = Pattern.compile("[\\w.+-]+@[\\w-]+(?:\\.[\\w-]+)*\\.[a-z]{2,}",
            Pattern.CASE_INSENSITIVE);
    private static final Pattern URL = Pattern.compile("https?://[^\\s<>\"')]+", Pattern.CASE_INSENSITIVE);
    private static final Pattern FILE = Pattern.compile("\\b[\\w.-]+\\.(csv|xlsx|xls|docx|pdf|json|tsv)\\b",
            Pattern.CASE_INSENSITIVE);
    private static final Pattern METHOD = Pattern.compile("\\b(GET|POST|PUT|PATCH|DELETE)\\b",
            Pattern.CASE_INSENSITIVE);
    /** "to json", "into a csv", "as xlsx", and the French, German and Spanish "en", "nach", "a". */
    private static final Pattern TARGET = Pattern.compile(
            "(?:\\b(?:to|into|as|en|nach|a|in|als|ein|eine|un|une|en formato|au format|im format) (?:an? )?"
                    + "|(?:->|→) ?)"
                    + "(csv|json|xlsx|excel|parquet|xml)\\b|\\b(csv|json|xlsx|excel) version\\b");
    /** A message in quotes. */
    private static final Pattern QUOTED = Pattern.compile("[\"\u201c\u00ab\u201e]([^\"\u201d\u00bb\u201c]{1,2000})"
            + "[\"\u201d\u00bb\u201c]|(?<![\\w'])'([^']{1,2000})'(?![\\w'])");
    /** What follows "remind me to", "saying", "that says", "email someone@example.com that", ... */
    private static final Pattern SAYING = Pattern.compile("(?i)\\b(?:remind (?:me|us) (?:to|that|about|of)"
            + "|reminder (?:to (?:my|our|the) [\\w-]+ )?(?:to|that|about|of)|reminder:|saying|that says|to say"
            + "|with the (?:message|text)|(?:rappel|erinnerung|recordatorio)(?: [\\p{L}-]+)? (?:pour|zum|zur|para)"
            + "|(?:tell|notify|message|text|inform|warn|ping) (?:me|us|them|him|her|(?:my|our|the) [\\w-]+"
            + "|[\\w.+-]+@[\\w.-]+\\.[a-z]{2,})(?: that| to| about)?"
            + "|let (?:me|us|them|him|her|(?:my|our|the) [\\w-]+|[\\w.+-]+@[\\w.-]+\\.[a-z]{2,}) know(?: that| about)?"
            + "|[\\w.+-]+@[\\w.-]+\\.[a-z]{2,}(?: that| about|\\s*:))"
            // "let me know when the job is done" asks to be told of something, not to send these words
            + "\\s+(?!(?:when|if|once|as soon as)\\b)(.{1,2000})");
    /** When a reminder is due, said after what it says: not part of the message. */
    private static final Pattern WHEN = Pattern.compile("(?i)\\s+(?:every|each|daily|weekly|monthly|hourly|on the"
            + "|on (?:mon|tues|wednes|thurs|fri|satur|sun)days?|at \\d{1,2}(?::\\d\\d)?\\s*(?:am|pm|h)?\\b"
            + "|by e-?mail|per e-?mail)\\b.*$");
    /** "Remind me …" in English, French, German and Spanish: what follows is the reminder, with its when inside. */
    private static final Pattern REMIND = Pattern.compile("(?iu)\\b(?:remind (?:me|us)|rappelle[- ]moi|rappelez[- ]moi"
            + "|erinnere mich|erinnern sie mich|recuérdame|recuerdame)\\b[,:]?(.{1,2000})");
    /** Where in a reminder it says when (in the four languages) or how: not part of what it says. */
    private static final Pattern WHEN_ANYWHERE = Pattern.compile("(?iu)\\b(?:(?:every|each) (?:\\d+ )?(?:day|week|month"
            + "|morning|evening|night|hour|minute|weekday|working day|(?:mon|tues|wednes|thurs|fri|satur|sun)day)s?"
            + "|(?:daily|weekly|monthly|hourly|nightly)(?=\\s*$|\\s*[,.!;]|\\s+(?:at|on|in|from|basis)\\b)"
            + "|(?:at|@) ?\\d{1,2}(?:[:.]\\d\\d)?\\s*(?:am|pm|a\\.m\\.|p\\.m\\.|h|o'clock)?"
            + "|\\d{1,2}(?::\\d\\d)?\\s*(?:am|pm)|\\d{1,2}:\\d\\d"
            + "|on (?:the )?\\d{1,2}(?:st|nd|rd|th)?(?: of (?:each|every|the) month)?"
            + "|on (?:mon|tues|wednes|thurs|fri|satur|sun)days?"
            + "|(?:london|paris|berlin|madrid|new york|tokyo|eastern|pacific|central) time|utc|gmt|cet"
            + "|in [A-Za-z]+/[A-Za-z_]+|by e-?mail|per e-?mail|par e-?mail|por (?:e-?mail|correo)"
            + "|(?:tous les|toutes les|chaque|jeden|jede|alle|cada|todos los|todas las) \\p{L}+"
            + "|à \\d{1,2} ?h ?(?:\\d\\d)?|\\d{1,2} ?h(?:\\d\\d)?|le \\d{1,2}(?:er)? de chaque mois"
            + "|um \\d{1,2}(?:[:.]\\d\\d)?(?: uhr)?|am \\d{1,2}\\.? (?:jedes|jeden|des) monats"
            + "|(?:mon|diens|mittwoch|donners|frei|sams|sonn)tags|täglich|werktags"
            + "|a las? \\d{1,2}(?:[:.]\\d\\d)?|el día \\d{1,2} de cada mes|de la (?:mañana|tarde|noche)"
            + "|du (?:matin|soir)|en semaine|le week-end|am wochenende|entre semana|los fines de semana)\\b");
    /** Words that join "remind me" to what to remember: "to", "that", "de", "dass", "que", … */
    private static final Pattern JOINER = Pattern.compile("(?iu)^(?:[\\s,:]|to\\b|that\\b|about\\b|of\\b|de\\b"
            + "|d'|qu'|du\\b|que\\b|dass\\b|daran,?|zu\\b|an\\b|para\\b)+");
    /** "to my boss", "à mon chef", "meinem Team", "a mi jefe": someone whose address the user must give. */
    private static final Pattern RECIPIENT = Pattern.compile("(?iu)\\b(?:(?:to|tell|email|e-mail|message|text"
            + "|notify|inform|remind) (?:my|our|the)|(?:à|préviens|prévenez|avertis|informe) (?:mon|ma|mes|notre|l')"
            + "|(?:meinem|meiner|meinen|meine|unserem|unseren|dem|den)"
            + "|a (?:mi|mis|nuestro|nuestra)) ?(boss|manager|team|wife|husband|partner|colleagues?|co-?workers?|mum"
            + "|mom|dad|mother|father|sister|brother|friends?|clients?|customers?|accountant|landlord|assistant"
            + "|family|sales team|ops team|support team|patron|chef|équipe|femme|mari|collègues?|chefin|team"
            + "|frau|mann|kollegen|kollegin|kollege|buchhalter(?:in)?|jefe|jefa|equipo|esposa|esposo|compañeros"
            + "|comptable|contable|gerente)\\b");
    /** "…, dass X", "dis à X que Y", "dile a X que Y": what to tell, after a verb of telling. */
    private static final Pattern THAT_CLAUSE = Pattern.compile("(?iu)\\b(?:mit|bescheid|sag\\w*|teil\\w*|schreib\\w*"
            + "|inform\\w*|dis|dire|dites|préviens|prévenez|écris|envoie|avertis|dile|dígale|avisa\\w*|escribe|manda"
            + "|envía|comunica\\w*)\\b(?:[^.?!]|\\.(?=\\w)){0,60}?(?:,? dass|\\bque|\\bqu')\\s*(.{1,2000})");
    /** "mail an mich: X", "rappel : X", "mensaje: X": a message after a colon. */
    private static final Pattern AFTER_COLON = Pattern.compile("(?iu)^[^:]{0,40}\\b(?:mail|e-mail|message|nachricht"
            + "|erinner\\w*|rappel\\w*|recuerd\\w*|recordatorio|mensaje|note|notiz|courriel|correo|remind\\w*)"
            + "[^:]{0,20}:\\s*(.{1,2000})");
    /** A thanks or please after what to say, and the end's punctuation: not part of it. */
    private static final Pattern POLITE_END = Pattern.compile("(?iu)(?:[\\s.!?,]+(?:merci|thanks|thank you|thx|danke"
            + "|gracias|please|pls|bitte|por favor|s'il te plaît|s'il vous plaît|stp|svp))?[\\s.!?]*$");
    /** A JSON object in the message: the body of an API call. */
    private static final Pattern JSON_OBJECT = Pattern.compile("\\{.*}", Pattern.DOTALL);
    /** "with header X-Api-Key: abc" */
    private static final Pattern HEADER = Pattern.compile("(?i)\\bheader\\s+([A-Za-z][A-Za-z0-9-]*)\\s*[:=]\\s*(\\S+)");
    private static final Pattern ZONE = Pattern.compile("\\b([A-Z][a-z]+/[A-Z][A-Za-z_]+)\\b");
    /** Zones as people say them, in English, French, German and Spanish. */
    private static final Map<String, String> ZONE_WORDS = Map.ofEntries(Map.entry("utc", "UTC"),
            Map.entry("gmt", "UTC"), Map.entry("cet", "Europe/Paris"), Map.entry("paris time", "Europe/Paris"),
            Map.entry("london time", "Europe/London"), Map.entry("berlin time", "Europe/Berlin"),
            Map.entry("new york time", "America/New_York"), Map.entry("eastern time", "America/New_York"),
            Map.entry("pacific time", "America/Los_Angeles"), Map.entry("tokyo time", "Asia/Tokyo"),
            Map.entry("berliner zeit", "Europe/Berlin"), Map.entry("deutscher zeit", "Europe/Berlin"),
            Map.entry("wiener zeit", "Europe/Vienna"), Map.entry("heure de paris", "Europe/Paris"),
            Map.entry("heure française", "Europe/Paris"), Map.entry("heure de montréal", "America/Toronto"),
            Map.entry("hora de madrid", "Europe/Madrid"), Map.entry("hora de españa", "Europe/Madrid"),
            Map.entry("hora de méxico", "America/Mexico_City"),
            Map.entry("hora de buenos aires", "America/Argentina/Buenos_Aires"));

    /** The parameters found, by name; a name is absent when the message does not say it. */
    public Map<String, Object> extract(String message) {
        String text = message.toLowerCase(Locale.ROOT);
        Map<String, Object> slots = new LinkedHashMap<>();
        List<String> urls = all(URL, message);
        String withoutUrls = message;
        for (String url : urls) {
            withoutUrls = withoutUrls.replace(url, " ");
        }
        List<String> emails = all(EMAIL, withoutUrls);
        if (!emails.isEmpty()) {
            slots.put("email", emails.get(0));
        }
        if (!urls.isEmpty()) {
            slots.put("url", urls.get(0));
        }
        List<String> files = all(FILE, withoutUrls.replaceAll(EMAIL.pattern(), " "));
        if (!files.isEmpty()) {
            slots.put("file", files.get(0));
        }
        String format = format(text);
        if (format != null) {
            slots.put("format", format);
        }
        String delivery = delivery(text, !emails.isEmpty());
        if (delivery != null) {
            slots.put("delivery", delivery);
        }
        List<String> analyses = analyses(text);
        if (!analyses.isEmpty()) {
            slots.put("analyses", analyses);
        }
        String cron = ScheduleParser.cron(text);
        if (cron != null) {
            slots.put("cron", cron);
        }
        String zone = zone(message, text);
        if (zone != null) {
            slots.put("time_zone", zone);
        }
        Matcher method = METHOD.matcher(message);
        if (method.find() && (urls.size() > 0 || text.contains("request") || text.contains("api"))) {
            slots.put("method", method.group(1).toUpperCase(Locale.ROOT));
        }
        String target = targetFormat(text);
        if (target != null) {
            slots.put("target_format", target);
        }
        String said = message(message);
        if (said != null) {
            slots.put("message", said);
        }
        Matcher recipient = RECIPIENT.matcher(message);
        if (recipient.find() && emails.isEmpty()) {
            slots.put("recipient", recipient.group(1).toLowerCase(Locale.ROOT));
            slots.putIfAbsent("delivery", "email");
        }
        body(withoutUrls).ifPresent(body -> slots.put("body", body));
        Matcher header = HEADER.matcher(message);
        if (header.find()) {
            slots.put("headers", Map.of(header.group(1), header.group(2)));
        }
        return slots;
    }

    /** The text of a message to send: in quotes, or after "remind me to", "saying", ... without when it is due. */
    static String message(String message) {
        Matcher quoted = QUOTED.matcher(JSON_OBJECT.matcher(message).replaceAll(" ")); // not a JSON body's text
        if (quoted.find()) {
            return (quoted.group(1) != null ? quoted.group(1) : quoted.group(2)).trim();
        }
        Matcher remind = REMIND.matcher(message);
        if (remind.find()) {
            String said = WHEN_ANYWHERE.matcher(remind.group(1)).replaceAll(" ").replaceAll("\\s+", " ").trim();
            said = JOINER.matcher(said).replaceFirst("").replaceAll("[\\s.!,]+$", "").trim();
            if (!said.isEmpty()) {
                return said;
            }
        }
        Matcher saying = SAYING.matcher(message);
        if (!saying.find()) {
            for (Pattern other : List.of(AFTER_COLON, THAT_CLAUSE)) {
                Matcher said = other.matcher(message);
                if (said.find()) {
                    String text = POLITE_END.matcher(said.group(1)).replaceFirst("").trim();
                    return text.isEmpty() ? null : text;
                }
            }
            return null;
        }
        String said = WHEN.matcher(" " + saying.group(1)).replaceFirst("").replaceAll("[\\s.!?]+$", "").trim();
        return said.isEmpty() ? null : said;
    }

    private static String format(String t) {
        if (t.matches(".*\\b(powerpoint|pptx?|slides?|slide deck|deck|presentation)\\b.*")) {
            return "ppt";
        }
        if (t.matches(".*\\b(excel|xlsx) (report|file|workbook|sheet|format)\\b.*") || t.matches(".*\\bas (an? )?(excel|xlsx|spreadsheet)\\b.*")
                || t.matches(".*\\bin excel\\b.*")
                || t.matches(".*\\b(spreadsheet|excel) report\\b.*")) {
            return "excel";
        }
        if (t.matches(".*\\bpdf\\b.*") && !t.matches(".*\\b[\\w-]+\\.pdf\\b.*")) {
            return "pdf";
        }
        return null;
    }

    private static String delivery(String t, boolean hasEmail) {
        if (t.contains("webhook")) {
            return "webhook";
        }
        if (hasEmail || t.matches("(?s).*\\b(e-?mail|mail|mail it|mail me|inbox|by mail|per mail|par mail|por correo"
                + "|correo|courriel)\\b.*")) {
            return "email";
        }
        if (t.matches("(?s).*\\b(download\\w*|télécharg\\w*|descarg\\w*|herunterlad\\w*|lade ich)\\b.*")) {
            return "download";
        }
        return null;
    }

    private static List<String> analyses(String t) {
        List<String> found = new ArrayList<>();
        if (t.matches("(?s).*\\b(statisti\\w*|stats|describe|summary|summari[sz]e|distribution|correlations?"
                + "|estad[íi]stic\\w*|resumen|résumé|zusammenfassung)\\b.*")) {
            found.add("statistical");
        }
        if (t.matches("(?s).*\\b(trend\\w*|over time|growth|seasonal|seasonality|forecast|tendances?|tendencias?"
                + "|entwicklung|évolution|evolución)\\b.*")) {
            found.add("trends");
        }
        if (t.matches("(?s).*\\b(anomal(y|ies)|outliers?|unusual|odd values|spikes?|anomalies|anomalien|weird|strange|komisch|auffälligkeiten|auffällig|bizarre|étrange|raro|extraño"
                + "|anomalías|anomalias|ausreißer|valeurs aberrantes)\\b.*")) {
            found.add("anomalies");
        }
        if (t.matches("(?s).*\\b(insights?|findings|what stands out|erkenntnisse|einblicke|enseignements|points clés"
                + "|conclusiones|hallazgos|ideas clave)\\b.*")) {
            found.add("insights");
        }
        return found;
    }

    /** The first JSON object the text holds, or empty. */
    static Optional<Object> body(String text) {
        Matcher object = JSON_OBJECT.matcher(text);
        if (!object.find()) {
            return Optional.empty();
        }
        try {
            return Optional.of(JSON.readValue(object.group(), Object.class));
        } catch (java.io.IOException notJson) {
            return Optional.empty();
        }
    }

    /** Whether the text is an IANA time zone name, e.g. Europe/Paris. */
    public static boolean isZone(String value) {
        return TimeZones.iana(value).isPresent();
    }

    private static String zone(String message, String t) {
        Matcher named = ZONE.matcher(message);
        while (named.find()) {
            // a slash between two words that is no zone: keep looking
            Optional<ZoneId> zone = TimeZones.iana(named.group(1));
            if (zone.isPresent()) {
                return zone.get().getId();
            }
        }
        for (Map.Entry<String, String> word : ZONE_WORDS.entrySet()) {
            if (t.matches(".*\\b" + Pattern.quote(word.getKey()) + "\\b.*")) {
                return word.getValue();
            }
        }
        return null;
    }

    private static String targetFormat(String t) {
        Matcher m = TARGET.matcher(t);
        if (m.find()) {
            String format = m.group(1) != null ? m.group(1) : m.group(2);
            return format.equals("excel") ? "xlsx" : format;
        }
        return null;
    }

    /** The http(s) URLs a message names, in order. */
    static List<String> urls(String message) {
        return all(URL, message);
    }

    private static List<String> all(Pattern pattern, String text) {
        List<String> found = new ArrayList<>();
        Matcher m = pattern.matcher(text);
        while (m.find()) {
            found.add(m.group().replaceAll("[.,;:!?]+$", ""));
        }
        return found;
    }
}
