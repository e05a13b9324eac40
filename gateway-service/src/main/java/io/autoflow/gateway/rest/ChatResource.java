package io.autoflow.gateway.rest;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.autoflow.events.IntentParameters;
import io.autoflow.events.Intents;
import io.autoflow.events.workflow.WorkflowDefinition;
import io.autoflow.events.workflow.WorkflowTrigger;
import io.autoflow.events.workflow.WorkflowView;
import io.autoflow.gateway.auth.CurrentUser;
import io.autoflow.gateway.client.ConversationClient;
import io.autoflow.gateway.idempotency.Idempotent;
import io.autoflow.ingest.IngestException;
import io.autoflow.service.text.Phrases;
import io.smallrye.mutiny.Uni;
import io.vertx.core.http.HttpServerRequest;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Supplier;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.jboss.logging.Logger;
import org.jboss.resteasy.reactive.RestForm;
import org.jboss.resteasy.reactive.multipart.FileUpload;

/**
 * Natural language in: {@code POST /api/chat} (and the seed's {@code POST /api/orchestrate}) with
 * {@code {"message", "session_id"?}}, or as multipart with a document attached in part {@code file}.
 * conversation-service understands the message and keeps the dialogue; when a request is complete, the gateway
 * starts it the way the rest of the API does (a document's analysis or conversion, an API call, a message, a
 * schedule of any of these) and answers with its {@code job_id} ({@link ChatReply}). A document named by its web
 * address is fetched when its job runs, never while the person talks. A chained request (intent {@code workflow}) is
 * a workflow draft: once the person confirms it, it is saved as {@code POST /api/workflows} saves one (its
 * {@code workflow_id}), and run once now when its trigger is manual.
 */
@Tag(name = "Chat",
        description = "Say in your own words what you want done; Autoflow asks for what is missing, then starts the "
                + "job.")
@Path("/api")
public class ChatResource {

    static final int MAX_MESSAGE_CHARS = 4000;
    private static final Logger LOG = Logger.getLogger(ChatResource.class);
    private static final TypeReference<Map<String, Object>> PARAMETERS = new TypeReference<>() { };
    private static final TypeReference<List<String>> NAMES = new TypeReference<>() { };
    private static final TypeReference<Map<String, String>> HEADERS = new TypeReference<>() { };
    /** The chat's own sentences (chat/chat*.properties), in the conversation's language. */
    private static final String PHRASES = "chat.chat";

    private final CurrentUser user;
    private final ConversationClient conversation;
    private final DocumentAnalyticsResource documents;
    private final AutomationResource automations;
    private final ScheduleResource schedules;
    private final TransformResource transforms;
    private final NotificationResource notifications;
    private final WorkflowResource workflows;
    private final ObjectMapper json;

    public ChatResource(CurrentUser user, ConversationClient conversation, DocumentAnalyticsResource documents,
            AutomationResource automations, ScheduleResource schedules, TransformResource transforms,
            NotificationResource notifications, WorkflowResource workflows, ObjectMapper json) {
        this.notifications = notifications;
        this.workflows = workflows;
        this.transforms = transforms;
        this.user = user;
        this.conversation = conversation;
        this.documents = documents;
        this.automations = automations;
        this.schedules = schedules;
        this.json = json;
    }

    /** A message from the user, in an ongoing conversation when it names its session. */
    public record ChatMessage(String sessionId, @Schema(maxLength = MAX_MESSAGE_CHARS) String message) {
    }

    @Operation(operationId = "sendChatMessage",
            summary = "Say what you want done, in your words; attach a document if you like")
    @APIResponse(responseCode = "200", description = "The assistant's reply")
    @APIResponse(responseCode = "404",
            description = "attachment_not_found: the conversation's document is no longer stored")
    @POST
    @Idempotent
    @Parameter(ref = Idempotent.PARAMETER)
    @Path("/chat")
    @Consumes(MediaType.APPLICATION_JSON)
    @Produces(MediaType.APPLICATION_JSON)
    public Uni<ChatReply> chat(ChatMessage request, @Context HttpServerRequest http) {
        checkMessage(request == null ? null : request.message());
        return converse(request.sessionId(), request.message(), null, http);
    }

    /**
     * A message with a document attached (multipart: {@code message}, {@code session_id}?, {@code file}). The
     * document is checked and stored first, like an upload; the conversation then knows the document is there.
     */
    @Operation(operationId = "sendChatMessage",
            summary = "Say what you want done, in your words; attach a document if you like")
    @APIResponse(responseCode = "200", description = "The assistant's reply")
    @APIResponse(responseCode = "404",
            description = "attachment_not_found: the conversation's document is no longer stored")
    @POST
    @Idempotent
    @Parameter(ref = Idempotent.PARAMETER)
    @Path("/chat")
    @Consumes(MediaType.MULTIPART_FORM_DATA)
    @Produces(MediaType.APPLICATION_JSON)
    public Uni<ChatReply> chatWithDocument(@RestForm("message") String message,
            @RestForm("session_id") String sessionId, @RestForm("file") FileUpload file,
            @Context HttpServerRequest http) {
        if (file == null) { // a message alone, as a client that only ever sends multipart sends it
            checkMessage(message);
            return converse(sessionId, message, null, http);
        }
        String text = message == null || message.isBlank() ? "Analyse this document" : message;
        checkMessage(text);
        return documents.attach(file).chain(reference -> converse(sessionId, text, reference, http));
    }

    private static void checkMessage(String message) {
        if (message == null || message.isBlank()) {
            throw new ApiException(ErrorCode.MISSING_MESSAGE, "Send your message as {\"message\": \"...\"}");
        }
        if (message.codePointCount(0, message.length()) > MAX_MESSAGE_CHARS) {
            throw new ApiException(ErrorCode.MESSAGE_TOO_LONG, "A message has at most " + MAX_MESSAGE_CHARS
                    + " characters");
        }
        // Sent as a file part, the message is read from the file, which the multipart check does not look into.
        ControlCharacters.refuseInFreeText("message", message);
    }

    /** @param http where the message came from, for the audit of what it starts */
    private Uni<ChatReply> converse(String sessionId, String message, String attachment, HttpServerRequest http) {
        return conversation.message(user.id().toString(), sessionId, message, attachment, user.timeZone())
                .onFailure(e -> !(e instanceof ApiException)).transform(e -> new ApiException(ErrorCode.CONVERSATION_UNAVAILABLE,
                        "I cannot understand messages right now; try again shortly"))
                .chain(reply -> act(reply, http));
    }

    @Operation(operationId = "orchestrate", summary = "The same as POST /api/chat (the name the first clients used)",
            description = "The first name of POST /api/chat, kept for the clients that use it: the same request, "
                    + "answer and errors.")
    @APIResponse(responseCode = "200", description = "The assistant's reply")
    @APIResponse(responseCode = "404",
            description = "attachment_not_found: the conversation's document is no longer stored")
    @POST
    @Idempotent
    @Parameter(ref = Idempotent.PARAMETER)
    @Path("/orchestrate")
    @Consumes(MediaType.APPLICATION_JSON)
    @Produces(MediaType.APPLICATION_JSON)
    public Uni<ChatReply> orchestrate(ChatMessage request, @Context HttpServerRequest http) {
        return chat(request, http);
    }

    /** The answer to a message. */
    @Schema(name = "ChatReply")
    public record ChatReply(
            String sessionId,
            @Schema(description = "What the assistant says: a question, a confirmation, or what it started")
            String reply,
            @Schema(description = "What the request is, once understood", enumeration = {"document_analytics",
                    "schedule_task", "api_automation", "data_transform", "notification", "workflow", "help",
                    "smalltalk", "out_of_scope", "unknown"}) String intent,
            @Schema(description = "The request's parameters so far, shaped by its intent", anyOf = {
                    IntentParameters.DocumentAnalytics.class, IntentParameters.ScheduleTask.class,
                    IntentParameters.ApiAutomation.class, IntentParameters.DataTransform.class,
                    IntentParameters.Notification.class, IntentParameters.Workflow.class})
            Map<String, Object> parameters,
            @Schema(description = "Required parameters still to give; the reply asks for the first")
            List<String> missing,
            @Schema(description = "The reply asks to confirm (yes or no) before doing it") boolean awaitingConfirmation,
            @Schema(description = "The job the request started, when it did") String jobId,
            @Schema(description = "The workflow the request saved, when it did (intent workflow, once confirmed):"
                    + " see /api/workflows/{id}") String workflowId,
            @Schema(description = "The language of the reply: the person's, as their messages tell",
                    enumeration = {"en", "fr", "de", "es"}) String language) {

        /** The reply saying instead one of the chat's phrases, in the conversation's language. */
        ChatReply saying(String key, Object... values) {
            return new ChatReply(sessionId, phrases().say(key, values), intent, parameters, missing,
                    awaitingConfirmation, jobId, workflowId, language);
        }

        /** The reply once the job is queued. */
        ChatReply started(String jobId) {
            return new ChatReply(sessionId, reply + phrases().say("queued", jobId), intent, parameters, missing,
                    false, jobId, workflowId, language);
        }

        /** The reply once the workflow is saved, by its name. */
        ChatReply saved(WorkflowView workflow, String name) {
            return new ChatReply(sessionId, reply + phrases().say("workflow_saved", name), intent, parameters,
                    missing, false, jobId, workflow.id(), language);
        }

        /** The reply adding one of the chat's phrases to what it says. */
        ChatReply adding(String key, Object... values) {
            return new ChatReply(sessionId, reply + phrases().say(key, values), intent, parameters, missing,
                    awaitingConfirmation, jobId, workflowId, language);
        }

        private Phrases phrases() {
            return Phrases.of(PHRASES, Locale.forLanguageTag(language == null ? "en" : language));
        }
    }

    /** Starts a complete request; everything else is the conversation's own reply. */
    private Uni<ChatReply> act(JsonNode reply, HttpServerRequest http) {
        ChatReply answer = new ChatReply(reply.path("session_id").asText(), reply.path("reply").asText(),
                reply.path("intent").asText(null), json.convertValue(reply.path("parameters"), PARAMETERS),
                json.convertValue(reply.path("missing"), NAMES), reply.path("awaiting_confirmation").asBoolean(), null,
                null, reply.path("language").asText("en"));
        if (!reply.path("complete").asBoolean()) {
            return Uni.createFrom().item(answer);
        }
        JsonNode parameters = reply.path("parameters");
        if (Intents.WORKFLOW.equals(answer.intent())) {
            return saveWorkflow(answer, parameters.path("definition"), http);
        }
        if (Intents.API_AUTOMATION.equals(answer.intent())) {
            return started(answer, () -> automations.submit(call(parameters)));
        }
        if (Intents.NOTIFICATION.equals(answer.intent())) {
            return started(answer, () -> notifications.submit(message(parameters)));
        }
        if (Intents.SCHEDULE_TASK.equals(answer.intent())) {
            // What each run does, as understood; a model's answer may leave it to the parameters to tell.
            String task = parameters.path("task_intent").asText(parameters.hasNonNull("target_format")
                    ? Intents.DATA_TRANSFORM : parameters.hasNonNull("url") ? Intents.API_AUTOMATION
                    : parameters.hasNonNull("message") ? Intents.NOTIFICATION
                    : parameters.hasNonNull("file") ? Intents.DOCUMENT_ANALYTICS : "");
            boolean call = task.equals(Intents.API_AUTOMATION) && parameters.hasNonNull("url");
            boolean reminder = task.equals(Intents.NOTIFICATION) && parameters.hasNonNull("message");
            String file = parameters.path("file").asText(parameters.path("url").asText(""));
            boolean analysis = task.equals(Intents.DOCUMENT_ANALYTICS);
            boolean conversion = task.equals(Intents.DATA_TRANSFORM);
            if ((analysis || conversion) && !isWebAddress(file)) {
                return Uni.createFrom().item(answer.saying(analysis ? "schedule_needs_address.analyse"
                        : "schedule_needs_address.convert"));
            }
            if (call || reminder || analysis || conversion) {
                return started(answer, () -> schedules.create(new ScheduleResource.ScheduleRequest(
                        parameters.path("cron").asText(), parameters.path("time_zone").asText(null),
                        call ? call(parameters) : null, reminder ? message(parameters) : null,
                        analysis ? analyticsRequest(file, parameters) : null,
                        conversion ? transformRequest(file, parameters) : null), false));
            }
        }
        if (Intents.DATA_TRANSFORM.equals(answer.intent())) {
            return transform(answer, parameters);
        }
        if (!Intents.DOCUMENT_ANALYTICS.equals(answer.intent())) {
            // the conversation completes only what can start; a schedule without its task is asked about there
            return Uni.createFrom().item(answer.saying("tell_again"));
        }
        String file = parameters.path("file").asText();
        if (file.startsWith(DocumentAnalyticsResource.ATTACHMENT)) {
            return started(answer, () -> documents.submitAttached(file, analyticsRequest(null, parameters)));
        }
        if (!isWebAddress(file)) {
            return Uni.createFrom().item(answer.saying("needs_url.analyse", file));
        }
        // fetched when the job runs, not while we talk: a site that is down fails that job, saying so
        return started(answer, () -> documents.submitFetchedAtRun(analyticsRequest(file, parameters)));
    }

    /** Converts the attached document, or the one at the URL the message gave. */
    private Uni<ChatReply> transform(ChatReply answer, JsonNode parameters) {
        String file = parameters.path("file").asText();
        TransformResource.TransformRequest request = transformRequest(file, parameters);
        if (file.startsWith(DocumentAnalyticsResource.ATTACHMENT)) {
            return started(answer, () -> transforms.submitAttached(file, request));
        }
        if (!isWebAddress(file)) {
            return Uni.createFrom().item(answer.saying("needs_url.convert", file));
        }
        // fetched when the job runs, not while we talk: a site that is down fails that job, saying so
        return started(answer, () -> transforms.submitFetchedAtRun(request));
    }

    /**
     * Saves the workflow the conversation drafted and the person confirmed, as {@code POST /api/workflows} saves one
     * (the caller's tier and email, audited), and when its trigger is manual runs it once now, as {@code POST
     * /api/workflows/{id}/runs} does without a payload. A draft the orchestrator refuses (422: invalid_workflow,
     * schedule_too_frequent, too_many_workflows, too_many_steps, …) is said in the reply, nothing saved; the
     * orchestrator away stays an error (503 workflows_unavailable). Once saved, the workflow is the answer's even if
     * its run cannot start now (the reply says so, to start it from its page): an error then would hide the saved
     * workflow, and free the message's Idempotency-Key for a retry that saves it again.
     */
    private Uni<ChatReply> saveWorkflow(ChatReply answer, JsonNode draft, HttpServerRequest http) {
        WorkflowDefinition definition = null;
        try {
            definition = draft.isObject() ? json.convertValue(draft, WorkflowDefinition.class) : null;
        } catch (IllegalArgumentException e) {
            LOG.warnf("A confirmed workflow's definition could not be read: %s", e.getMessage());
        }
        if (definition == null) {
            // the conversation completes a workflow only with its definition; without one there is nothing to save
            return Uni.createFrom().item(answer.saying("tell_again"));
        }
        WorkflowDefinition asked = definition;
        return Uni.createFrom().deferred(() -> workflows.save(asked, http))
                .chain(saved -> runIfManual(answer, asked, saved, http))
                // only the save can fail here: a run that cannot start is said in the reply
                .onFailure(ChatResource::refusal).recoverWithItem(e -> answer.saying("workflow_not_saved",
                        e.getMessage()));
    }

    /** The reply once the workflow is saved; a manual one is run once now, its job the answer's. */
    private Uni<ChatReply> runIfManual(ChatReply answer, WorkflowDefinition asked, WorkflowView saved,
            HttpServerRequest http) {
        WorkflowDefinition kept = saved.definition() == null ? asked : saved.definition();
        ChatReply said = answer.saved(saved, saved.name() == null ? kept.name() : saved.name());
        if (kept.trigger() == null || !WorkflowTrigger.MANUAL.equals(kept.trigger().type())) {
            return Uni.createFrom().item(said); // its schedule (or webhook) starts its runs
        }
        return Uni.createFrom().<Response>deferred(() -> workflows.runNow(saved, http))
                .map(response -> said.started(((JobAccepted) response.getEntity()).jobId()))
                .onFailure().recoverWithItem(e -> {
                    LOG.warnf(e, "Workflow %s was saved from the chat but its run did not start", saved.id());
                    return said.adding("workflow_not_run");
                });
    }

    private static boolean isWebAddress(String file) {
        return file.startsWith("http://") || file.startsWith("https://");
    }

    /**
     * The answer once the job is accepted: its id, and the reply saying so. A request the platform refuses (422: a
     * cron too frequent for the tier, a document that cannot be fetched for a schedule, …) is said in the reply,
     * as a conversation says it, not as an error of the chat.
     */
    private static Uni<ChatReply> started(ChatReply answer, Supplier<Uni<? extends Response>> submit) {
        return Uni.createFrom().<Response>deferred(submit)
                .map(response -> answer.started(((JobAccepted) response.getEntity()).jobId()))
                .onFailure(ChatResource::refusal).recoverWithItem(e -> answer.saying("not_started", e.getMessage()));
    }

    /** A request refused for what it asks (400, 422), not for a fault of ours or of the moment. */
    private static boolean refusal(Throwable e) {
        return e instanceof ApiException api && (api.status() == 422 || api.status() == 400)
                || e instanceof IngestException ingest && ErrorCode.of(ingest.code()).status() == 422;
    }

    private static AnalyticsRequest analyticsRequest(String file, JsonNode parameters) {
        List<String> analyses = new ArrayList<>();
        parameters.path("analyses").forEach(a -> analyses.add(a.asText()));
        AnalyticsRequest.Analysis analysis = analyses.isEmpty() ? null : new AnalyticsRequest.Analysis(
                analyses.contains("statistical") ? true : null, analyses.contains("trends") ? true : null,
                analyses.contains("insights") ? true : null, analyses.contains("anomalies") ? true : null);
        return new AnalyticsRequest(file, null, analysis, output(parameters.path("format").asText(null), parameters));
    }

    /** The conversion a message asks for, of the document in {@code file}. */
    private static TransformResource.TransformRequest transformRequest(String file, JsonNode parameters) {
        return new TransformResource.TransformRequest(file, parameters.path("target_format").asText(null),
                output(null, parameters), null);
    }

    /** The message a message asks to send. */
    private static NotificationResource.NotificationRequest message(JsonNode parameters) {
        return new NotificationResource.NotificationRequest(parameters.path("message").asText(null),
                output(null, parameters));
    }

    /** The API call a message asks for. */
    private AutomationResource.AutomationCall call(JsonNode parameters) {
        Map<String, String> headers = parameters.has("headers")
                ? json.convertValue(parameters.path("headers"), HEADERS) : null;
        // a body said without a method is sent, as people mean it: POST
        String method = parameters.path("method").asText(parameters.hasNonNull("body") ? "POST" : null);
        return new AutomationResource.AutomationCall(parameters.path("url").asText(), method, headers,
                parameters.hasNonNull("body") ? parameters.path("body") : null, output(null, parameters));
    }

    /** How the result is handed over, as the conversation understood it; "me" is the user's own address. */
    private static AnalyticsRequest.Output output(String format, JsonNode parameters) {
        String email = parameters.path("email").asText(null);
        return new AnalyticsRequest.Output(format, parameters.path("delivery").asText(null),
                "me".equals(email) ? null : email, parameters.path("webhook_url").asText(null));
    }
}
