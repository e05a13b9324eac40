package io.autoflow.conversation.dialogue;

import io.autoflow.events.CronExpression;
import io.autoflow.service.text.Phrases;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * What a request will do, in plain words and in the person's language — the one place the assistant says it, asking
 * first or saying it started: "Every Friday at 16:00 (Europe/London) I'll email you: “Submit your timesheet”. Shall I
 * set it up?"
 */
final class Confirmations {

    private Confirmations() {
    }

    /** The question before doing it. */
    static String ask(Session session, Phrases phrases) {
        return phrases.say(isSchedule(session) ? "ask.schedule" : "ask.now", said(session, phrases));
    }

    /** What the reply says once it is started. */
    static String started(Session session, Phrases phrases) {
        return phrases.say(isSchedule(session) ? "started.schedule" : "started.now",
                lowerFirst(said(session, phrases)));
    }

    /** "Every Monday at 09:00 (UTC) I'll call GET https://…." or "I'll email bob@example.org: “…”." */
    static String said(Session session, Phrases phrases) {
        Map<String, Object> p = session.parameters();
        if (!isSchedule(session)) {
            return phrases.say("will", what(session.intent(), p, phrases));
        }
        String when;
        try {
            when = CronExpression.parse(String.valueOf(p.get("cron"))).describe(phrases.language());
        } catch (IllegalArgumentException unreadable) {
            when = phrases.say("on_schedule", p.get("cron"));
        }
        return phrases.say("will.on_schedule", upperFirst(when), p.getOrDefault("time_zone", "UTC"),
                what(String.valueOf(p.get("task_intent")), p, phrases));
    }

    private static boolean isSchedule(Session session) {
        return "schedule_task".equals(session.intent());
    }

    private static String what(String intent, Map<String, Object> p, Phrases phrases) {
        return switch (intent) {
            case "notification" -> notification(p, phrases);
            case "api_automation" -> phrases.say("call", p.getOrDefault("method", "GET"), p.get("url"),
                    p.containsKey("body") ? phrases.say("call.body") : "",
                    handover(p, phrases.say("the_answer"), phrases));
            case "document_analytics" -> phrases.say("analyse", document(p.getOrDefault("file", p.get("url")), phrases),
                    analyses(p, phrases), handover(p, phrases.say("the_report", reportFormat(p)), phrases));
            case "data_transform" -> phrases.say("convert", document(p.get("file"), phrases),
                    String.valueOf(p.get("target_format")).toUpperCase(Locale.ROOT),
                    handover(p, phrases.say("the_file"), phrases));
            default -> intent.replace('_', ' ');
        };
    }

    private static String notification(Map<String, Object> p, Phrases phrases) {
        String text = phrases.say("quoted", p.get("message"));
        if ("webhook".equals(p.get("delivery")) && p.containsKey("webhook_url")) {
            return phrases.say("webhook", text, p.get("webhook_url"));
        }
        return toMe(p) ? phrases.say("email.you", text) : phrases.say("email.to", p.get("email"), text);
    }

    /** How the result reaches the user: by email (to them or someone), to a webhook, or to download. */
    private static String handover(Map<String, Object> p, String what, Phrases phrases) {
        Object delivery = p.get("delivery");
        if ("email".equals(delivery) || p.containsKey("email")) {
            return toMe(p) ? phrases.say("handover.email.you", what)
                    : phrases.say("handover.email.to", what, p.get("email"));
        }
        if ("webhook".equals(delivery)) {
            return phrases.say("handover.webhook", what, p.get("webhook_url"));
        }
        return phrases.say("handover.download", what);
    }

    private static boolean toMe(Map<String, Object> p) {
        Object email = p.get("email");
        return email == null || "me".equals(email);
    }

    private static String document(Object file, Phrases phrases) {
        String name = String.valueOf(file);
        return name.startsWith("upload:") ? phrases.say("attached") : name;
    }

    private static String analyses(Map<String, Object> p, Phrases phrases) {
        if (!(p.get("analyses") instanceof List<?> asked) || asked.isEmpty()) {
            return "";
        }
        List<String> names = asked.stream().map(a -> phrases.has("analysis." + a) ? phrases.say("analysis." + a)
                : a.toString()).toList();
        String joined = names.size() == 1 ? names.get(0) : String.join(", ", names.subList(0, names.size() - 1))
                + " " + phrases.say("and") + " " + names.get(names.size() - 1);
        return phrases.say("analyses", joined);
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

    /** The sentence after "Done: "; English's "I" stays upper case. */
    private static String lowerFirst(String text) {
        return text.startsWith("I'll") || text.isEmpty() ? text
                : Character.toLowerCase(text.charAt(0)) + text.substring(1);
    }
}
