package io.autoflow.notification.channel;

import com.fasterxml.jackson.databind.JsonNode;
import io.autoflow.blob.SignedLinks;
import io.autoflow.events.ExecutionEvent;
import io.autoflow.events.Intents;
import io.autoflow.events.NotificationRequested;
import io.autoflow.notification.config.DeliveryConfig;
import io.autoflow.notification.store.Notification;
import io.autoflow.service.files.FileNames;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * What an email or a webhook says about a finished job, the same for every attempt: its links expire a fixed time
 * after the request (not after the attempt), so a retried webhook carries the very same body.
 */
@ApplicationScoped
public class JobSummary {

    private static final int MAX_INSIGHTS = 5;
    /** A file name's extension: a dot, then 1 to 10 letters or digits, at its end. */
    private static final java.util.regex.Pattern EXTENSION = java.util.regex.Pattern.compile("\\.[A-Za-z0-9]{1,10}$");

    private final SignedLinks links;
    private final String publicUrl;
    private final DeliveryConfig config;

    public JobSummary(SignedLinks links, @ConfigProperty(name = "autoflow.public-url") String publicUrl,
            DeliveryConfig config) {
        this.links = links;
        this.publicUrl = publicUrl.replaceAll("/+$", "");
        this.config = config;
    }

    /** A file of the job's result and the link that downloads it without an API key. */
    @io.quarkus.qute.TemplateData
    public record Linked(String title, String key, String fileName, long sizeBytes, String mediaType, String url) {
    }

    public boolean completed(NotificationRequested request) {
        return request.status() == ExecutionEvent.Status.COMPLETED;
    }

    public String name(NotificationRequested request) {
        return request.jobName() == null || request.jobName().isBlank() ? "your job" : request.jobName();
    }

    /** The job's page in the web app. */
    public String jobUrl(NotificationRequested request) {
        return publicUrl + "/jobs/" + request.executionId();
    }

    /**
     * The file the job made for its user: an analysis's report, the answer an API call got, or converted data. Null
     * when there is none; its key must lie under the job's own prefix. For a message (a workflow's notify step), the
     * earlier step's file sent with it, under the name the workflow gave it.
     */
    public Linked report(Notification notification) {
        NotificationRequested request = notification.request();
        if (Intents.NOTIFICATION.equals(request.workflowType())) {
            return attachment(notification);
        }
        JsonNode report = result(request).path("report");
        String title = "The report";
        // A document's name loses its extension (sales.csv -> sales-report.pdf); a call's name has none to lose.
        String fileName = name(request).replaceAll("\\.[^.]*$", "") + "-report";
        if (Intents.API_AUTOMATION.equals(request.workflowType())) {
            report = result(request).path("response");
            title = "The API's answer";
            fileName = name(request) + "-answer";
        } else if (Intents.DATA_TRANSFORM.equals(request.workflowType())) {
            report = result(request).path("file");
            title = "The converted data";
            fileName = name(request).replaceAll("\\.[^.]*$", "");
        }
        String key = report.path("key").asText(null);
        if (key == null || !ownKey(request, key)) {
            return null;
        }
        // The name as the user wrote it, in any script: emails and downloads carry it in UTF-8 (FileNames).
        fileName = FileNames.safe(fileName + "." + key.substring(key.lastIndexOf('.') + 1));
        return new Linked(title, key, fileName, report.path("size_bytes").asLong(-1),
                report.path("media_type").asText("application/octet-stream"), link(notification, key, fileName));
    }

    /**
     * A message's attachment: the file of an earlier step of the same user's workflow, so under the user's own prefix
     * but another job's ({@code transforms/<user>/<that step's job>/file.xlsx}); a key elsewhere is neither sent
     * nor linked. Named as the workflow says ({@code attachment_name}), the key's extension added to a name without
     * one; without a name, the key's own file name.
     */
    private Linked attachment(Notification notification) {
        NotificationRequested request = notification.request();
        JsonNode attachment = result(request).path("attachment");
        String key = attachment.path("key").asText(null);
        if (key == null || !usersKey(request, key)) {
            return null;
        }
        String stored = key.substring(key.lastIndexOf('/') + 1);
        String name = result(request).path("attachment_name").asText("").strip();
        String fileName;
        if (name.isEmpty()) {
            fileName = stored;
        } else if (!EXTENSION.matcher(name).find() && EXTENSION.matcher(stored).find()) {
            fileName = name + stored.substring(stored.lastIndexOf('.'));
        } else {
            fileName = name;
        }
        fileName = FileNames.safe(fileName);
        return new Linked("The file", key, fileName, attachment.path("size_bytes").asLong(-1),
                attachment.path("media_type").asText("application/octet-stream"), link(notification, key, fileName));
    }

    /** A message's subject as its owner wrote it (on one line), or null when there is none. */
    public String subject(NotificationRequested request) {
        if (!Intents.NOTIFICATION.equals(request.workflowType())) {
            return null;
        }
        String subject = result(request).path("subject").asText("")
                .replaceAll("[\\p{Cntrl}\\p{Zl}\\p{Zp}]+", " ").strip();
        return subject.isEmpty() ? null : subject;
    }

    /** What the job's email is about, e.g. "Your report on sales.csv is ready". */
    public String headline(NotificationRequested request) {
        if (!completed(request)) {
            return name(request) + ": the job failed";
        }
        return switch (String.valueOf(request.workflowType())) {
            case Intents.API_AUTOMATION -> "Your API call " + name(request) + " is done";
            case Intents.NOTIFICATION -> subject(request) != null ? subject(request)
                    : request.target().equalsIgnoreCase(requestedBy(request))
                    ? "Reminder from Autoflow: " + name(request)
                    : "A message from " + requestedBy(request) + " via Autoflow";
            case Intents.DATA_TRANSFORM -> "Your data from " + name(request) + " is ready as "
                    + result(request).path("target_format").asText("").toUpperCase(java.util.Locale.ROOT);
            default -> "Your report on " + name(request) + " is ready";
        };
    }

    public List<Linked> charts(Notification notification) {
        List<Linked> charts = new ArrayList<>();
        for (JsonNode chart : result(notification.request()).path("charts")) {
            String key = chart.path("key").asText(null);
            if (key != null && ownKey(notification.request(), key)) {
                String fileName = key.substring(key.lastIndexOf('/') + 1);
                charts.add(new Linked(chart.path("title").asText("Chart"), key, fileName, -1, "image/png",
                        link(notification, key, fileName)));
            }
        }
        return charts;
    }

    /** The first few insights, in words. */
    public List<String> insights(NotificationRequested request) {
        List<String> texts = new ArrayList<>();
        for (JsonNode insight : result(request).path("insights")) {
            if (texts.size() == MAX_INSIGHTS) {
                break;
            }
            texts.add(insight.path("text").asText());
        }
        return texts;
    }

    /** Who asked for a message to be sent, as the orchestrator recorded it. */
    public String requestedBy(NotificationRequested request) {
        return result(request).path("requested_by").asText("an Autoflow user");
    }

    public String narrative(NotificationRequested request) {
        return result(request).path("narrative").path("text").asText(null);
    }

    private String link(Notification notification, String key, String fileName) {
        Instant expires = notification.createdAt().plus(config.linkValidity());
        return publicUrl + "/files/" + links.token(key, fileName, expires);
    }

    /** Workers write under {@code <kind>/<user>/<job>/}; a key elsewhere is never linked. */
    private static boolean ownKey(NotificationRequested request, String key) {
        return key.matches("[a-z]+/" + java.util.regex.Pattern.quote(request.userId() + "/" + request.executionId())
                + "/[A-Za-z0-9._/-]+") && !key.contains("..");
    }

    /**
     * A file of any of the user's jobs, {@code <kind>/<user>/<job>/...}: only for a message's attachment, which the
     * orchestrator took from an earlier step of the same user's workflow.
     */
    private static boolean usersKey(NotificationRequested request, String key) {
        return request.userId() != null && !request.userId().isBlank()
                && key.matches("[a-z]+/" + java.util.regex.Pattern.quote(request.userId())
                        + "/[A-Za-z0-9_-]+/[A-Za-z0-9._/-]+")
                && !key.contains("..") && !key.endsWith("/");
    }

    private static JsonNode result(NotificationRequested request) {
        return request.result() == null ? com.fasterxml.jackson.databind.node.MissingNode.getInstance()
                : request.result();
    }
}
