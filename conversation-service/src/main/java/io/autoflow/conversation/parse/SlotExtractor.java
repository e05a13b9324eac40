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

    private static final Pattern EMAIL = Pattern.compile("[\\w.+-]+@[\\w-]+(?:\\.[\\w-]+)*\\.[a-z]{2,}",
            Pattern.CASE_INSENSITIVE);
    private static final Pattern URL = Pattern.compile("https?://[^\\s<>\"')]+", Pattern.CASE_INSENSITIVE);
    private static final Pattern FILE = Pattern.compile("\\b[\\w.-]+\\.(csv|xlsx|xls|docx|pdf|json|tsv)\\b",
            Pattern.CASE_INSENSITIVE);
    private static final Pattern METHOD = Pattern.compile("\\b(GET|POST|PUT|PATCH|DELETE)\\b",
            Pattern.CASE_INSENSITIVE);
    /** "to json", "into a csv", "as xlsx", and the French, German and Spanish "en", "nach", "a". */
    private static final Pattern TARGET = Pattern.compile(
            "\\b(?:to|into|as|en|nach|a|in) (?:an? )?(csv|json|xlsx|excel|parquet|xml)\\b");
    /** A message in quotes. */
    private static final Pattern QUOTED = Pattern.compile("[\"\u201c\u00ab]([^\"\u201d\u00bb]{1,2000})[\"\u201d\u00bb]");
    /** What follows "remind me to", "saying", "that says", "email someone@example.com that", ... */
    private static final Pattern SAYING = Pattern.compile("(?i)\\b(?:remind (?:me|us) (?:to|that|about|of)"
            + "|reminder (?:to|that|about|of)|reminder:|saying|that says|with the (?:message|text)"
            + "|tell (?:me|us|them) (?:that|to)|[\\w.+-]+@[\\w.-]+\\.[a-z]{2,} (?:that|about))\\s+(.{1,2000})");
    /** When a reminder is due, said after what it says: not part of the message. */
    private static final Pattern WHEN = Pattern.compile("(?i)\\s+(?:every|each|daily|weekly|monthly|hourly|on the"
            + "|on (?:mon|tues|wednes|thurs|fri|satur|sun)days?|at \\d{1,2}(?::\\d\\d)?\\s*(?:am|pm|h)?\\b"
            + "|tomorrow|tonight|by e-?mail|per e-?mail)\\b.*$");
    private static final Pattern ZONE = Pattern.compile("\\b([A-Z][a-z]+/[A-Z][A-Za-z_]+)\\b");
    private static final Map<String, String> ZONE_WORDS = Map.of("utc", "UTC", "gmt", "UTC",
            "paris time", "Europe/Paris", "london time", "Europe/London", "berlin time", "Europe/Berlin",
            "new york time", "America/New_York", "eastern time", "America/New_York", "pacific time",
            "America/Los_Angeles", "tokyo time", "Asia/Tokyo", "cet", "Europe/Paris");

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
        return slots;
    }

    /** The text of a message to send: in quotes, or after "remind me to", "saying", ... without when it is due. */
    static String message(String message) {
        Matcher quoted = QUOTED.matcher(message);
        if (quoted.find()) {
            return quoted.group(1).trim();
        }
        Matcher saying = SAYING.matcher(message);
        if (!saying.find()) {
            return null;
        }
        String said = WHEN.matcher(saying.group(1)).replaceFirst("").replaceAll("[\\s.!]+$", "").trim();
        return said.isEmpty() ? null : said;
    }

    private static String format(String t) {
        if (t.matches(".*\\b(powerpoint|pptx?|slides?|slide deck|deck|presentation)\\b.*")) {
            return "ppt";
        }
        if (t.matches(".*\\b(excel|xlsx) (report|file|workbook|sheet)\\b.*") || t.matches(".*\\bas (an? )?(excel|xlsx|spreadsheet)\\b.*")
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
        if (hasEmail || t.matches(".*\\b(e-?mail|mail it|inbox|by mail|per mail)\\b.*")) {
            return "email";
        }
        if (t.matches(".*\\b(download|let me download)\\b.*")) {
            return "download";
        }
        return null;
    }

    private static List<String> analyses(String t) {
        List<String> found = new ArrayList<>();
        if (t.matches(".*\\b(statistic|statistics|stats|describe|summary|summari[sz]e|distribution|correlation"
                + "|correlations)\\b.*")) {
            found.add("statistical");
        }
        if (t.matches(".*\\b(trends?|over time|growth|seasonal|seasonality|forecast)\\b.*")) {
            found.add("trends");
        }
        if (t.matches(".*\\b(anomal(y|ies)|outliers?|unusual|odd values|spikes?)\\b.*")) {
            found.add("anomalies");
        }
        if (t.matches(".*\\b(insights?|findings|what stands out)\\b.*")) {
            found.add("insights");
        }
        return found;
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
            return m.group(1).equals("excel") ? "xlsx" : m.group(1);
        }
        return null;
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
