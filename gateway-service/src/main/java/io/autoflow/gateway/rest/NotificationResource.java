package io.autoflow.gateway.rest;

import io.autoflow.events.Intents;
import io.autoflow.events.SendMessage;
import io.autoflow.gateway.auth.CurrentUser;
import io.autoflow.gateway.idempotency.Idempotent;
import io.autoflow.gateway.service.JobIntake;
import io.autoflow.ingest.UrlFetchConfig;
import io.smallrye.mutiny.Uni;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.UUID;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/**
 * Messages: {@code POST /api/notifications} sends a message by email (to the caller, unless another address is
 * given) or to a webhook; a schedule can send one again and again (a reminder). The message says who asked for it.
 */
@Tag(name = "Messages", description = "Send a message by email or webhook, to oneself or to someone else.")
@Path("/api/notifications")
public class NotificationResource {

    private static final int NAME_CHARS = 60;

    private final CurrentUser user;
    private final JobIntake intake;
    private final UrlFetchConfig urlFetch;

    public NotificationResource(CurrentUser user, JobIntake intake, UrlFetchConfig urlFetch) {
        this.user = user;
        this.intake = intake;
        this.urlFetch = urlFetch;
    }

    /** A message to send. */
    @Schema(name = "NotificationRequest", requiredProperties = "message")
    public record NotificationRequest(
            @Schema(description = "What the message says", maxLength = SendMessage.MAX_CHARS) String message,
            @Schema(description = "delivery email (the default, to output.email or the caller) or webhook")
            AnalyticsRequest.Output output) {
    }

    @Operation(operationId = "sendMessage", summary = "Send a message by email or webhook",
            description = "Sends a message by email (the default: to output.email, else the caller) or to a webhook."
                    + " An email to oneself is a reminder; one to anyone else says who sent it and takes their "
                    + "answers (Reply-To).")
    @APIResponse(responseCode = "202", description = "The job is queued: follow it at /api/jobs/{job_id}",
            content = @Content(mediaType = "application/json",
                    schema = @Schema(implementation = DocumentAnalyticsResource.Accepted.class)))
    @POST
    @Idempotent
    @Parameter(ref = Idempotent.PARAMETER)
    @Consumes(MediaType.APPLICATION_JSON)
    @Produces(MediaType.APPLICATION_JSON)
    public Uni<Response> submit(NotificationRequest request) {
        UUID jobId = intake.newJobId();
        SendMessage message = prepare(request);
        return intake.accept(jobId, Intents.NOTIFICATION, message.name(), 0, message)
                .map(job -> DocumentAnalyticsResource.Accepted.response(jobId, 1));
    }

    /** Checks a message and where it goes; the answer is the parameters it is sent with. */
    public SendMessage prepare(NotificationRequest request) {
        String text = request == null || request.message() == null ? "" : request.message().strip();
        if (text.isEmpty()) {
            throw new ApiException(ErrorCode.MISSING_MESSAGE, "Say what to send in 'message'");
        }
        if (text.codePointCount(0, text.length()) > SendMessage.MAX_CHARS) { // characters, not UTF-16 units
            throw new ApiException(ErrorCode.MESSAGE_TOO_LONG, "A message has at most " + SendMessage.MAX_CHARS
                    + " characters");
        }
        AnalyticsRequest.Output asked = request.output();
        if (asked == null || asked.delivery() == null || asked.delivery().equals("download")) {
            // A message is sent somewhere: to the caller's own address unless told otherwise.
            asked = new AnalyticsRequest.Output(null, "email", asked == null ? null : asked.email(), null);
        }
        AnalyticsRequest.Output output = AnalyticsRequest.validatedDelivery(asked, user.email(),
                urlFetch.allowLoopback());
        String firstLine = text.lines().findFirst().orElse(text);
        String name = firstLine.length() <= NAME_CHARS ? firstLine : firstLine.substring(0, NAME_CHARS - 1) + "…";
        return new SendMessage(name, text, user.email(), output.toEvent());
    }
}
