package io.autoflow.conversation.dialogue;

import io.autoflow.conversation.llm.RoutedParser;
import io.autoflow.conversation.parse.OfflineParser;
import io.autoflow.conversation.parse.ParsedMessage;
import io.autoflow.conversation.parse.SlotExtractor;
import io.autoflow.conversation.reply.Language;
import io.autoflow.conversation.reply.Replies;
import io.autoflow.events.IntentParameters;
import io.autoflow.events.Intents;
import io.autoflow.service.text.Phrases;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Instance;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * One turn of a conversation. A new request is parsed; if it lacks required parameters, the session keeps it and the
 * reply asks one question. The next message is read first as the answer to that question, then as what else it
 * fills, then as a correction ("change the time to 9"), and only then as a new request; "cancel" or "no" drops it. A
 * complete request that schedules something or sends to someone else is confirmed first, in the words of
 * {@link Confirmations}. Every reply is in the person's language ({@link Language}): the message's, or the
 * conversation's when the message does not tell. A complete request comes back {@code complete} for the gateway to
 * start. The user id comes from the authenticated caller, never from the text.
 */
@ApplicationScoped
public class Dialogue {

    /** Where a follow-up answer's parameter may come from, by the name of the parameter asked for. */
    private static final Map<String, List<String>> SOURCES = Map.of("file", List.of("file", "url"),
            "webhook_url", List.of("url"), "url", List.of("url"), "email", List.of("email"), "cron", List.of("cron"),
            "target_format", List.of("target_format"));

    /** The intents that do something. */
    private static final java.util.Set<String> ACTIONS = java.util.Set.of("document_analytics", "data_transform",
            "api_automation", "notification", "schedule_task");
    /** Saying yes, in the four languages. */
    private static final String YES = "yes|y|yep|yeah|yup|sure|ok|okay|confirm|confirmed|do it|go ahead|go|send it"
            + "|sounds good|perfect|correct|right|oui|d'accord|vas-y|allez-y|parfait|envoie|envoie-le|c'est bon|ja"
            + "|jawohl|genau|gerne|mach das|mach es|los|schick es|passt|sí|si|vale|claro|de acuerdo|adelante"
            + "|perfecto|mándalo|envíalo|hazlo|dale";
    /** The intents whose request takes a document. */
    private static final java.util.Set<String> FILE_INTENTS = java.util.Set.of("document_analytics", "data_transform");

    private final OfflineParser parser;
    private final Sessions sessions;
    private final UrlGuard urls;
    private final boolean llmEnabled;
    private final Instance<RoutedParser> llm;

    public Dialogue(OfflineParser parser, Sessions sessions, UrlGuard urls,
            @ConfigProperty(name = "autoflow.conversation.llm.enabled", defaultValue = "false") boolean llmEnabled,
            Instance<RoutedParser> llm) {
        this.parser = parser;
        this.sessions = sessions;
        this.urls = urls;
        this.llmEnabled = llmEnabled;
        this.llm = llm;
    }

    /**
     * The answer to one message.
     *
     * @param awaitingConfirmation the reply asks yes or no before doing it
     * @param understoodBy who read the message: {@code llm}, or {@code offline} (also when the model failed)
     * @param language the language of the reply, the person's (a language tag: en, fr, de or es)
     */
    public record Reply(String sessionId, String reply, String intent, Map<String, Object> parameters,
            List<String> missing, boolean complete, boolean awaitingConfirmation, String understoodBy,
            String language) {

        /** Only the parameters the intent's schema declares, in their types. */
        public Reply {
            parameters = IntentParameters.typed(intent, parameters);
        }

        static Reply saying(String sessionId, String reply, String intent, Locale language) {
            return new Reply(sessionId, reply, intent, Map.of(), List.of(), false, false, "offline",
                    language.toLanguageTag());
        }
    }

    /**
     * @param attachment the reference of a document attached to the message ({@code upload:<id>}); it is the request's
     *        file, whatever the text says
     * @param userZone the user's time zone, for a schedule that names none; null: UTC
     */
    public Reply handle(String userId, String sessionId, String message, String attachment, String userZone) {
        String id = sessionId == null || sessionId.isBlank() ? UUID.randomUUID().toString() : sessionId;
        Optional<Session> pending = sessions.find(userId, id);
        // replies in the language of the message, or of the conversation when the message does not tell ("yes")
        Locale language = Language.of(message, pending.map(Session::locale).orElse(Locale.ENGLISH));
        Phrases phrases = Replies.in(language);
        String tag = phrases.language().toLanguageTag();
        if (isCancel(message) || pending.isPresent() && isNo(message)) {
            sessions.end(userId, id);
            return Reply.saying(id, phrases.say(pending.isPresent() && pending.get().confirming() ? "declined"
                    : "cancelled"), null, phrases.language());
        }
        if (pending.isPresent() && pending.get().confirming() && isYes(message)) {
            sessions.end(userId, id);
            Session session = pending.get().confirmed();
            return new Reply(id, Confirmations.started(session, phrases), session.intent(), session.parameters(),
                    List.of(), true, false, "offline", tag);
        }
        // an open question owns the next message: its answer first, then a correction, then a new request
        Optional<Session> continued = pending.flatMap(p -> p.confirming() ? Optional.empty()
                : answered(p, message, attachment)).or(() -> pending.flatMap(p -> corrected(p, message)));
        String by = "offline";
        Session session;
        if (continued.isPresent()) {
            session = continued.get();
        } else {
            // a workflow draft is read by rules whoever reads the rest (the offline parse reads it first itself)
            ParsedMessage parsed = llmEnabled ? parser.chained(message).orElseGet(() -> llm.get().parse(message))
                    : parser.parse(message);
            by = parsed.understoodBy();
            session = new Session(parsed.intent(), parsed.parameters(), parsed.missing());
            if (attachment != null) {
                // A document sent with a message that asks for nothing that takes one is a document to analyse.
                Session asked = FILE_INTENTS.contains(session.intent()) ? session
                        : new Session("document_analytics", session.parameters(), List.of());
                session = asked.with("file", attachment);
            }
        }
        StringBuilder refusals = new StringBuilder();
        for (Optional<UrlGuard.Refusal> refused = urls.check(session.parameters()); refused.isPresent();
                refused = urls.check(session.parameters())) {
            if (refusals.indexOf(refused.get().url()) < 0) {
                refusals.append(phrases.say("url_refused", refused.get().url(), refused.get().why())).append(' ');
            }
            session = session.without(refused.get().parameter());
        }
        session = inZone(session, userZone).in(phrases.language());
        if (session.missing().isEmpty() && isWorkflow(session)) {
            // the draft itself, in the person's words (its name, its email), for the gateway to save once confirmed
            session = session.with("definition", WorkflowDrafts.draft(session.parameters(), phrases));
        }
        if (!session.missing().isEmpty()) {
            sessions.save(userId, id, session);
            return new Reply(id, refusals + OfflineParser.question(session.missing().get(0), session.parameters(),
                    phrases), session.intent(), session.parameters(), session.missing(), false, false, by, tag);
        }
        if (needsConfirmation(session)) {
            sessions.save(userId, id, session.toConfirm());
            return new Reply(id, Confirmations.ask(session, phrases), session.intent(), session.parameters(),
                    List.of(), false, true, by, tag);
        }
        sessions.end(userId, id);
        String help = phrases.say("help");
        return switch (session.intent()) {
            case "help" -> new Reply(id, help, "help", Map.of(), List.of(), false, false, by, tag);
            case "smalltalk" -> new Reply(id, phrases.say("smalltalk"), "smalltalk", Map.of(), List.of(), false,
                    false, by, tag);
            case "out_of_scope" -> new Reply(id, phrases.say("out_of_scope", help), "out_of_scope", Map.of(),
                    List.of(), false, false, by, tag);
            case "unknown" -> new Reply(id, phrases.say("unknown", help), "unknown", Map.of(), List.of(), false,
                    false, by, tag);
            default -> new Reply(id, Confirmations.started(session, phrases), session.intent(), session.parameters(),
                    List.of(), true, false, by, tag);
        };
    }

    /**
     * The pending request with the answer to its question, read as that answer first ("What should the message
     * say?" takes the whole reply); else with whatever it fills of what is missing; empty when it answers nothing.
     */
    private Optional<Session> answered(Session pending, String message, String attachment) {
        String asked = pending.missing().isEmpty() ? null : pending.missing().get(0);
        Map<String, Object> found = asked == null ? Map.of() : parser.answer(asked, message);
        if (attachment != null && "file".equals(asked)) {
            found = Map.of("file", attachment);
        }
        if (!found.isEmpty()) {
            Map<String, Object> parameters = new LinkedHashMap<>(pending.parameters());
            parameters.putAll(found);
            return Optional.of(new Session(pending.intent(), parameters,
                    OfflineParser.missing(pending.intent(), parameters)));
        }
        Map<String, Object> said = parser.slots(message);
        if (attachment != null) {
            said.put("file", attachment);
        }
        Map<String, Object> parameters = new LinkedHashMap<>(pending.parameters());
        boolean filled = false;
        for (String name : pending.missing()) {
            Optional<Object> value = SOURCES.getOrDefault(name, List.of(name)).stream()
                    .filter(said::containsKey).findFirst().map(said::get);
            if (value.isPresent()) {
                parameters.put(name, value.get());
                filled = true;
            }
        }
        if (!filled) {
            return Optional.empty();
        }
        said.forEach(parameters::putIfAbsent);
        return Optional.of(new Session(pending.intent(), parameters,
                OfflineParser.missing(pending.intent(), parameters)));
    }

    /**
     * The pending request changed as the message says, when it reads as a change ("change the time to 9", "make it
     * 10am", "send it to ann@example.org instead"); empty otherwise.
     */
    private Optional<Session> corrected(Session pending, String message) {
        String t = message.trim().toLowerCase(Locale.ROOT);
        if (!t.matches("(?s)^(no,?\\s*)?(change|make|set|move|switch|put|use)\\b.*|.*\\binstead\\b.*"
                + "|^(actually|rather)\\b.*")) {
            return Optional.empty();
        }
        Map<String, Object> parameters = new LinkedHashMap<>(pending.parameters());
        Map<String, Object> said = parser.slots(message);
        said.remove("delivery");
        if (parameters.get("cron") instanceof String cron && !said.containsKey("cron")) {
            int[] time = parser.timeOfDay(message);
            if (time != null) {
                said.put("cron", parser.withTime(cron, time));
            }
        }
        if (said.isEmpty()) {
            return Optional.empty();
        }
        parameters.putAll(said);
        return Optional.of(new Session(pending.intent(), parameters,
                OfflineParser.missing(pending.intent(), parameters)));
    }

    /** A schedule that names no time zone runs in the user's, or in UTC when they have chosen none. */
    private static Session inZone(Session session, String userZone) {
        boolean repeats = "schedule_task".equals(session.intent())
                || isWorkflow(session) && session.parameters().containsKey("cron");
        if (!repeats || session.parameters().containsKey("time_zone")) {
            return session;
        }
        Map<String, Object> parameters = new LinkedHashMap<>(session.parameters());
        parameters.put("time_zone", userZone != null && SlotExtractor.isZone(userZone) ? userZone : "UTC");
        return new Session(session.intent(), parameters, session.missing()); // still asking for the same things
    }

    /**
     * What sends something to someone else, runs again and again or is kept is confirmed first: a schedule, a
     * workflow (its plan shown step by step), or a message or report to an address other than the user's own.
     */
    private static boolean needsConfirmation(Session session) {
        Object email = session.parameters().get("email");
        return session.intent().equals("schedule_task") || isWorkflow(session) || email != null && !"me".equals(email)
                && ACTIONS.contains(session.intent());
    }

    private static boolean isWorkflow(Session session) {
        return Intents.WORKFLOW.equals(session.intent());
    }

    /** "yes", "ja, bitte", "oui vas-y", "sí, mándalo": a yes, with more yes and please after it if any. */
    private static boolean isYes(String message) {
        return message.trim().toLowerCase(Locale.ROOT).matches("(?:" + YES + ")(?:[\\s,.!]+(?:" + YES + "|please"
                + "|thanks|thank you|merci|bitte|danke|por favor|gracias))*[\\s.!]*");
    }

    private static boolean isNo(String message) {
        return message.trim().toLowerCase(Locale.ROOT).matches("(no|n|nope|nah|don't|do not|no thanks|non|non merci"
                + "|nein|nein danke|no gracias)[.! ]*");
    }

    private static boolean isCancel(String message) {
        return message.trim().toLowerCase(Locale.ROOT).matches("(cancel|cancel (it|that)|stop|never ?mind|forget it"
                + "|abort|annuler|annule|laisse tomber|abbrechen|vergiss es|cancelar|cancela|olvídalo|olvidalo)[.! ]*");
    }
}
