package io.autoflow.conversation.dialogue;

import io.autoflow.events.CronExpression;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * What a request will do, in plain words — the one place the assistant says it, asking first or saying it started:
 * "Every Friday at 16:00 (Europe/London) I'll email you: “Submit your timesheet”. Shall I set it up?"
 */
final class Confirmations {

    private Confirmations() {
    }

    /** The question before doing it. */
    static String ask(Session session) {
        boolean schedule = "schedule_task".equals(session.intent());
        return said(session) + (schedule ? " Shall I set it up?" : " Shall I go ahead?");
    }

    /** What the reply says once it is started. */
    static String started(Session session) {
        return ("schedule_task".equals(session.intent()) ? "Done: " : "On it: ") + lowerFirst(said(session));
    }

    /** "Every Monday at 09:00 (UTC) I'll call GET https://…." or "I'll email bob@example.org: “…”." */
    static String said(Session session) {
        Map<String, Object> p = session.parameters();
        if (!"schedule_task".equals(session.intent())) {
            return "I'll " + what(session.intent(), p) + ".";
        }
        String when;
        try {
            when = CronExpression.parse(String.valueOf(p.get("cron"))).describe(Locale.ENGLISH);
        } catch (IllegalArgumentException unreadable) {
            when = "on the schedule " + p.get("cron");
        }
        return upperFirst(when) + " (" + p.getOrDefault("time_zone", "UTC") + ") I'll "
                + what(String.valueOf(p.get("task_intent")), p) + ".";
    }

    private static String what(String intent, Map<String, Object> p) {
        return switch (intent) {
            case "notification" -> notification(p);
            case "api_automation" -> "call " + p.getOrDefault("method", "GET") + " " + p.get("url")
                    + (p.containsKey("body") ? " with the JSON you gave" : "") + handover(p, "the answer");
            case "document_analytics" -> "analyse " + document(p.getOrDefault("file", p.get("url")))
                    + analyses(p) + handover(p, "the " + reportFormat(p) + " report");
            case "data_transform" -> "convert " + document(p.get("file")) + " to "
                    + String.valueOf(p.get("target_format")).toUpperCase(Locale.ROOT) + handover(p, "the file");
            default -> intent.replace('_', ' ');
        };
    }

    private static String notification(Map<String, Object> p) {
        String text = "\u201c" + p.get("message") + "\u201d";
        if ("webhook".equals(p.get("delivery")) && p.containsKey("webhook_url")) {
            return "send " + text + " to " + p.get("webhook_url");
        }
        return "email " + recipient(p) + ": " + text;
    }

    /** How the result reaches the user: by email (to them or someone), to a webhook, or to download. */
    private static String handover(Map<String, Object> p, String what) {
        Object delivery = p.get("delivery");
        if ("email".equals(delivery) || p.containsKey("email")) {
            return " and email " + what + " to " + recipient(p);
        }
        if ("webhook".equals(delivery)) {
            return " and send " + what + " to " + p.get("webhook_url");
        }
        return "; you can download " + what + " from the job";
    }

    private static String recipient(Map<String, Object> p) {
        Object email = p.get("email");
        return email == null || "me".equals(email) ? "you" : email.toString();
    }

    private static String document(Object file) {
        String name = String.valueOf(file);
        return name.startsWith("upload:") ? "the document you attached" : name;
    }

    private static String analyses(Map<String, Object> p) {
        if (!(p.get("analyses") instanceof List<?> asked) || asked.isEmpty()) {
            return "";
        }
        List<String> names = asked.stream().map(a -> a.equals("statistical") ? "statistics" : a.toString()).toList();
        String joined = names.size() == 1 ? names.get(0)
                : String.join(", ", names.subList(0, names.size() - 1)) + " and " + names.get(names.size() - 1);
        return " (" + joined + ")";
    }

    private static String reportFormat(Map<String, Object> p) {
        return switch (String.valueOf(p.getOrDefault("format", "pdf"))) {
            case "ppt" -> "PowerPoint";
            case "excel" -> "Excel";
            default -> "PDF";
        };
    }

    private static String upperFirst(String text) {
        return text.isEmpty() ? text : Character.toUpperCase(text.charAt(0)) + text.substring(1);
    }

    private static String lowerFirst(String text) {
        return text.startsWith("I'll") || text.isEmpty() ? text
                : Character.toLowerCase(text.charAt(0)) + text.substring(1);
    }
}
