package io.autoflow.orchestrator.metrics;

import io.autoflow.events.Intents;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Pattern;

/**
 * Label values of the job meters, drawn from bounded sets whatever an event says, so no series is ever made per job
 * or per user: a workflow type is one the platform knows or {@code unknown}; an error code is a stable lower snake
 * case code (anything else is {@code invalid}), and past {@link #MAX_ERROR_CODES} distinct codes the rest count as
 * {@code other}. Workers write their codes from constants, so in practice the cap is never reached.
 */
public final class JobLabels {

    /** The workflow types a job can have; intents outside them fail at once with {@code unknown_intent}. */
    public static final List<String> WORKFLOW_TYPES = List.of(Intents.DOCUMENT_ANALYTICS, Intents.SCHEDULE_TASK,
            Intents.API_AUTOMATION, Intents.DATA_TRANSFORM, Intents.NOTIFICATION, Intents.WORKFLOW_RUN);
    public static final String UNKNOWN = "unknown";
    /** The error code of a completed job. */
    public static final String NO_ERROR = "none";
    static final int MAX_ERROR_CODES = 64;

    private static final Pattern ERROR_CODE = Pattern.compile("[a-z][a-z0-9_]{0,47}");

    private final Set<String> errorCodesSeen = ConcurrentHashMap.newKeySet();

    public static String workflowType(String type) {
        return WORKFLOW_TYPES.contains(type) ? type : UNKNOWN;
    }

    /** The code as a label: {@code none} for no code, {@code invalid} or {@code other} when it cannot be one. */
    public String errorCode(String code) {
        if (code == null) {
            return NO_ERROR;
        }
        if (!ERROR_CODE.matcher(code).matches()) {
            return "invalid";
        }
        if (errorCodesSeen.contains(code)) {
            return code;
        }
        synchronized (errorCodesSeen) {
            if (errorCodesSeen.size() >= MAX_ERROR_CODES) {
                return "other";
            }
            errorCodesSeen.add(code);
            return code;
        }
    }
}
