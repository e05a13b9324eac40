package io.autoflow.notification.channel;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.autoflow.events.Intents;
import io.autoflow.events.NotificationRequested;
import io.autoflow.notification.config.DeliveryConfig;
import io.autoflow.notification.store.Notification;
import io.autoflow.notification.webhook.UnreadableSecretException;
import io.autoflow.notification.webhook.WebhookSecrets;
import io.autoflow.notification.webhook.WebhookSignature;
import io.autoflow.outbound.OutboundUrls;
import io.autoflow.outbound.PinnedRequests;
import io.autoflow.outbound.UnresolvedHostException;
import io.autoflow.outbound.UrlNotAllowedException;
import io.autoflow.service.tracing.TracedCalls;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.http.HttpClientResponse;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.RequestOptions;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import java.net.InetAddress;
import java.net.URI;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.stream.Collectors;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * POSTs the job's outcome to the user's URL, signed as the Standard Webhooks specification asks: the
 * {@code webhook-id} is the notification's (the same on every retry, so receivers can drop a repeat), and the
 * signature covers id, timestamp and body. The URL obeys the platform's SSRF rules at every attempt (the address is
 * resolved, checked and connected to directly); redirects are not followed.
 */
@ApplicationScoped
public class WebhookChannel implements Channel {

    private final Vertx vertx;
    private final HttpClient client;
    private final WebhookSecrets secrets;
    private final JobSummary summary;
    private final ObjectMapper json;
    private final DeliveryConfig config;
    private final boolean allowLoopback;

    public WebhookChannel(Vertx vertx, WebhookSecrets secrets, JobSummary summary, ObjectMapper json,
            DeliveryConfig config,
            @ConfigProperty(name = "autoflow.url-fetch.allow-loopback", defaultValue = "false") boolean allowLoopback) {
        this.secrets = secrets;
        this.summary = summary;
        this.json = json;
        this.config = config;
        this.allowLoopback = allowLoopback;
        this.vertx = vertx;
        this.client = vertx.createHttpClient(new HttpClientOptions()
                .setConnectTimeout((int) config.webhookTimeout().toMillis()).setMaxRedirects(0));
    }

    @PreDestroy
    void close() {
        client.close();
    }

    @Override
    public String name() {
        return NotificationRequested.WEBHOOK;
    }

    @Override
    public Outcome send(Notification notification) {
        NotificationRequested request = notification.request();
        List<String> signingSecrets;
        try {
            signingSecrets = secrets.signing(request.userId());
        } catch (UnreadableSecretException e) {
            return Outcome.fail(null, "webhook_secret_unreadable", "The webhook secret can no longer be read (the"
                    + " platform's key changed): make a new one with POST /api/me/webhook-secret");
        }
        if (signingSecrets.isEmpty()) {
            return Outcome.fail(null, "webhook_secret_missing",
                    "No webhook secret: create one with POST /api/me/webhook-secret, then webhooks are signed with it");
        }
        URI uri;
        InetAddress address;
        try {
            uri = OutboundUrls.parse(request.target());
            address = OutboundUrls.resolve(uri.getHost(), allowLoopback);
        } catch (UrlNotAllowedException e) {
            return Outcome.fail(null, "url_not_allowed", "The webhook URL cannot be called: " + e.getMessage());
        } catch (UnresolvedHostException e) {
            return Outcome.unresolved(e.getMessage());
        }
        String body = body(notification);
        long timestamp = Instant.now().getEpochSecond();
        String id = "msg_" + notification.id();
        RequestOptions options = PinnedRequests.to(uri, address, HttpMethod.POST)
                .setTimeout(config.webhookTimeout().toMillis())
                .putHeader("content-type", "application/json")
                .putHeader("user-agent", "Autoflow-Webhooks/1")
                .putHeader("webhook-id", id)
                .putHeader("webhook-timestamp", Long.toString(timestamp))
                .putHeader("webhook-signature", signingSecrets.stream()
                        .map(secret -> WebhookSignature.sign(secret, id, timestamp, body))
                        .collect(Collectors.joining(" ")));
        try {
            // In the job's trace: the receiver gets its traceparent.
            int status = TracedCalls.inCallersTrace(vertx, () -> client.request(options)
                    .compose(r -> r.send(Buffer.buffer(body)))
                    .compose(response -> response.body().map(ignored -> response))
                    .map(HttpClientResponse::statusCode))
                    .toCompletionStage().toCompletableFuture()
                    .get(config.webhookTimeout().toMillis() + 1000, TimeUnit.MILLISECONDS);
            return classify(status);
        } catch (TimeoutException e) {
            return Outcome.retry(null, "webhook_timeout", "The webhook did not answer within "
                    + config.webhookTimeout().toSeconds() + " s");
        } catch (ExecutionException e) {
            return Outcome.retry(null, "webhook_unreachable", "The webhook could not be reached: "
                    + e.getCause().getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Outcome.retry(null, "webhook_unreachable", "Interrupted");
        }
    }

    /** 2xx delivers; 408, 429 and 5xx are worth another try; any other answer will not change. */
    static Outcome classify(int status) {
        if (status / 100 == 2) {
            return Outcome.delivered(status);
        }
        if (status == 408 || status == 429 || status / 100 == 5) {
            return Outcome.retry(status, "webhook_unavailable", "The webhook answered HTTP " + status);
        }
        return Outcome.fail(status, "webhook_rejected", "The webhook answered HTTP " + status
                + (status / 100 == 3 ? " (redirects are not followed)" : ""));
    }

    /** The seed's success or error shape, in a Standard Webhooks envelope ({@code type}, {@code timestamp}, {@code data}). */
    private String body(Notification notification) {
        NotificationRequested request = notification.request();
        ObjectNode envelope = json.createObjectNode();
        boolean completed = summary.completed(request);
        envelope.put("type", completed ? "job.completed" : "job.failed");
        envelope.put("timestamp", notification.createdAt().toString());
        ObjectNode data = envelope.putObject("data");
        data.put("job_id", request.executionId());
        data.put("workflow_type", request.workflowType());
        data.put("name", summary.name(request));
        data.put("status", completed ? "completed" : "failed");
        data.put("job_url", summary.jobUrl(request));
        if (completed) {
            JobSummary.Linked report = summary.report(notification);
            boolean automation = Intents.API_AUTOMATION.equals(request.workflowType());
            boolean message = Intents.NOTIFICATION.equals(request.workflowType());
            if (report != null) {
                data.put(automation ? "answer_url" : Intents.DATA_TRANSFORM.equals(request.workflowType())
                        ? "file_url" : message ? "attachment_url" : "report_url", report.url());
            }
            if (automation) {
                data.put("status_code", request.result().path("status_code").asInt());
            }
            if (message) {
                String subject = summary.subject(request);
                if (subject != null) {
                    data.put("subject", subject);
                }
                data.put("message", request.result().path("message").asText());
                if (report != null) {
                    data.put("attachment_name", report.fileName());
                }
            }
            var charts = data.putArray("charts");
            summary.charts(notification).forEach(c -> charts.addObject().put("title", c.title()).put("url", c.url()));
            var insights = data.putArray("insights");
            summary.insights(request).forEach(insights::add);
            data.put("narrative", summary.narrative(request));
            data.put("delivery_status", "delivered");
        } else if (request.error() != null) {
            ObjectNode error = data.putObject("error");
            error.put("code", request.error().code()).put("message", request.error().message());
            error.set("details", request.error().details());
        }
        return envelope.toString();
    }
}
