package io.autoflow.conversation.parse;

import io.autoflow.events.IntentParameters;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * The parser that needs no network and no key: the embedding classifier for the intent, the slot extractor for the
 * parameters, then each intent's required parameters, so that what is missing becomes one clear question.
 */
public final class OfflineParser {

    private static final Map<String, String> QUESTIONS = Map.of(
            "file", "Which document should I analyse? Upload it or give me its URL.",
            "email", "Which email address should I send it to?",
            "webhook_url", "Which URL should I call with the result?",
            "cron", "When should it run? For example \"every Monday at 9am\".",
            "url", "Which URL should I call?",
            "target_format", "Which format should I convert it to (csv, json or xlsx)?",
            "message", "What should the message say?");

    /** The intents that can be scheduled. */
    private static final Set<String> TASKS = Set.of("document_analytics", "api_automation",
            "data_transform", "notification");
    /** The intents whose request reads a document. */
    private static final Set<String> DOCUMENT_INTENTS = Set.of("document_analytics", "data_transform");

    private final IntentClassifier classifier;
    private final SlotExtractor slots = new SlotExtractor();

    /** The parameters a message states, for a follow-up answer to a question. */
    public Map<String, Object> slots(String message) {
        Map<String, Object> found = new LinkedHashMap<>(slots.extract(message));
        if (!found.containsKey("email") && meansMe(message)) {
            found.put("email", "me");
        }
        return found;
    }

    public OfflineParser(IntentClassifier classifier) {
        this.classifier = classifier;
    }

    public ParsedMessage parse(String message) {
        IntentClassifier.Classification classification = classifier.classify(message);
        Map<String, Object> parameters = new LinkedHashMap<>(slots.extract(message));
        String intent = classification.intent();
        if (parameters.containsKey("cron") && TASKS.contains(intent)) {
            // A task said with a time to repeat it is a schedule of that task.
            parameters.put("task_intent", intent);
            intent = "schedule_task";
        }
        if (intent.equals("schedule_task") && !parameters.containsKey("task_intent")) {
            taskOf(parameters).ifPresent(task -> parameters.put("task_intent", task));
        }
        boolean analysis = intent.equals("document_analytics")
                || "document_analytics".equals(parameters.get("task_intent"));
        if (analysis && !parameters.containsKey("file") && parameters.containsKey("url")
                && !"webhook".equals(parameters.get("delivery"))) {
            parameters.put("file", parameters.remove("url")); // the document, given by URL
        }
        if ("webhook".equals(parameters.get("delivery")) && DOCUMENT_INTENTS.contains(intent)
                && parameters.containsKey("url")) {
            parameters.put("webhook_url", parameters.remove("url")); // with a document to read, where to send it
        }
        if ("email".equals(parameters.get("delivery")) && !parameters.containsKey("email") && meansMe(message)) {
            parameters.put("email", "me"); // the account's own address, which the platform knows
        }
        List<String> missing = missing(intent, parameters);
        return new ParsedMessage(intent, classification.confidence(), parameters, missing,
                missing.isEmpty() ? null : question(missing.get(0)), "offline");
    }

    /** What a schedule repeats, by what it names: an API to call, a message to send, a document to analyse. */
    private static java.util.Optional<String> taskOf(Map<String, Object> parameters) {
        Object url = parameters.get("url");
        if (url != null) {
            boolean document = url.toString().toLowerCase(Locale.ROOT).matches(".*\\.(csv|xlsx|docx|pdf)([?#].*)?");
            return java.util.Optional.of(document ? "document_analytics" : "api_automation");
        }
        if (parameters.containsKey("message")) {
            return java.util.Optional.of("notification");
        }
        return parameters.containsKey("file") ? java.util.Optional.of("document_analytics") : java.util.Optional.empty();
    }

    /** The question that asks for a parameter. */
    public static String question(String parameter) {
        return QUESTIONS.getOrDefault(parameter, "Could you tell me the " + parameter.replace('_', ' ') + "?");
    }

    /** Whether the message names its sender as the recipient ("email me", "my inbox"). */
    static boolean meansMe(String message) {
        return message.toLowerCase(Locale.ROOT).matches(".*(\\b(me|mich|moi|mí)\\b|\\bmy (inbox|e-?mail|mail)\\b).*");
    }

    /** The required parameters of the intent that the message does not give. */
    public static List<String> missing(String intent, Map<String, Object> parameters) {
        List<String> required = new ArrayList<>(IntentParameters.required(intent));
        if ("email".equals(parameters.get("delivery"))) {
            required.add("email");
        }
        if ("webhook".equals(parameters.get("delivery"))) {
            required.add("webhook_url");
        }
        return required.stream().filter(name -> !parameters.containsKey(name)).distinct().toList();
    }
}
