package io.autoflow.notification;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.autoflow.blob.BlobStore;
import io.autoflow.events.DeliveryEvent;
import io.autoflow.events.ErrorInfo;
import io.autoflow.events.EventJson;
import io.autoflow.events.ExecutionEvent;
import io.autoflow.events.NotificationRequested;
import io.autoflow.events.Topics;
import io.autoflow.testsupport.KafkaTestClient;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.UUID;

/** Delivery requests as the orchestrator sends them, for a job whose report is stored as a worker stores it. */
final class Requests {

    private Requests() {
    }

    /** A completed job of a new user, its report of {@code reportBytes} stored, asking for delivery by the channel. */
    static NotificationRequested completed(BlobStore blobs, String channel, String target, byte[] reportBytes)
            throws IOException {
        return completed(blobs, channel, target, reportBytes, UUID.randomUUID().toString());
    }

    /** Another finished job of the same user. */
    static NotificationRequested completed(BlobStore blobs, String channel, String target, byte[] reportBytes,
            String user) throws IOException {
        String job = UUID.randomUUID().toString();
        String prefix = "reports/" + user + "/" + job + "/";
        blobs.put(prefix + "report.pdf", new ByteArrayInputStream(reportBytes));
        blobs.put(prefix + "chart-1.png", new ByteArrayInputStream(new byte[] {(byte) 0x89, 'P', 'N', 'G'}));
        ObjectNode result = EventJson.mapper().createObjectNode();
        result.putObject("report").put("format", "pdf").put("media_type", "application/pdf")
                .put("key", prefix + "report.pdf").put("size_bytes", reportBytes.length);
        result.putArray("charts").addObject().put("title", "sales: revenue over time").put("key", prefix + "chart-1.png");
        var insights = result.putArray("insights");
        insights.addObject().put("kind", "trend").put("text", "Revenue rose by 12.5% a month <b>steadily</b>.");
        insights.addObject().put("kind", "anomaly").put("text", "Saturday 2024-03-09 was 4 times the usual.");
        result.putObject("narrative").put("text", "Sales grew all year.").put("source", "engine");
        return new NotificationRequested(NotificationRequested.idFor(job, channel), job, user, channel, target,
                "document_analytics", "sales.csv", ExecutionEvent.Status.COMPLETED, result, null, Instant.now());
    }

    /** A completed API automation of a new user, the API's JSON answer stored as the automation service stores it. */
    static NotificationRequested answered(BlobStore blobs, String channel, String target, String answer)
            throws IOException {
        String user = UUID.randomUUID().toString();
        String job = UUID.randomUUID().toString();
        String key = "automations/" + user + "/" + job + "/response.json";
        byte[] bytes = answer.getBytes(java.nio.charset.StandardCharsets.UTF_8);
        blobs.put(key, new ByteArrayInputStream(bytes));
        ObjectNode result = EventJson.mapper().createObjectNode().put("status_code", 200)
                .put("content_type", "application/json").put("preview", answer);
        result.putObject("response").put("key", key).put("media_type", "application/json")
                .put("size_bytes", bytes.length);
        result.putObject("narrative").put("text", "GET https://api.example.com/rates answered 200 in 87 ms.");
        return new NotificationRequested(NotificationRequested.idFor(job, channel), job, user, channel, target,
                "api_automation", "GET api.example.com/rates", ExecutionEvent.Status.COMPLETED, result, null,
                Instant.now());
    }

    /** A completed data transform of a new user, the converted JSON stored as the transform service stores it. */
    static NotificationRequested converted(BlobStore blobs, String channel, String target, String json)
            throws IOException {
        String user = UUID.randomUUID().toString();
        String job = UUID.randomUUID().toString();
        String key = "transforms/" + user + "/" + job + "/sales.json";
        byte[] bytes = json.getBytes(java.nio.charset.StandardCharsets.UTF_8);
        blobs.put(key, new ByteArrayInputStream(bytes));
        ObjectNode result = EventJson.mapper().createObjectNode().put("target_format", "json").put("rows", 1);
        result.putObject("file").put("key", key).put("media_type", "application/json").put("size_bytes", bytes.length);
        result.putObject("narrative").put("text", "Converted sales.xlsx (1 table, 1 rows) to JSON.");
        return new NotificationRequested(NotificationRequested.idFor(job, channel), job, user, channel, target,
                "data_transform", "sales.xlsx", ExecutionEvent.Status.COMPLETED, result, null, Instant.now());
    }

    /** A message the orchestrator hands over as it is, asked for by {@code requestedBy}. */
    static NotificationRequested message(String target, String requestedBy, String text) {
        String job = UUID.randomUUID().toString();
        ObjectNode result = EventJson.mapper().createObjectNode().put("message", text)
                .put("requested_by", requestedBy);
        result.putObject("narrative").put("text", text);
        return new NotificationRequested(NotificationRequested.idFor(job, "email"), job, UUID.randomUUID().toString(),
                "email", target, "notification", text, ExecutionEvent.Status.COMPLETED, result, null, Instant.now());
    }

    static final String XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";

    /**
     * A workflow's notify step of {@code user}, as the orchestrator hands it over: a message with a subject and the
     * file an earlier step (another job) stored under {@code fileOwner}'s prefix, sent as {@code attachmentName}.
     */
    static NotificationRequested withAttachment(BlobStore blobs, String channel, String target, String user,
            String fileOwner, String subject, byte[] file, String attachmentName) throws IOException {
        String job = UUID.randomUUID().toString();
        String earlierStep = UUID.randomUUID().toString();
        String key = "transforms/" + fileOwner + "/" + earlierStep + "/file.xlsx";
        blobs.put(key, new ByteArrayInputStream(file));
        String text = "This week's EU revenue by product is attached.";
        ObjectNode result = EventJson.mapper().createObjectNode().put("message", text)
                .put("requested_by", "owner@example.com").put("subject", subject);
        result.putObject("narrative").put("text", text);
        result.putObject("attachment").put("key", key).put("media_type", XLSX).put("size_bytes", file.length);
        result.put("attachment_name", attachmentName);
        return new NotificationRequested(NotificationRequested.idFor(job, channel), job, user, channel, target,
                "notification", "send", ExecutionEvent.Status.COMPLETED, result, null, Instant.now());
    }

    /** The delivery report of the request with this status, from the delivery-events topic. */
    static DeliveryEvent awaitDeliveryEvent(KafkaTestClient kafka, NotificationRequested request,
            DeliveryEvent.Status status) throws IOException {
        var record = kafka.awaitRecord(Topics.DELIVERY_EVENTS, r -> r.value().contains(request.notificationId())
                && r.value().contains("\"" + status.name() + "\""), Duration.ofSeconds(20));
        return EventJson.mapper().readValue(record.value(), DeliveryEvent.class);
    }

    static NotificationRequested failed(String channel, String target) {
        String job = UUID.randomUUID().toString();
        return new NotificationRequested(NotificationRequested.idFor(job, channel), job, UUID.randomUUID().toString(),
                channel, target, "document_analytics", "broken.xlsx", ExecutionEvent.Status.FAILED, (JsonNode) null,
                ErrorInfo.of("corrupt_document", "The file is not a readable XLSX workbook"), Instant.now());
    }
}
