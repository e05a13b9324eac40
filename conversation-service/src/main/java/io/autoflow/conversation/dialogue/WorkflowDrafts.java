package io.autoflow.conversation.dialogue;

import io.autoflow.events.data.AggregateFunction;
import io.autoflow.events.data.DataOperation;
import io.autoflow.events.workflow.RetryPolicy;
import io.autoflow.events.workflow.WorkflowDefinition;
import io.autoflow.events.workflow.WorkflowStep;
import io.autoflow.events.workflow.WorkflowTrigger;
import io.autoflow.service.text.Phrases;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The workflow a chained request makes (issue 18), from the parameters the conversation gathered: fetch the URL
 * (with the stored credential named), keep the rows asked for and aggregate them into the file asked for, then email
 * it or send it to a webhook — on the schedule said, or once. The one place the draft is built; {@link Confirmations}
 * says it step by step from the same parameters.
 */
final class WorkflowDrafts {

    static final String FETCH = "fetch";
    static final String TABLE = "table";
    static final String SEND = "send";
    /**
     * The rows of an API's answer: the answer itself when it is a list, else its first field holding a list
     * ({@code {"data": [...], "page": 1}}); a CSV or Excel file is read as it is (JSONata applies to JSON only).
     */
    static final String ROWS = "$type($) = \"object\" ? ($k := $keys($)[$type($lookup($$, $)) = \"array\"][0];"
            + " $k ? $lookup($, $k) : $) : $";
    /** A third party that is briefly away is tried again, as people expect of a scheduled fetch. */
    private static final RetryPolicy FETCH_RETRY = new RetryPolicy(3, 10);
    private static final int MAX_NAME = 100;

    private WorkflowDrafts() {
    }

    static WorkflowDefinition draft(Map<String, Object> p, Phrases phrases) {
        String name = name(p, phrases);
        WorkflowTrigger trigger = p.containsKey("cron")
                ? new WorkflowTrigger(WorkflowTrigger.SCHEDULE, text(p, "cron"), text(p, "time_zone"), null)
                : new WorkflowTrigger(WorkflowTrigger.MANUAL, null, null, null);
        List<WorkflowStep> steps = new ArrayList<>();
        steps.add(new WorkflowStep.Http(FETCH, "GET", text(p, "url"), null, null, text(p, "credential"), FETCH_RETRY,
                null, null));
        steps.add(new WorkflowStep.Transform(TABLE, FETCH, ROWS, operations(p), text(p, "target_format"), null, null,
                null));
        String message = phrases.say("workflow.message", name);
        if ("email".equals(p.get("delivery"))) {
            String to = "me".equals(p.get("email")) ? null : text(p, "email"); // none: the owner's address
            steps.add(new WorkflowStep.Notify(SEND, "email", to, name, message, TABLE, null, null, null));
        } else if ("webhook".equals(p.get("delivery"))) {
            steps.add(new WorkflowStep.Notify(SEND, "webhook", text(p, "webhook_url"), null, message, TABLE, null, null,
                    null));
        } // download: the run's last step holds the file
        return new WorkflowDefinition(name, phrases.say("workflow.description"), trigger, steps);
    }

    /** The rows kept, then the groups: each operation the request says, in that order. */
    static List<DataOperation> operations(Map<String, Object> p) {
        List<DataOperation> operations = new ArrayList<>();
        if (p.containsKey("filter_column") && p.containsKey("filter_value")) {
            operations.add(new DataOperation.Filter(column(text(p, "filter_column")) + " "
                    + p.getOrDefault("filter_operator", "=") + " " + literal(text(p, "filter_value"))));
        }
        if (p.containsKey("aggregate") && p.containsKey("group_by")) {
            AggregateFunction function = AggregateFunction.valueOf(text(p, "aggregate").toUpperCase(Locale.ROOT));
            String column = function == AggregateFunction.COUNT ? null : text(p, "aggregate_column");
            operations.add(new DataOperation.GroupBy(List.of(text(p, "group_by")), List.of(
                    new DataOperation.Aggregate(function, column, column == null ? "count" : column))));
        }
        return operations;
    }

    /** "Total revenue by product", "Rows where region = EU": what the owner will recognise it by. */
    static String name(Map<String, Object> p, Phrases phrases) {
        String name = p.containsKey("aggregate") && p.containsKey("group_by")
                ? phrases.say("workflow.name." + p.get("aggregate"), p.get("aggregate_column"), p.get("group_by"))
                : phrases.say("workflow.name.filter", p.get("filter_column"), p.getOrDefault("filter_operator", "="),
                        p.get("filter_value"));
        return name.length() <= MAX_NAME ? name : name.substring(0, MAX_NAME - 1) + "…";
    }

    /** A column in a JSONata expression: as it is when a plain name, else in backticks. */
    private static String column(String name) {
        return name.matches("[A-Za-z_][A-Za-z0-9_]*") ? name : "`" + name.replace("`", "") + "`";
    }

    /** A number as a number, anything else as a JSONata string. */
    private static String literal(String value) {
        String number = value.replace(',', '.');
        if (number.matches("-?\\d+(\\.\\d+)?")) {
            return number;
        }
        return "\"" + value.replace("\\", "\\\\").replace("\"", "\\\"") + "\"";
    }

    private static String text(Map<String, Object> p, String name) {
        Object value = p.get(name);
        return value == null ? null : value.toString();
    }
}
