package io.autoflow.gateway.rest;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import io.autoflow.events.Topics;
import io.autoflow.gateway.audit.AuditLog;
import io.autoflow.gateway.auth.CurrentUser;
import io.autoflow.gateway.messaging.DeadLetter;
import io.autoflow.gateway.messaging.KafkaUnavailableException;
import io.autoflow.gateway.service.DeadLetterInbox;
import io.autoflow.gateway.service.DeadLetterReplay;
import io.autoflow.gateway.service.DeadLetterScan.Position;
import io.autoflow.gateway.service.DeadLetterSelector;
import io.smallrye.mutiny.Uni;
import io.vertx.core.http.HttpServerRequest;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.jboss.resteasy.reactive.RestPath;
import org.jboss.resteasy.reactive.RestQuery;

/**
 * For administrators: the records every consumer sent to its dead-letter topic ({@code <topic>.dlq}) because it could
 * not read or handle them. {@code GET /api/admin/dead-letters} counts per topic those not replayed yet,
 * {@code GET /api/admin/dead-letters/{topic}} shows them, and {@code POST /api/admin/dead-letters/{topic}/replay}
 * sends them back to their original topic once the cause is fixed, each at most once.
 */
@Tag(name = "Administration")
@Path("/api/admin/dead-letters")
@Produces(MediaType.APPLICATION_JSON)
public class DeadLetterResource {

    static final int DEFAULT_LIMIT = 50;
    static final int MAX_LIMIT = 100;

    private final CurrentUser caller;
    private final DeadLetterInbox inbox;
    private final DeadLetterReplay replay;
    private final AuditLog audit;
    private final ObjectMapper json;

    public DeadLetterResource(CurrentUser caller, DeadLetterInbox inbox, DeadLetterReplay replay, AuditLog audit,
            ObjectMapper json) {
        this.caller = caller;
        this.inbox = inbox;
        this.replay = replay;
        this.audit = audit;
        this.json = json;
    }

    /** One dead-letter topic: how many of its records were not replayed yet, and when the oldest and newest came. */
    public record TopicView(String topic, String originalTopic, long count, Instant oldestAt, Instant newestAt) {
    }

    public record TopicList(List<TopicView> topics) {
    }

    /**
     * A dead letter. {@code id} ({@code <partition>:<offset>}) names it for {@code starting_after} and {@code ?id=};
     * {@code key} is the job's id; {@code reason} and {@code cause} say why it failed; {@code value} is the record as
     * JSON, or {@code value_text} when it is not JSON (a record that could not even be read).
     */
    public record DeadLetterView(String id, int partition, long offset, String key, Instant timestamp,
            String originalTopic, Long originalPartition, Long originalOffset, String reason, String cause,
            String exception, String replayOf, JsonNode value, String valueText, Instant replayedAt) {
    }

    public record DeadLetterPage(String topic, List<DeadLetterView> deadLetters, boolean hasMore) {
    }

    /** What a replay did: the records sent again ({@code ids}) and those selected but replayed before. */
    public record ReplayOutcome(String topic, int replayed, int alreadyReplayed, List<String> ids) {
    }

    /** Every dead-letter topic, with its records not replayed yet. */
    @Operation(operationId = "listDeadLetterTopics",
            summary = "Dead-letter topics and how many records wait on each (administrators)",
            description = "Every dead-letter topic with the count, oldest and newest time of its records not "
                    + "replayed yet. For the role admin only.")
    @GET
    public Uni<TopicList> topics() {
        caller.requireAdmin("Looking at dead letters");
        return inbox.summary()
                .map(summaries -> new TopicList(summaries.stream().map(s -> new TopicView(s.topic(),
                        s.originalTopic(), s.count(), s.oldestAt(), s.newestAt())).toList()))
                .onFailure(KafkaUnavailableException.class).transform(DeadLetterResource::unavailable);
    }

    /**
     * The topic's records not replayed yet (all with {@code include_replayed=true}), oldest first, {@code limit} (1 to
     * 100, default 50) at a time; the next page starts after the last one's id ({@code starting_after}). The topic
     * is named as {@code intents.dlq} or as the topic it serves, {@code intents}.
     */
    @Operation(operationId = "listDeadLetters",
            summary = "A dead-letter topic's records, oldest first (administrators)",
            description = "The topic's records not replayed yet (all of them with include_replayed=true), oldest "
                    + "first, a page at a time (limit 1 to 100, default 50; starting_after the last id). The "
                    + "topic is named as intents.dlq or as the topic it serves, intents. For the role admin "
                    + "only.")
    @GET
    @Path("/{topic}")
    public Uni<DeadLetterPage> show(@RestPath String topic, @RestQuery String limit,
            @RestQuery("starting_after") String startingAfter, @Parameter(description = "Also the records already replayed", schema = @Schema(type = SchemaType.BOOLEAN))
            @RestQuery("include_replayed") String includeReplayed) {
        caller.requireAdmin("Looking at dead letters");
        String deadLetterTopic = deadLetterTopic(topic);
        int pageSize = limit(limit);
        Position from = startingAfter == null ? Position.START : after(startingAfter);
        boolean replayedToo = flag("include_replayed", includeReplayed);
        return inbox.page(deadLetterTopic, from, pageSize, replayedToo)
                .map(page -> new DeadLetterPage(deadLetterTopic, page.entries().stream()
                        .map(entry -> view(entry.letter(), entry.replayedAt())).toList(), page.hasMore()))
                .onFailure(KafkaUnavailableException.class).transform(DeadLetterResource::unavailable);
    }

    /**
     * Sends the topic's records back to their original topic with the same key and value: all those not replayed
     * yet, or with {@code ?id=} the one at {@code <partition>:<offset>} (or an offset alone) or those of a key.
     * Replayed records are never sent again by this route; records that fail again come back as new dead letters.
     */
    @Operation(operationId = "replayDeadLetters",
            summary = "Send dead letters back to their topic, each once (administrators)",
            description = "Sends the topic's records not replayed yet back to their original topic with the same "
                    + "key, value and headers; with id, only the record at partition:offset (or an offset), or "
                    + "those of a key. A record is never replayed twice; one that fails again comes back as a "
                    + "new dead letter. For the role admin only; audited.")
    @POST
    @Path("/{topic}/replay")
    public Uni<ReplayOutcome> replay(@RestPath String topic, @RestQuery String id,
            @Context HttpServerRequest http) {
        caller.requireAdmin("Replaying dead letters");
        String deadLetterTopic = deadLetterTopic(topic);
        DeadLetterSelector selection = DeadLetterSelector.ALL;
        if (id != null) {
            ControlCharacters.refuseInName("id", id);
            if (id.isBlank()) {
                throw invalid("id", "Give the dead letter's id (partition:offset), its offset or its key, or no id"
                        + " to replay all");
            }
            selection = DeadLetterSelector.parse(id.trim());
        }
        return replay.replay(deadLetterTopic, selection, caller.id())
                .onFailure(KafkaUnavailableException.class).transform(DeadLetterResource::unavailable)
                .invoke(outcome -> {
                    if (id != null && outcome.nothingSelected()) {
                        throw new ApiException(ErrorCode.DEAD_LETTER_NOT_FOUND, "There is no record '" + id + "' on "
                                + deadLetterTopic);
                    }
                })
                .call(outcome -> audit.record(caller.id().toString(), "dead_letters.replayed", deadLetterTopic, http,
                        Map.of("id", id == null ? "all" : id, "replayed", outcome.replayed().size(),
                                "already_replayed", outcome.alreadyReplayed())))
                .map(outcome -> new ReplayOutcome(deadLetterTopic, outcome.replayed().size(),
                        outcome.alreadyReplayed(), outcome.replayed().stream().map(DeadLetter::id).toList()));
    }

    private DeadLetterView view(DeadLetter letter, Instant replayedAt) {
        JsonNode value = null;
        String valueText = null;
        if (letter.value() != null) {
            try {
                value = json.readTree(letter.value());
            } catch (IOException e) {
                valueText = new String(letter.value(), StandardCharsets.UTF_8);
            }
        }
        return new DeadLetterView(letter.id(), letter.partition(), letter.offset(), letter.keyText(),
                letter.timestamp(), letter.originalTopic(), letter.originalPartition(), letter.originalOffset(),
                letter.reason(), letter.cause(), letter.exception(), letter.replayOf(), value, valueText, replayedAt);
    }

    /** A dead-letter topic of the platform, named as itself or as the topic it serves. */
    private static String deadLetterTopic(String name) {
        List<String> known = Topics.deadLetterTopics();
        if (known.contains(name)) {
            return name;
        }
        if (known.contains(Topics.dlq(name))) {
            return Topics.dlq(name);
        }
        throw new ApiException(ErrorCode.DEAD_LETTER_TOPIC_NOT_FOUND, "There is no dead-letter topic '" + name
                + "'; GET /api/admin/dead-letters lists them");
    }

    private static int limit(String limit) {
        if (limit == null) {
            return DEFAULT_LIMIT;
        }
        if (!limit.matches("\\d{1,3}") || Integer.parseInt(limit) < 1 || Integer.parseInt(limit) > MAX_LIMIT) {
            throw invalid("limit", "limit must be a whole number from 1 to " + MAX_LIMIT);
        }
        return Integer.parseInt(limit);
    }

    private static Position after(String id) {
        if (!id.matches("\\d{1,9}:\\d{1,18}")) {
            throw invalid("starting_after", "starting_after is the id (partition:offset) of the last dead letter of"
                    + " the previous page");
        }
        String[] parts = id.split(":");
        return new Position(Integer.parseInt(parts[0]), Long.parseLong(parts[1]) + 1);
    }

    private static boolean flag(String name, String value) {
        if (value == null || value.equals("false")) {
            return false;
        }
        if (value.equals("true")) {
            return true;
        }
        throw invalid(name, name + " must be true or false");
    }

    private static ApiException invalid(String field, String message) {
        return new ApiException(ErrorCode.INVALID_REQUEST, message,
                JsonNodeFactory.instance.objectNode().put("field", field));
    }

    private static ApiException unavailable(Throwable e) {
        return new ApiException(ErrorCode.DEAD_LETTERS_UNAVAILABLE, "Kafka cannot be asked about dead letters now;"
                + " what was replayed before is recorded, so trying again replays only the rest");
    }
}
