package io.autoflow.events;

/**
 * Request to the automation service: call an API once and keep its answer. It is also the {@code parameters} of an
 * {@code api_automation} intent (with the ids left out, as the envelope carries them).
 *
 * @param name what the user will recognise the job by, e.g. {@code GET api.example.com/rates}
 * @param requestKey where the call's headers and body are kept ({@link AutomationRequest} as JSON), or null when it
 *        has none: they may hold credentials, so they live in the encrypted blob store, never in events or rows
 * @param output how the answer is handed over (its format is unused)
 * @param request a workflow step's headers, body and credential name, carried here as its owner wrote them in the
 *        workflow (secrets belong in stored credentials, applied by name); null for a call with a requestKey
 */
public record RunAutomation(String executionId, String userId, String tier, String name, String method, String url,
        String requestKey, AnalyzeDocument.Output output, AutomationRequest request) {

    /** A call whose headers and body, if any, are in the blob store. */
    public RunAutomation(String executionId, String userId, String tier, String name, String method, String url,
            String requestKey, AnalyzeDocument.Output output) {
        this(executionId, userId, tier, name, method, url, requestKey, output, null);
    }

    public static final String TYPE = "io.autoflow.workflow.run-automation.v1";
}
