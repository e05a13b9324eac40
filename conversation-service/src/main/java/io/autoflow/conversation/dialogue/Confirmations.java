package io.autoflow.conversation.dialogue;

import io.autoflow.events.CronExpression;
import io.autoflow.events.Intents;
import io.autoflow.service.text.Phrases;
import java.util.ArrayList;
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
        if (isWorkflow(session)) {
            return plan(session.parameters(), phrases);
        }
        return phrases.say(isSchedule(session) ? "ask.schedule" : "ask.now", said(session, phrases));
    }

    /** What the reply says once it is started (a workflow: once confirmed, the gateway saves it and says so). */
    static String started(Session session, Phrases phrases) {
        if (isWorkflow(session)) {
            return phrases.say("started.workflow");
        }
        return phrases.say(isSchedule(session) ? "started.schedule" : "started.now",
                lowerFirst(said(session, phrases)));
    }

    /**
     * A workflow draft's plan, one numbered line per step, and when it runs: "Here is the plan, every Monday at 08:00
     * (Europe/Paris): 1. Fetch https://… 2. Keep the rows where region = EU, then total revenue by product; make an
     * Excel file. 3. Email it to you. Shall I save it?"
     */
    private static String plan(Map<String, Object> p, Phrases phrases) {
        List<String> lines = new ArrayList<>();
        lines.add(phrases.say("plan.fetch", p.get("url"), p.containsKey("credential")
                ? phrases.say("plan.credential", p.get("credential")) : ""));
        List<String> operations = new ArrayList<>();
        if (p.containsKey("filter_value")) {
            operations.add(phrases.say("plan.filter", p.get("filter_column"), p.getOrDefault("filter_operator", "="),
                    p.get("filter_value")));
        }
        if (p.containsKey("aggregate")) {
            operations.add(phrases.say("plan.aggregate." + p.get("aggregate"), p.get("aggregate_column"),
                    p.get("group_by")));
        }
        lines.add(upperFirst(String.join(phrases.say("plan.then"), operations))
                + phrases.say("plan.make", phrases.say("format." + p.get("target_format"))));
        Object delivery = p.get("delivery");
        lines.add("email".equals(delivery) ? toMe(p) ? phrases.say("plan.email.you")
                : phrases.say("plan.email.to", p.get("email"))
                : "webhook".equals(delivery) ? phrases.say("plan.webhook", p.get("webhook_url"))
                : phrases.say("plan.download"));
        StringBuilder steps = new StringBuilder();
        for (int i = 0; i < lines.size(); i++) {
            steps.append('\n').append(i + 1).append(". ").append(lines.get(i));
        }
        if (!p.containsKey("cron")) {
            return phrases.say("ask.workflow.once", steps);
        }
        return phrases.say("ask.workflow.schedule", when(p, phrases), p.getOrDefault("time_zone", "UTC"),
                steps);
    }

    /** "Every Monday at 09:00 (UTC) I'll call GET https://…." or "I'll email bob@example.org: “…”." */
    static String said(Session session, Phrases phrases) {
        Map<String, Object> p = session.parameters();
        if (!isSchedule(session)) {
            return phrases.say("will", what(session.intent(), p, phrases));
        }
        return phrases.say("will.on_schedule", upperFirst(when(p, phrases)), p.getOrDefault("time_zone", "UTC"),
                what(String.valueOf(p.get("task_intent")), p, phrases));
    }

    /** When a schedule runs, in words: "every Monday at 09:00". */
    private static String when(Map<String, Object> p, Phrases phrases) {
        try {
            return CronExpression.parse(String.valueOf(p.get("cron"))).describe(phrases.language());
        } catch (IllegalArgumentException unreadable) {
            return phrases.say("on_schedule", p.get("cron"));
        }
    }

    private static boolean isSchedule(Session session) {
        return "schedule_task".equals(session.intent());
    }

    private static boolean isWorkflow(Session session) {
        return Intents.WORKFLOW.equals(session.intent());
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
