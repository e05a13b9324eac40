package io.autoflow.events;

/**
 * The parameters of a {@code notification} intent: a message the user asked the platform to send, now or as each
 * run of a schedule (a reminder). The orchestrator hands it over itself; no worker is involved.
 *
 * @param name what the user will recognise the job by: the message's beginning
 * @param requestedBy the email of the user who asked, so that a recipient knows who sent it
 * @param output where it goes: email (to {@code output.email}) or webhook
 */
public record SendMessage(String name, String message, String requestedBy, AnalyzeDocument.Output output) {

    /** The most a message may say. */
    public static final int MAX_CHARS = 2000;
}
