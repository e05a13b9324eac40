package io.autoflow.conversation.parse;

import io.autoflow.conversation.reply.Replies;
import io.autoflow.events.IntentParameters;
import io.autoflow.events.Intents;
import io.autoflow.service.text.Phrases;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The parser that needs no network and no key: the embedding classifier for the intent, the slot extractor for the
 * parameters, then each intent's required parameters, so that what is missing becomes one clear question.
 */
public final class OfflineParser {

    /** The intents that can be scheduled. */
    private static final Set<String> TASKS = Set.of("document_analytics", "api_automation",
            "data_transform", "notification");
    /** A reminder, in the four languages. */
    private static final Pattern REMINDER = Pattern.compile(
            "\\b(remind|reminder|rappel\\w*|erinner\\w*|recuérd\\w*|recuerd\\w*|recordatorio)");
    /** Asking for a document in another format, in the four languages. */
    private static final Pattern CONVERT = Pattern.compile(
            "\\b(convert\\w*|conversion|konvert\\w*|umwand\\w*|wandle|mach aus|exportier\\w*|export\\w*|convertis\\w*"
                    + "|convierte|conviérte\\w*|transform\\w*|turn|change the format|als|format)\\b");
    /** Asking for something to be scheduled, in the four languages. */
    private static final Pattern SCHEDULE_WORD = Pattern.compile(
            "\\b(schedule|recurring|repeat(edly)?|planifie|programme|planen|plane|programa|programar|récurrent\\w*"
                    + "|régulier|regelmäßig\\w*|recurrente|periódic\\w*)\\b");
    /** Asking for an analysis, in the four languages. */
    private static final Pattern ANALYSE = Pattern.compile("\\b(analy[sz]\\w*|anali[sz]\\w*|análisis|auswert\\w*"
            + "|statisti\\w*|stats|estad[íi]stic\\w*|anomal\\w*|trend\\w*|tendenc\\w*|insights?|erkenntnis\\w*"
            + "|auffällig\\w*|report|rapport|bericht|informe)\\b");
    /** A document named in words, in the four languages. */
    private static final Pattern DOCUMENT_WORD = Pattern.compile("\\b(attached|workbook|spreadsheet|document|file"
            + "|dataset|fichier|classeur|tableau|datei|tabelle|dokument|archivo|hoja de cálculo|documento)\\b");
    /** Asking in so many words for another format (not "as a PDF report"). */
    private static final Pattern CONVERT_VERB = Pattern.compile("\\b(convert\\w*|konvert\\w*|umwand\\w*|wandle"
            + "|convertis\\w*|convierte|conviért\\w*|transform\\w*)\\b");
    /** Below this similarity to its nearest examples, a message that names nothing is not understood. */
    private static final double UNSURE = 0.33;
    /** A message to send, named in the four languages. */
    private static final Pattern MESSAGE_WORD = Pattern.compile("\\b(message|msg|note|nachricht|mensaje|mail|e-mail"
            + "|email|correo|courriel)\\b");
    /** A format named alone, as an answer to which one. */
    private static final Pattern FORMAT_WORD = Pattern.compile("\\b(csv|json|xlsx|excel)\\b");
    /** The intents whose request reads a document. */
    private static final Set<String> DOCUMENT_INTENTS = Set.of("document_analytics", "data_transform");

    /** Asking for a document's analysis in so many words: a report of analytics-service, not a workflow. */
    private static final Pattern ANALYSIS_VERB = Pattern.compile("\\b(analy[sz]\\w*|anali[sz]\\w*|análisis"
            + "|auswert\\w*)\\b");

    private final IntentClassifier classifier;
    private final SlotExtractor slots = new SlotExtractor();
    private final ChainPhrases chains = new ChainPhrases();

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

    /**
     * What a message says when it answers the question asked for {@code slot}: a message's whole text, a time of
     * day, an address, a URL, a format. Empty when it does not read as that answer.
     */
    public Map<String, Object> answer(String slot, String message) {
        Map<String, Object> found = slots(message);
        Map<String, Object> answer = new LinkedHashMap<>();
        switch (slot) {
            case "message" -> {
                Object said = found.get("message");
                String text = said != null ? said.toString() : message.trim()
                        .replaceFirst("(?iu)^(it should say|just say|say|tell (him|her|them)( that)?|the message is"
                                + "|mets juste|mets|écris|dis-lui|pon|escribe|dile|schreib|sag ihm|sag ihr)\\s*[:,]?\\s+", "")
                        .replaceFirst("(?iu)^(de |d'|to )", "") // "(rappelle-moi) de prendre …", "(remind me) to …"
                        .replaceAll("^[\"\u201c\u00ab]|[\"\u201d\u00bb]$", "").trim();
                if (!text.isEmpty()) {
                    answer.put("message", text);
                }
                if (said != null && found.containsKey("email")) {
                    answer.put("email", found.get("email")); // "tell ops@example.com that …": to them
                }
            }
            case "cron" -> {
                Object cron = found.get("cron");
                int[] time = ScheduleParser.timeOfDay(message);
                if (cron != null) {
                    answer.put("cron", cron);
                } else if (time != null) {
                    answer.put("cron", time[1] + " " + time[0] + " * * *"); // "at 9": every day then
                }
            }
            case "task_intent" -> {
                ParsedMessage task = parse(message);
                String intent = TASKS.contains(task.intent()) ? task.intent()
                        : "schedule_task".equals(task.intent()) ? (String) task.parameters().get("task_intent") : null;
                if (intent == null && found.containsKey("url")) {
                    intent = taskOf(found).orElse(null);
                }
                if (intent != null) {
                    answer.putAll(task.parameters());
                    answer.remove("cron");
                    answer.put("task_intent", intent);
                    if ("document_analytics".equals(intent) && found.containsKey("url")) {
                        answer.put("file", found.get("url"));
                    }
                }
            }
            case "file" -> {
                Object file = found.containsKey("url") ? found.get("url") : found.get("file");
                if (file != null) {
                    answer.put("file", file);
                }
            }
            case "filter_column" -> {
                String column = ChainPhrases.column(message);
                if (column != null) {
                    answer.put("filter_column", column);
                }
            }
            case "delivery" -> {
                if (found.containsKey("url")) {
                    answer.put("delivery", "webhook"); // "to https://hooks.example.com/x"
                    answer.put("webhook_url", found.get("url"));
                } else if (found.containsKey("delivery")) {
                    answer.put("delivery", found.get("delivery"));
                }
            }
            case "url", "webhook_url" -> {
                if (found.containsKey("url")) {
                    answer.put(slot, found.get("url"));
                }
            }
            case "target_format" -> {
                Matcher named = FORMAT_WORD.matcher(message.toLowerCase(Locale.ROOT)); // "json please", "en csv"
                String format = named.find() ? named.group(1) : "";
                Object target = found.containsKey("target_format") ? found.get("target_format")
                        : Set.of("csv", "json", "xlsx").contains(format) ? format
                        : format.equals("excel") ? "xlsx" : null;
                if (target != null) {
                    answer.put("target_format", target);
                }
            }
            default -> {
                if (found.containsKey(slot)) {
                    answer.put(slot, found.get(slot));
                }
            }
        }
        if (!answer.isEmpty() && !slot.equals("message")) {
            // what else the answer says, e.g. a format; not the value just taken (a URL taken as the file)
            found.forEach((name, value) -> {
                if (!answer.containsValue(value)) {
                    answer.putIfAbsent(name, value);
                }
            });
        }
        return answer;
    }

    /**
     * A chained request (a URL to fetch, rows to keep or a total per group), read by rules whoever reads the rest:
     * the language model does not draft workflows. Empty for any other request.
     */
    public java.util.Optional<ParsedMessage> chained(String message) {
        return chained(message, slots.extract(message));
    }

    /** @param said the parameters the message states, extracted once for both readings */
    private java.util.Optional<ParsedMessage> chained(String message, Map<String, Object> said) {
        Map<String, Object> chain = chains.extract(message);
        if (!said.containsKey("url") || !ChainPhrases.operates(chain)
                || ANALYSIS_VERB.matcher(message.toLowerCase(Locale.ROOT)).find()) {
            return java.util.Optional.empty();
        }
        return java.util.Optional.of(workflow(message, said, chain));
    }

    public ParsedMessage parse(String message) {
        Map<String, Object> said = slots.extract(message);
        java.util.Optional<ParsedMessage> chain = chained(message, said);
        if (chain.isPresent()) {
            return chain.get();
        }
        IntentClassifier.Classification classification = classifier.classify(message);
        Map<String, Object> parameters = new LinkedHashMap<>(said);
        String heard = parameters.isEmpty() && classification.confidence() < UNSURE ? "unknown"
                : classification.intent(); // close to no example and naming nothing to act on: not guessed
        String intent = "out_of_scope".equals(heard) && parameters.isEmpty() ? heard
                : settled(heard, parameters, message);
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
                && (!"webhook".equals(parameters.get("delivery")) || isDocument(parameters.get("url")))) {
            parameters.put("file", parameters.remove("url")); // the document, given by URL
        }
        boolean conversion = intent.equals("data_transform") || "data_transform".equals(parameters.get("task_intent"));
        if (conversion && !parameters.containsKey("file") && parameters.containsKey("url")) {
            parameters.put("file", parameters.remove("url")); // the document to convert, given by URL
        }
        if (intent.equals("schedule_task") && !parameters.containsKey("task_intent")
                && REMINDER.matcher(message.toLowerCase(Locale.ROOT)).find()) {
            parameters.put("task_intent", "notification"); // "schedule a reminder every thursday"
        }
        if (intent.equals("schedule_task") && !parameters.containsKey("task_intent")
                && message.toLowerCase(Locale.ROOT).matches("(?s).*\\b(report|analy[sz]\\w*)\\b.*")) {
            parameters.put("task_intent", "document_analytics"); // "set up a weekly sales report"
        }
        if (analysis && "xlsx".equals(parameters.remove("target_format"))) {
            parameters.putIfAbsent("format", "excel"); // "the report as excel"
        }
        boolean apiCall = intent.equals("api_automation") || "api_automation".equals(parameters.get("task_intent"));
        if (apiCall && "webhook".equals(parameters.get("delivery")) && !parameters.containsKey("url")) {
            parameters.remove("delivery"); // "trigger a webhook, post {…}": the webhook is what to call
        }
        if (apiCall && !parameters.containsKey("method")) {
            parameters.put("method", parameters.containsKey("body") ? "POST" : "GET"); // as people mean it
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

    /**
     * A chained request: fetch the URL, keep rows and/or aggregate them, make a file, hand it over — once, or on the
     * schedule the message says. A second URL with "webhook" is where it goes.
     */
    private ParsedMessage workflow(String message, Map<String, Object> said, Map<String, Object> chain) {
        Map<String, Object> parameters = new LinkedHashMap<>(chain);
        parameters.put("url", said.get("url"));
        for (String name : List.of("cron", "time_zone", "delivery", "email", "recipient")) {
            if (said.containsKey(name)) {
                parameters.put(name, said.get(name));
            }
        }
        if (!parameters.containsKey("target_format")) {
            Object format = said.containsKey("target_format") ? said.get("target_format")
                    : "excel".equals(said.get("format")) ? "xlsx" : null;
            if (format != null) {
                parameters.put("target_format", format);
            }
        }
        List<String> urls = SlotExtractor.urls(message);
        if ("webhook".equals(parameters.get("delivery")) && urls.size() > 1) {
            parameters.put("webhook_url", urls.get(1));
        }
        if ("email".equals(parameters.get("delivery")) && !parameters.containsKey("email") && meansMe(message)) {
            parameters.put("email", "me");
        }
        List<String> missing = missing(Intents.WORKFLOW, parameters);
        return new ParsedMessage(Intents.WORKFLOW, 1.0, parameters, missing, missing.isEmpty() ? null
                : question(missing.get(0), parameters, Replies.in(Locale.ENGLISH)), "offline");
    }

    /**
     * The intent, once what the message plainly says is weighed with what the classifier heard: an HTTP verb or a
     * JSON body with a URL is an API call ("post {…} to https://…"); a message to send with an address or a
     * recipient is a message, whatever else it resembles.
     */
    private static String settled(String heard, Map<String, Object> parameters, String message) {
        String t = message.toLowerCase(Locale.ROOT);
        Object url = parameters.get("url");
        boolean document = isDocument(url);
        boolean apiVerb = t.matches("(?s)^\\s*(post|put|patch|delete|get|call|hit|ping)\\b.*")
                || t.matches("(?s).*\\b(send an? (post|put|patch|delete|get) request|call the api|api call|petición"
                        + "|peticion|requête|anfrage|aufruf|llamada|appelle|ruf)\\b.*");
        if (parameters.containsKey("body") && url == null && t.matches("(?s).*\\b(post|put|patch)\\b.*")) {
            parameters.putIfAbsent("method", t.replaceAll("(?s).*?\\b(post|put|patch)\\b.*", "$1")
                    .toUpperCase(Locale.ROOT));
            return "api_automation"; // the URL is asked next
        }
        if (url != null && !document && (apiVerb || parameters.containsKey("body"))
                && !"schedule_task".equals(heard)) {
            if (parameters.containsKey("body") && !parameters.containsKey("method")) {
                parameters.put("method", "POST");
            }
            if (t.matches("(?s)^\\s*(post|put|patch|delete)\\b.*") && !parameters.containsKey("method")) {
                parameters.put("method", t.trim().split("\\s+")[0].toUpperCase(Locale.ROOT));
            }
            if (SCHEDULE_WORD.matcher(t).find()) {
                parameters.put("task_intent", "api_automation"); // "plan einen regelmäßigen Aufruf von …"
                return "schedule_task";
            }
            return "api_automation";
        }
        if (!parameters.containsKey("cron") && REMINDER.matcher(t).find() && SCHEDULE_WORD.matcher(t).find()) {
            parameters.put("task_intent", "notification"); // "un rappel récurrent pour …": when is asked next
            return "schedule_task";
        }
        if (parameters.containsKey("cron") && parameters.containsKey("message") && !TASKS.contains(heard)) {
            return "notification"; // a reminder: made a schedule of one by parse
        }
        String words = t.replaceAll("https?://\\S+|[\\w.-]+\\.(csv|xlsx|xls|docx|pdf|tsv|json)\\b", " ");
        boolean aDocument = document || parameters.containsKey("file") || parameters.containsKey("analyses")
                || DOCUMENT_WORD.matcher(words).find();
        if (Set.of("data_transform", "api_automation", "document_analytics").contains(heard) && aDocument
                && ANALYSE.matcher(words).find() && !CONVERT_VERB.matcher(words).find()) {
            return "document_analytics"; // "analyse … and send the report in excel format", "… push it to our webhook"
        }
        if (parameters.containsKey("target_format") && (document || parameters.containsKey("file"))
                && CONVERT.matcher(t).find()) {
            return "data_transform"; // "konvertier … nach csv", "mach aus … ein json"
        }
        if (parameters.containsKey("message") && REMINDER.matcher(t).find() && url == null
                && !"schedule_task".equals(heard)) {
            return "notification"; // a reminder, now or (with a time) on a schedule
        }
        if ("schedule_task".equals(heard) && !parameters.containsKey("cron") && parameters.containsKey("message")
                && REMINDER.matcher(t).find()) {
            return "notification"; // "recuérdame que …", with no when: now
        }
        if (parameters.containsKey("cron") && REMINDER.matcher(t).find() && !TASKS.contains(heard)) {
            return "notification"; // "remind me at 9 every morning": what it says is asked next
        }
        if (TASKS.contains(heard) && SCHEDULE_WORD.matcher(t).find()) {
            parameters.put("task_intent", heard); // "schedule a call to https://…": when is asked next
            return "schedule_task";
        }
        boolean toSomeone = parameters.containsKey("email") || parameters.containsKey("recipient");
        if (!parameters.containsKey("cron") && url == null && !parameters.containsKey("file")
                && parameters.containsKey("message") && (toSomeone || meansMe(message))) {
            return "notification";
        }
        if (parameters.containsKey("recipient") && url == null && !parameters.containsKey("file")
                && (Set.of("unknown", "smalltalk", "help").contains(heard) || MESSAGE_WORD.matcher(t).find())) {
            return "notification"; // "send a msg to my boss"
        }
        return heard;
    }

    /** Whether a URL names a document (a CSV, Excel, Word or PDF file) rather than an API. */
    private static boolean isDocument(Object url) {
        return url != null
                && url.toString().toLowerCase(Locale.ROOT).matches(".*\\.(csv|xlsx|xls|docx|pdf|tsv)([?#].*)?");
    }

    /** What a schedule repeats, by what it names: an API to call, a message to send, a document to analyse. */
    private static java.util.Optional<String> taskOf(Map<String, Object> parameters) {
        Object url = parameters.get("url");
        if (url != null) {
            return java.util.Optional.of(isDocument(url) ? "document_analytics" : "api_automation");
        }
        if (parameters.containsKey("message")) {
            return java.util.Optional.of("notification");
        }
        return parameters.containsKey("file") ? java.util.Optional.of("document_analytics") : java.util.Optional.empty();
    }

    /** The time of day a message names, however short ("9", "to 10am", "um 8 Uhr"); null when none. */
    public int[] timeOfDay(String message) {
        return ScheduleParser.timeOfDay(message);
    }

    /** The cron expression at another time of day, its days kept. */
    public String withTime(String cron, int[] time) {
        return ScheduleParser.at(cron, time);
    }

    /**
     * The question that asks for a parameter, in the person's language, naming who when the request named a recipient
     * ("my boss").
     */
    public static String question(String parameter, Map<String, Object> parameters, Phrases phrases) {
        if (parameter.equals("email") && parameters.get("recipient") instanceof String who) {
            return phrases.say("question.email.of", who);
        }
        if (parameter.equals("filter_column") && parameters.containsKey("filter_value")) {
            return phrases.say("question.filter_column", parameters.get("filter_value"));
        }
        String key = "question." + parameter;
        return phrases.has(key) ? phrases.say(key) : phrases.say("question.other", parameter.replace('_', ' '));
    }

    /** The question that asks for a parameter, in English. */
    public static String question(String parameter) {
        return question(parameter, Map.of(), Replies.in(Locale.ENGLISH));
    }

    /** Whether the message names its sender as the recipient ("email me", "my inbox"). */
    static boolean meansMe(String message) {
        return message.toLowerCase(Locale.ROOT).matches("(?s).*(\\b(me|mich|mir|moi|mí|envoie-moi|envíame|mándame"
                + "|schick mir|recuérdame|recuerdame|rappelle-moi|erinnere mich)\\b"
                + "|\\bm'(envoyer|envoies?|écrire|prévenir)\\b|\\bmy (inbox|e-?mail|mail)\\b).*");
    }

    /** The required parameters of the intent that the message does not give. */
    public static List<String> missing(String intent, Map<String, Object> parameters) {
        List<String> required = new ArrayList<>(IntentParameters.required(intent));
        if (Intents.WORKFLOW.equals(intent) && parameters.containsKey("filter_value")) {
            required.add(0, "filter_column"); // "keep the EU rows": which column holds EU is asked first
        }
        if ("schedule_task".equals(intent)) {
            // what each run does, and what that needs
            // a model's answer may leave the task to its parameters to tell, as the gateway reads them
            Object task = parameters.containsKey("task_intent") ? parameters.get("task_intent")
                    : taskOf(parameters).orElse(null);
            if (task == null) {
                required.add("task_intent");
            }
            if ("notification".equals(task)) {
                required.add("message");
            } else if ("api_automation".equals(task)) {
                required.add("url");
            } else if ("document_analytics".equals(task) && !parameters.containsKey("url")) {
                required.add("file");
            } else if ("data_transform".equals(task)) {
                required.add("file");
                required.add("target_format");
            }
        }
        if (parameters.containsKey("recipient") && !parameters.containsKey("email")) {
            required.add("email"); // "my boss": asked, not guessed
        }
        if ("email".equals(parameters.get("delivery"))) {
            required.add("email");
        }
        if ("webhook".equals(parameters.get("delivery"))) {
            required.add("webhook_url");
        }
        return required.stream().filter(name -> !parameters.containsKey(name)).distinct().toList();
    }
}
