package io.autoflow.e2e;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.restassured.path.json.JsonPath;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

/**
 * The conversation corpus (src/test/resources/conversation/corpus.jsonl: requests written as people write them in
 * English, French, German and Spanish, each with the intent, the slots its first message states, the answers to give
 * and where the dialogue should end) played through the public API, turn by turn. It prints and writes
 * (target/conversation-corpus.md) intent accuracy, slot accuracy and completed dialogues per language, and fails
 * below the floors measured when it was written (the aims are 95 % and 90 %: issue 24).
 */
class ConversationCorpusIT extends OnThePlatform {

    private static final ObjectMapper JSON = new ObjectMapper();
    /**
     * Floors just under what was measured on 2026-12-07 (offline parser, no model: intent 94 %, slots 99 %, completed
     * 94 %): a change that understands less fails here; raise them as it understands more.
     */
    private static final double MIN_INTENT_ACCURACY = 0.92;
    private static final double MIN_SLOT_ACCURACY = 0.97;
    private static final double MIN_COMPLETED = 0.92;
    /** The first reply in the language the request is written in. */
    private static final double MIN_IN_ITS_LANGUAGE = 0.95;

    /** Counts of one language. */
    private static final class Tally {
        int requests;
        int intents;
        int slots;
        int slotsRight;
        int dialogues;
        int completed;
        int multiTurn;
        int multiTurnCompleted;
        int inItsLanguage;
        final List<String> misses = new ArrayList<>();

        static double ratio(int part, int whole) {
            return whole == 0 ? 1 : (double) part / whole;
        }
    }

    @Test
    void theCorpusIsUnderstoodAndItsDialoguesComplete() throws Exception {
        Map<String, Tally> tallies = new TreeMap<>();
        List<String> schedules = new ArrayList<>();
        for (JsonNode request : corpus()) {
            Tally tally = tallies.computeIfAbsent(request.path("lang").asText(), k -> new Tally());
            play(request, tally, schedules);
        }
        for (String schedule : schedules) { // they would fire during the other tests
            given().header("X-API-Key", apiKey).delete(gateway.url() + "/api/schedules/" + schedule);
        }

        StringBuilder report = new StringBuilder("| language | requests | intent | slots (first message) | dialogues"
                + " completed | of them multi-turn | first reply in its language |\n|---|---|---|---|---|---|---|\n");
        Tally all = new Tally();
        for (Map.Entry<String, Tally> each : tallies.entrySet()) {
            Tally t = each.getValue();
            report.append(row(each.getKey(), t));
            all.requests += t.requests;
            all.intents += t.intents;
            all.slots += t.slots;
            all.slotsRight += t.slotsRight;
            all.dialogues += t.dialogues;
            all.completed += t.completed;
            all.multiTurn += t.multiTurn;
            all.multiTurnCompleted += t.multiTurnCompleted;
            all.inItsLanguage += t.inItsLanguage;
        }
        report.append(row("all", all));
        tallies.forEach((language, t) -> t.misses.forEach(miss -> report.append("\n- ").append(language).append(": ")
                .append(miss)));
        System.out.println("\nConversation corpus\n" + report);
        Files.writeString(Path.of("target", "conversation-corpus.md"), report.toString());

        assertThat(all.requests).isGreaterThanOrEqualTo(200);
        assertThat(Tally.ratio(all.intents, all.requests)).as("intent accuracy")
                .isGreaterThanOrEqualTo(MIN_INTENT_ACCURACY);
        assertThat(Tally.ratio(all.slotsRight, all.slots)).as("slot accuracy").isGreaterThanOrEqualTo(MIN_SLOT_ACCURACY);
        assertThat(Tally.ratio(all.completed, all.dialogues)).as("completed dialogues")
                .isGreaterThanOrEqualTo(MIN_COMPLETED);
        assertThat(Tally.ratio(all.inItsLanguage, all.requests)).as("replies in the request's language")
                .isGreaterThanOrEqualTo(MIN_IN_ITS_LANGUAGE);
    }

    /** One request: its first message, then its answers while the assistant asks or confirms. */
    private static void play(JsonNode request, Tally tally, List<String> schedules) {
        String id = request.path("id").asText();
        String expected = request.path("intent").asText();
        tally.requests++;
        JsonPath reply = say(null, request.path("say").asText());
        String heard = reply.getString("intent");
        // declined in a sentence with what we can do instead: as out of scope, or as not understood (no guess)
        boolean declined = "out_of_scope".equals(heard) || "unknown".equals(heard);
        if (request.path("lang").asText().equals(reply.getString("language"))) {
            tally.inItsLanguage++;
        } else {
            tally.misses.add(id + " replied in " + reply.getString("language") + ": " + reply.getString("reply"));
        }
        boolean intentRight = expected.equals("out_of_scope") ? declined : expected.equals(heard);
        if (intentRight) {
            tally.intents++;
        } else {
            tally.misses.add(id + " intent " + heard + " for " + expected + ": " + request.path("say").asText());
        }
        Map<String, Object> parameters = reply.getMap("parameters");
        for (Iterator<Map.Entry<String, JsonNode>> slots = request.path("slots").fields(); slots.hasNext();) {
            Map.Entry<String, JsonNode> slot = slots.next();
            tally.slots++;
            if (same(slot.getValue(), parameters == null ? null : parameters.get(slot.getKey()))) {
                tally.slotsRight++;
            } else {
                tally.misses.add(id + " slot " + slot.getKey() + "=" + (parameters == null ? null
                        : parameters.get(slot.getKey())) + ", expected " + slot.getValue());
            }
        }

        String ends = request.path("ends").asText();
        tally.dialogues++;
        boolean multiTurn = request.path("answers").size() > 0 && !ends.equals("answered");
        if (multiTurn) {
            tally.multiTurn++;
        }
        String session = reply.getString("session_id");
        for (JsonNode answer : request.path("answers")) {
            if (reply.getString("job_id") != null) {
                break; // started before every answer was needed
            }
            reply = say(session, answer.asText());
        }
        boolean completed = switch (ends) {
            case "started" -> reply.getString("job_id") != null && finalParametersMatch(request, reply);
            case "declined" -> declined;
            default -> intentRight;
        };
        if (completed) {
            tally.completed++;
            if (multiTurn) {
                tally.multiTurnCompleted++;
            }
        } else if (intentRight) {
            tally.misses.add(id + " dialogue ended with \"" + reply.getString("reply") + "\" "
                    + reply.getMap("parameters"));
        }
        if ("schedule_task".equals(reply.getString("intent")) && reply.getString("job_id") != null) {
            schedules.add(reply.getString("job_id"));
        }
    }

    private static boolean finalParametersMatch(JsonNode request, JsonPath reply) {
        Map<String, Object> parameters = reply.getMap("parameters");
        for (Iterator<Map.Entry<String, JsonNode>> expected = request.path("final").fields(); expected.hasNext();) {
            Map.Entry<String, JsonNode> one = expected.next();
            if (!same(one.getValue(), parameters == null ? null : parameters.get(one.getKey()))) {
                return false;
            }
        }
        return true;
    }

    /** An expected value against the reply's: text compared ignoring case and surrounding space, JSON as JSON. */
    private static boolean same(JsonNode expected, Object actual) {
        if (actual == null) {
            return false;
        }
        JsonNode value = JSON.valueToTree(actual);
        if (expected.isTextual() && value.isTextual()) {
            return withHooks(expected.asText()).trim().equalsIgnoreCase(value.asText().trim());
        }
        return expected.equals(value);
    }

    private static JsonPath say(String session, String message) {
        io.restassured.response.Response answer = chatAnswer(session, withHooks(message));
        assertThat(answer.statusCode()).as(message + " → " + answer.asString()).isEqualTo(200);
        return answer.jsonPath();
    }

    /**
     * The corpus's webhook ({@code {hooks}/…}) on the platform's own receiver: a result handed to a webhook that does
     * not answer ends, after its retries, as a dead letter, which the tests after this one would see.
     */
    private static String withHooks(String text) {
        return text.replace("{hooks}", platform.documentUrl("/hooks"));
    }

    private static String row(String language, Tally t) {
        return String.format("| %s | %d | %.0f %% | %.0f %% (%d/%d) | %.0f %% (%d/%d) | %.0f %% (%d/%d) | %.0f %% |%n",
                language, t.requests, 100 * Tally.ratio(t.intents, t.requests),
                100 * Tally.ratio(t.slotsRight, t.slots), t.slotsRight, t.slots,
                100 * Tally.ratio(t.completed, t.dialogues), t.completed, t.dialogues,
                100 * Tally.ratio(t.multiTurnCompleted, t.multiTurn), t.multiTurnCompleted, t.multiTurn,
                100 * Tally.ratio(t.inItsLanguage, t.requests));
    }

    private static List<JsonNode> corpus() throws Exception {
        List<JsonNode> lines = new ArrayList<>();
        try (BufferedReader in = new BufferedReader(new InputStreamReader(
                ConversationCorpusIT.class.getResourceAsStream("/conversation/corpus.jsonl"), StandardCharsets.UTF_8))) {
            for (String line = in.readLine(); line != null; line = in.readLine()) {
                if (!line.isBlank()) {
                    lines.add(JSON.readTree(line));
                }
            }
        }
        return lines;
    }
}
