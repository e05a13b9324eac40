package io.autoflow.conversation.llm;

import io.autoflow.conversation.parse.OfflineParser;
import io.autoflow.conversation.parse.SlotExtractor;
import io.autoflow.conversation.parse.ParsedMessage;
import io.autoflow.events.CronExpression;
import io.autoflow.events.SendMessage;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Checks what the language model answered, field by field, and keeps only what is valid: a known intent, an email
 * that is an email, http(s) URLs, a cron expression that parses, a real time zone, known formats and methods. What
 * it drops becomes a missing parameter to ask for, never a guess.
 */
final class RoutedRequests {

    private static final Set<String> INTENTS = Set.of("document_analytics", "schedule_task", "api_automation",
            "data_transform", "notification", "help", "smalltalk", "unknown");
    private static final Pattern EMAIL = Pattern.compile("[\\w.+-]+@[\\w-]+(\\.[\\w-]+)*\\.[a-z]{2,}",
            Pattern.CASE_INSENSITIVE);

    private RoutedRequests() {
    }

    static ParsedMessage accept(RoutedRequest answer) {
        if (answer == null) {
            throw new IllegalArgumentException("The model gave no answer");
        }
        String intent = answer.intent() == null ? "unknown" : answer.intent().trim().toLowerCase(Locale.ROOT);
        if (!INTENTS.contains(intent)) {
            intent = "unknown";
        }
        Map<String, Object> parameters = new LinkedHashMap<>();
        putIf(parameters, "file", answer.file(), v -> isUrl(v) || v.matches("[\\w.-]+\\.(csv|xlsx|xls|docx|pdf|json)"));
        if (answer.analyses() != null) {
            List<String> analyses = answer.analyses().stream().map(a -> a.toLowerCase(Locale.ROOT))
                    .filter(Set.of("statistical", "trends", "anomalies", "insights")::contains).distinct().toList();
            if (!analyses.isEmpty()) {
                parameters.put("analyses", analyses);
            }
        }
        putIf(parameters, "format", lower(answer.format()), Set.of("pdf", "ppt", "excel")::contains);
        putIf(parameters, "delivery", lower(answer.delivery()), Set.of("email", "webhook", "download")::contains);
        putIf(parameters, "email", answer.email(), v -> EMAIL.matcher(v).matches());
        putIf(parameters, "webhook_url", answer.webhookUrl(), RoutedRequests::isUrl);
        putIf(parameters, "cron", answer.cron(), RoutedRequests::isCron);
        putIf(parameters, "time_zone", answer.timeZone(), SlotExtractor::isZone);
        putIf(parameters, "url", answer.url(), RoutedRequests::isUrl);
        putIf(parameters, "method", answer.method() == null ? null : answer.method().toUpperCase(Locale.ROOT),
                Set.of("GET", "POST", "PUT", "PATCH", "DELETE")::contains);
        putIf(parameters, "target_format", lower(answer.targetFormat()), Set.of("csv", "json", "xlsx")::contains);
        putIf(parameters, "message", answer.message(), v -> v.length() <= SendMessage.MAX_CHARS);
        List<String> missing = OfflineParser.missing(intent, parameters);
        return new ParsedMessage(intent, 1.0, parameters, missing,
                missing.isEmpty() ? null : OfflineParser.question(missing.get(0)), "llm");
    }

    private static void putIf(Map<String, Object> parameters, String name, String value,
            java.util.function.Predicate<String> valid) {
        if (value != null && !value.isBlank() && valid.test(value.trim())) {
            parameters.put(name, value.trim());
        }
    }

    private static String lower(String value) {
        return value == null ? null : value.trim().toLowerCase(Locale.ROOT);
    }

    private static boolean isUrl(String value) {
        return value.matches("https?://[^\\s<>\"]+");
    }

    private static boolean isCron(String value) {
        try {
            CronExpression.parse(value);
            return true;
        } catch (IllegalArgumentException e) {
            return false;
        }
    }
}
