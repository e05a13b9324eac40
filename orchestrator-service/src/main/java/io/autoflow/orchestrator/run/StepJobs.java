package io.autoflow.orchestrator.run;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.autoflow.events.AnalyzeDocument;
import io.autoflow.events.AutomationRequest;
import io.autoflow.events.CodedException;
import io.autoflow.events.EventJson;
import io.autoflow.events.ExecutionEvent.Status;
import io.autoflow.events.Intents;
import io.autoflow.events.NotificationRequested;
import io.autoflow.events.RunAutomation;
import io.autoflow.events.SendMessage;
import io.autoflow.events.TransformData;
import io.autoflow.events.result.Narrative;
import io.autoflow.events.result.NotificationResult;
import io.autoflow.events.result.StoredFile;
import io.autoflow.events.workflow.RunWorkflow;
import io.autoflow.events.workflow.WorkflowStep;
import io.autoflow.expressions.ExpressionBounds;
import io.autoflow.expressions.Template;
import io.autoflow.orchestrator.domain.Execution;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * Turns one attempt of a workflow step into its job: the request its service takes (templates rendered over the
 * run's context, the input file named by the earlier step's result), with an id derived from the run, the step and
 * the attempt, so that an event handled twice never makes a second job. A notify step needs no worker: its job is
 * recorded done, its hand-over requested.
 */
final class StepJobs {

    static final List<String> ALL_ANALYSES = List.of("statistical", "trends", "insights", "anomalies");
    private static final AnalyzeDocument.Output DOWNLOAD = new AnalyzeDocument.Output(null, "download", null, null);
    private static final int NAME_CHARS = 100;
    /** A workflow's message, its templates rendered (a summary of a step's result fits; a whole table does not). */
    static final int MAX_MESSAGE_CHARS = 20_000;

    private StepJobs() {
    }

    /** The job of a step's attempt; {@code part} tells a fallback step from the step it stands in for. */
    static UUID jobId(UUID runId, String part, int attempt) {
        return UUID.nameUUIDFromBytes((runId + ":" + part + ":" + attempt).getBytes(StandardCharsets.UTF_8));
    }

    /**
     * The step's job, not yet stored.
     *
     * @param files the files earlier steps made, by step name
     * @throws CodedException when it cannot be made: a template failed on this run's data
     *         ({@code expression_failed}, {@code expression_timeout} …), the step it reads made no file
     *         ({@code step_input_missing}), an email with nowhere to go ({@code no_recipient})
     */
    static Execution make(Execution run, RunWorkflow asked, WorkflowStep step, String part, int index, int attempt,
            JsonNode context, Map<String, StoredFile> files) {
        Execution job = new Execution();
        job.id = jobId(run.id, part, attempt);
        job.recordedNow = true;
        job.parentId = run.id;
        job.stepIndex = index;
        job.userId = run.userId;
        job.tier = run.tier;
        job.status = Status.QUEUED;
        job.createdAt = Instant.now();
        job.updatedAt = job.createdAt;
        Object parameters;
        if (step instanceof WorkflowStep.Http http) {
            job.workflowType = Intents.API_AUTOMATION;
            Map<String, String> headers = null;
            if (http.headers() != null) {
                headers = new LinkedHashMap<>();
                for (Map.Entry<String, String> header : http.headers().entrySet()) {
                    headers.put(header.getKey(), render(header.getValue(), context));
                }
            }
            parameters = new RunAutomation(null, null, null, http.name(), http.method() == null ? "GET"
                    : http.method(), render(http.url(), context), null, DOWNLOAD,
                    new AutomationRequest(headers, renderStrings(http.body(), context), http.credential()));
        } else if (step instanceof WorkflowStep.Transform transform) {
            job.workflowType = Intents.DATA_TRANSFORM;
            StoredFile input = input(transform.input(), files);
            parameters = new TransformData(null, null, null, StepFiles.nameOf(transform.input(), input), input.key(),
                    input.mediaType(), input.sizeBytes(), transform.targetFormat(), DOWNLOAD, null,
                    transform.operations(), transform.jsonata());
        } else if (step instanceof WorkflowStep.Convert convert) {
            job.workflowType = Intents.DATA_TRANSFORM;
            StoredFile input = input(convert.input(), files);
            parameters = new TransformData(null, null, null, StepFiles.nameOf(convert.input(), input), input.key(),
                    input.mediaType(), input.sizeBytes(), convert.targetFormat(), DOWNLOAD, null);
        } else if (step instanceof WorkflowStep.Analyse analyse) {
            job.workflowType = Intents.DOCUMENT_ANALYTICS;
            StoredFile input = input(analyse.input(), files);
            parameters = new AnalyzeDocument(null, null, null, input.key(), StepFiles.nameOf(analyse.input(), input),
                    input.mediaType(), input.sizeBytes(), ALL_ANALYSES, new AnalyzeDocument.Output(
                            analyse.format() == null ? "pdf" : analyse.format(), "download", null, null), null);
        } else {
            return message(job, asked, (WorkflowStep.Notify) step, context, files);
        }
        job.inputData = EventJson.write(parameters);
        return job;
    }

    /** A notify step's job: done at once, its message handed to notification-service. */
    private static Execution message(Execution job, RunWorkflow asked, WorkflowStep.Notify notify, JsonNode context,
            Map<String, StoredFile> files) {
        job.workflowType = Intents.NOTIFICATION;
        String text = render(notify.message(), context);
        if (text.length() > MAX_MESSAGE_CHARS) {
            throw new CodedException("message_too_long", "The step '" + notify.name() + "' made a message of "
                    + text.length() + " characters; a message has at most " + MAX_MESSAGE_CHARS,
                    JsonNodeFactory.instance.objectNode().put("max_chars", MAX_MESSAGE_CHARS));
        }
        String subject = notify.subject() == null ? null : render(notify.subject(), context);
        String to = notify.to() == null ? null : render(notify.to(), context).strip();
        boolean email = NotificationRequested.EMAIL.equals(notify.channel());
        if (email && (to == null || to.isEmpty())) {
            to = asked.ownerEmail();
        }
        if (to == null || to.isEmpty()) {
            throw new CodedException("no_recipient", "The step '" + notify.name() + "' has nowhere to send to");
        }
        StoredFile attachment = notify.attach() == null ? null : input(notify.attach(), files);
        String name = subject != null && !subject.isBlank() ? subject : text;
        SendMessage message = new SendMessage(name.length() > NAME_CHARS ? name.substring(0, NAME_CHARS) : name, text,
                asked.ownerEmail(), new AnalyzeDocument.Output(null, notify.channel(), email ? to : null,
                        email ? null : to));
        job.inputData = EventJson.write(message);
        job.advance(Status.COMPLETED, Instant.now());
        job.outputData = EventJson.write(new NotificationResult(text, asked.ownerEmail(), Narrative.of(text), subject,
                attachment, attachment == null ? null : StepFiles.nameOf(notify.attach(), attachment)));
        return job;
    }

    private static StoredFile input(String stepName, Map<String, StoredFile> files) {
        StoredFile file = files.get(stepName);
        if (file == null) {
            throw new CodedException("step_input_missing", "trigger".equals(stepName)
                    ? "The run was started without a payload for its steps to read"
                    : "The step '" + stepName + "' made no file to read",
                    JsonNodeFactory.instance.objectNode().put("input", stepName));
        }
        return file;
    }

    private static String render(String text, JsonNode context) {
        return text == null ? null : Template.compile(text).render(context, ExpressionBounds.DEFAULT);
    }

    /** A body's strings rendered as templates, everything else as written. */
    private static JsonNode renderStrings(JsonNode node, JsonNode context) {
        if (node == null) {
            return null;
        }
        if (node.isTextual()) {
            return JsonNodeFactory.instance.textNode(render(node.textValue(), context));
        }
        if (node.isArray()) {
            var array = JsonNodeFactory.instance.arrayNode();
            node.forEach(item -> array.add(renderStrings(item, context)));
            return array;
        }
        if (node.isObject()) {
            ObjectNode object = JsonNodeFactory.instance.objectNode();
            for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext();) {
                Map.Entry<String, JsonNode> field = it.next();
                object.set(field.getKey(), renderStrings(field.getValue(), context));
            }
            return object;
        }
        return node;
    }
}
