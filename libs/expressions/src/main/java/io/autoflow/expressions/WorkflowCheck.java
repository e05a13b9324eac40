package io.autoflow.expressions;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.autoflow.events.CodedException;
import io.autoflow.events.CronExpression;
import io.autoflow.events.TimeZones;
import io.autoflow.events.workflow.RetryPolicy;
import io.autoflow.events.workflow.WorkflowDefinition;
import io.autoflow.events.workflow.WorkflowStep;
import io.autoflow.events.workflow.WorkflowTrigger;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Pattern;

/**
 * Checks a workflow when it is saved, so that nothing a person wrote fails its run: the trigger, each step's required
 * fields, names and references (a step reads only the trigger or an earlier step), templates and expressions
 * compiled, data operations checked. A refusal points at the step (its index from 0, or none for the workflow's own
 * fields) and the field: {@code invalid_workflow}, or {@code invalid_expression} / {@code invalid_operation} with the
 * expression's position or the operation's index.
 */
public final class WorkflowCheck {

    private static final Pattern STEP_NAME = Pattern.compile("[a-z][a-z0-9_]{0,39}");
    private static final Set<String> METHODS = Set.of("GET", "POST", "PUT", "PATCH", "DELETE");
    private static final Set<String> FORMATS = Set.of("csv", "json", "xlsx");
    private static final Set<String> REPORTS = Set.of("pdf", "ppt", "excel");
    private static final Set<String> ON_ERROR = Set.of(WorkflowStep.STOP, WorkflowStep.CONTINUE,
            WorkflowStep.FALLBACK);
    private static final String TRIGGER_INPUT = "trigger";
    private static final java.util.Set<String> SECRET_HEADERS = java.util.Set.of("authorization",
            "proxy-authorization", "cookie", "x-api-key", "api-key");

    private WorkflowCheck() {
    }

    /** @param maxSteps the owner's tier's limit */
    public static void check(WorkflowDefinition workflow, int maxSteps) {
        if (workflow == null) {
            throw invalid(null, "name", "The workflow is empty");
        }
        text(null, "name", workflow.name(), 100);
        if (workflow.description() != null && workflow.description().length() > 1000) {
            throw invalid(null, "description", "description is at most 1,000 characters");
        }
        trigger(workflow.trigger());
        List<WorkflowStep> steps = workflow.steps();
        if (steps == null || steps.isEmpty()) {
            throw invalid(null, "steps", "A workflow needs at least one step");
        }
        if (steps.size() > maxSteps) {
            throw new CodedException("too_many_steps", "This workflow has " + steps.size() + " steps; the tier allows "
                    + maxSteps, JsonNodeFactory.instance.objectNode().put("max_steps", maxSteps));
        }
        Set<String> earlier = new LinkedHashSet<>();
        for (int i = 0; i < steps.size(); i++) {
            WorkflowStep step = steps.get(i);
            if (step == null) {
                throw invalid(i, "type", "The step is empty");
            }
            if (step.name() == null || !STEP_NAME.matcher(step.name()).matches()) {
                throw invalid(i, "name", "A step's name is 1 to 40 lower-case letters, digits or '_', starting with"
                        + " a letter (later steps refer to it)");
            }
            if (step.name().equals(TRIGGER_INPUT) || earlier.contains(step.name())) {
                throw invalid(i, "name", "Another step, or the trigger, is already named '" + step.name() + "'");
            }
            step(i, step, earlier);
            earlier.add(step.name());
        }
    }

    private static void trigger(WorkflowTrigger trigger) {
        if (trigger == null || trigger.type() == null) {
            throw invalid(null, "trigger.type", "trigger.type is manual, schedule or webhook");
        }
        switch (trigger.type()) {
            case WorkflowTrigger.MANUAL, WorkflowTrigger.WEBHOOK -> {
            }
            case WorkflowTrigger.SCHEDULE -> {
                try {
                    CronExpression.parse(trigger.cron());
                } catch (RuntimeException e) {
                    throw invalid(null, "trigger.cron", "trigger.cron cannot be read: " + e.getMessage());
                }
                if (trigger.timeZone() != null && TimeZones.iana(trigger.timeZone()).isEmpty()) {
                    throw invalid(null, "trigger.time_zone", TimeZones.refusal(trigger.timeZone()));
                }
            }
            default -> throw invalid(null, "trigger.type", "trigger.type is manual, schedule or webhook");
        }
    }

    private static void step(int at, WorkflowStep step, Set<String> earlier) {
        retry(at, step.retry());
        String onError = step.onError() == null ? WorkflowStep.STOP : step.onError();
        if (!ON_ERROR.contains(onError)) {
            throw invalid(at, "on_error", "on_error is stop, continue or fallback");
        }
        if (WorkflowStep.FALLBACK.equals(onError) != (step.fallback() != null)) {
            throw invalid(at, "fallback", "A fallback step goes with on_error fallback, and only with it");
        }
        if (step.fallback() != null) {
            if (step.fallback().fallback() != null) {
                throw invalid(at, "fallback.fallback", "A fallback step has no fallback of its own");
            }
            notify(at, "fallback.", step.fallback(), earlier);
        }
        if (step instanceof WorkflowStep.Http http) {
            String method = http.method() == null ? "GET" : http.method();
            if (!METHODS.contains(method)) {
                throw invalid(at, "method", "method is GET, POST, PUT, PATCH or DELETE");
            }
            template(at, "url", required(at, "url", http.url()));
            if (http.headers() != null) {
                for (Map.Entry<String, String> header : http.headers().entrySet()) {
                    if (SECRET_HEADERS.contains(header.getKey().toLowerCase(java.util.Locale.ROOT))) {
                        // A definition is stored and copied into each run: a secret in it would be kept in clear.
                        throw invalid(at, "headers." + header.getKey(), "A secret goes in a stored credential"
                                + " (POST /api/credentials), named by the step's credential, not in its headers");
                    }
                    template(at, "headers." + header.getKey(), header.getValue());
                }
            }
            if (http.body() != null) {
                strings(at, "body", http.body());
            }
            if (http.credential() != null && http.credential().isBlank()) {
                throw invalid(at, "credential", "credential names a stored credential");
            }
        } else if (step instanceof WorkflowStep.Transform transform) {
            input(at, transform.input(), earlier);
            if (transform.jsonata() != null) {
                expression(at, "jsonata", transform.jsonata());
            }
            try {
                DataOperationCheck.check(transform.operations(), earlier);
            } catch (CodedException e) {
                throw atStep(at, e);
            }
            format(at, "target_format", transform.targetFormat(), FORMATS);
        } else if (step instanceof WorkflowStep.Analyse analyse) {
            input(at, analyse.input(), earlier);
            if (analyse.format() != null) {
                format(at, "format", analyse.format(), REPORTS);
            }
        } else if (step instanceof WorkflowStep.Convert convert) {
            input(at, convert.input(), earlier);
            format(at, "target_format", convert.targetFormat(), FORMATS);
        } else if (step instanceof WorkflowStep.Notify notify) {
            notify(at, "", notify, earlier);
        }
    }

    private static void notify(int at, String prefix, WorkflowStep.Notify notify, Set<String> earlier) {
        if (!"email".equals(notify.channel()) && !"webhook".equals(notify.channel())) {
            throw invalid(at, prefix + "channel", "channel is email or webhook");
        }
        if ("webhook".equals(notify.channel())) {
            required(at, prefix + "to", notify.to());
        }
        template(at, prefix + "to", notify.to());
        template(at, prefix + "subject", notify.subject());
        template(at, prefix + "message", required(at, prefix + "message", notify.message()));
        if (notify.attach() != null && !earlier.contains(notify.attach())) {
            throw invalid(at, prefix + "attach", "attach names an earlier step ("
                    + (earlier.isEmpty() ? "there is none" : String.join(", ", earlier)) + ")");
        }
    }

    private static void retry(int at, RetryPolicy retry) {
        if (retry == null) {
            return;
        }
        if (retry.attempts() < 1 || retry.attempts() > 10) {
            throw invalid(at, "retry.max_attempts", "retry.max_attempts is 1 to 10");
        }
        if (retry.backoff() < 1 || retry.backoff() > 3600) {
            throw invalid(at, "retry.backoff_seconds", "retry.backoff_seconds is 1 to 3600");
        }
    }

    private static void input(int at, String input, Set<String> earlier) {
        required(at, "input", input);
        if (!input.equals(TRIGGER_INPUT) && !earlier.contains(input)) {
            List<String> names = new ArrayList<>();
            names.add(TRIGGER_INPUT);
            names.addAll(earlier);
            throw invalid(at, "input", "input names the trigger or an earlier step (" + String.join(", ", names)
                    + ")");
        }
    }

    private static void format(int at, String field, String value, Set<String> allowed) {
        if (value == null || !allowed.contains(value)) {
            throw invalid(at, field, field + " is one of " + String.join(", ", new TreeSet<>(allowed)));
        }
    }

    /** Every string inside a JSON body is a template. */
    private static void strings(int at, String field, JsonNode value) {
        if (value.isTextual()) {
            template(at, field, value.textValue());
        } else if (value.isObject()) {
            value.fields().forEachRemaining(entry -> strings(at, field + "." + entry.getKey(), entry.getValue()));
        } else if (value.isArray()) {
            for (int i = 0; i < value.size(); i++) {
                strings(at, field + "[" + i + "]", value.get(i));
            }
        }
    }

    private static void template(int at, String field, String text) {
        try {
            Template.compile(text);
        } catch (CodedException e) {
            throw atStep(at, withField(e, field));
        }
    }

    private static void expression(int at, String field, String expression) {
        try {
            JsonataExpression.compile(expression);
        } catch (CodedException e) {
            throw atStep(at, withField(e, field));
        }
    }

    private static CodedException withField(CodedException e, String field) {
        ObjectNode details = e.details() instanceof ObjectNode object ? object.deepCopy()
                : JsonNodeFactory.instance.objectNode();
        details.put("field", field);
        return new CodedException(e.code(), field + ": " + e.getMessage(), details);
    }

    /** A refusal of a step's part, told with the step. */
    private static CodedException atStep(int at, CodedException e) {
        ObjectNode details = e.details() instanceof ObjectNode object ? object.deepCopy()
                : JsonNodeFactory.instance.objectNode();
        details.put("step", at);
        return new CodedException(e.code(), "Step " + at + ", " + e.getMessage(), details);
    }

    private static String required(int at, String field, String value) {
        if (value == null || value.isBlank()) {
            throw invalid(at, field, field + " is required");
        }
        return value;
    }

    private static void text(Integer at, String field, String value, int max) {
        if (value == null || value.isBlank() || value.length() > max) {
            throw invalid(at, field, field + " is 1 to " + max + " characters");
        }
    }

    private static CodedException invalid(Integer step, String field, String message) {
        ObjectNode details = JsonNodeFactory.instance.objectNode();
        if (step != null) {
            details.put("step", step);
        }
        details.put("field", field);
        return new CodedException("invalid_workflow", (step == null ? "" : "Step " + step + ", ") + message,
                details);
    }
}
