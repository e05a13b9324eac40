package io.autoflow.notification;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.autoflow.blob.SignedLinks;
import io.autoflow.events.EventJson;
import io.autoflow.events.ExecutionEvent;
import io.autoflow.events.NotificationRequested;
import io.autoflow.notification.channel.JobSummary;
import io.autoflow.notification.config.DeliveryConfig;
import io.autoflow.notification.store.Notification;
import java.lang.reflect.Proxy;
import java.time.Duration;
import java.time.Instant;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** Which file a message may send or link (issue 18): only one of its own user's, under the name it was given. */
class JobSummaryTest {

    private static final String USER = "3f0c6a52-41a4-4f5e-9d1e-1c0f3f6ad001";
    private static final String EARLIER_STEP = "9b7e2d10-5c8a-4f11-8a55-0e2b7c4d9f02";
    private static final SignedLinks LINKS = new SignedLinks("a-test-signing-key-of-at-least-32-bytes");

    private final JobSummary summary = new JobSummary(LINKS, "http://localhost:8080/", config());

    @Test
    void aMessageSendsAFileOfAnyOfItsUsersJobsUnderTheNameItWasGiven() {
        String key = "transforms/" + USER + "/" + EARLIER_STEP + "/file.xlsx";
        JobSummary.Linked linked = summary.report(message(key, "totals.xlsx", "Sales"));
        assertThat(linked).isNotNull();
        assertThat(linked.key()).isEqualTo(key);
        assertThat(linked.fileName()).isEqualTo("totals.xlsx");
        assertThat(linked.sizeBytes()).isEqualTo(1234);
        assertThat(linked.mediaType()).isEqualTo(Requests.XLSX);
        SignedLinks.Link link = LINKS.verify(linked.url().replaceAll(".*/files/", ""), Instant.now()).orElseThrow();
        assertThat(link.blobKey()).isEqualTo(key);
        assertThat(link.fileName()).isEqualTo("totals.xlsx");

        assertThat(summary.report(message(key, "EU totals", null)).fileName()).as("the key's extension added")
                .isEqualTo("EU totals.xlsx");
        assertThat(summary.report(message(key, "Q1 v1.2.csv", null)).fileName()).as("its own extension kept")
                .isEqualTo("Q1 v1.2.csv");
        assertThat(summary.report(message(key, null, null)).fileName()).as("no name: the key's")
                .isEqualTo("file.xlsx");
        assertThat(summary.report(message(key, "../../etc/\"passwd\"\n.xlsx", null)).fileName()).as("made safe")
                .isEqualTo(".._.._etc__passwd__.xlsx");
        assertThat(summary.report(message("automations/" + USER + "/" + EARLIER_STEP + "/response.json", "rates",
                null)).fileName()).isEqualTo("rates.json");
    }

    @Test
    void aFileOutsideItsUsersPrefixIsNeverSentNorLinked() {
        String other = UUID.randomUUID().toString();
        for (String key : new String[] {
                "transforms/" + other + "/" + EARLIER_STEP + "/file.xlsx",
                "transforms/" + USER + "x/" + EARLIER_STEP + "/file.xlsx",
                "transforms/x" + USER + "/" + EARLIER_STEP + "/file.xlsx",
                "transforms/" + USER + "/" + EARLIER_STEP + "/../../" + other + "/" + EARLIER_STEP + "/file.xlsx",
                "transforms/" + USER + "/../" + other + "/" + EARLIER_STEP + "/file.xlsx",
                "transforms/" + USER + "/file.xlsx",
                "/transforms/" + USER + "/" + EARLIER_STEP + "/file.xlsx",
                "Transforms/" + USER + "/" + EARLIER_STEP + "/file.xlsx",
                USER + "/" + EARLIER_STEP + "/file.xlsx",
                "transforms/" + USER + "/" + EARLIER_STEP + "/",
                ""}) {
            assertThat(summary.report(message(key, "totals.xlsx", null))).as(key).isNull();
        }
        assertThat(summary.report(message(null, "totals.xlsx", null))).as("no attachment").isNull();
    }

    @Test
    void otherJobsStillLinkOnlyTheirOwnFiles() {
        String job = UUID.randomUUID().toString();
        ObjectNode result = EventJson.mapper().createObjectNode();
        result.putObject("report").put("key", "reports/" + USER + "/" + EARLIER_STEP + "/report.pdf");
        assertThat(summary.report(notification(job, "document_analytics", "sales.csv", result)))
                .as("another job's report of the same user").isNull();
        result.putObject("report").put("key", "reports/" + USER + "/" + job + "/report.pdf");
        assertThat(summary.report(notification(job, "document_analytics", "sales.csv", result)).fileName())
                .isEqualTo("sales-report.pdf");
    }

    @Test
    void aMessagesSubjectIsItsHeadline() {
        String key = "transforms/" + USER + "/" + EARLIER_STEP + "/file.xlsx";
        assertThat(summary.headline(message(key, null, "Sales by product").request())).isEqualTo("Sales by product");
        assertThat(summary.headline(message(key, null, " Sales\r\nBcc: x@example.com ").request()))
                .as("on one line").isEqualTo("Sales Bcc: x@example.com");
        assertThat(summary.headline(message(key, null, "  ").request()))
                .isEqualTo("A message from owner@example.com via Autoflow");
        assertThat(summary.headline(message(key, null, null).request()))
                .isEqualTo("A message from owner@example.com via Autoflow");
        assertThat(summary.subject(message(key, null, null).request())).isNull();
    }

    private static Notification message(String key, String attachmentName, String subject) {
        ObjectNode result = EventJson.mapper().createObjectNode().put("message", "Attached.")
                .put("requested_by", "owner@example.com");
        if (subject != null) {
            result.put("subject", subject);
        }
        if (key != null) {
            result.putObject("attachment").put("key", key).put("media_type", Requests.XLSX).put("size_bytes", 1234);
        }
        if (attachmentName != null) {
            result.put("attachment_name", attachmentName);
        }
        return notification(UUID.randomUUID().toString(), "notification", "send", result);
    }

    private static Notification notification(String job, String workflowType, String name, ObjectNode result) {
        NotificationRequested request = new NotificationRequested(NotificationRequested.idFor(job, "email"), job,
                USER, "email", "someone@example.com", workflowType, name, ExecutionEvent.Status.COMPLETED, result,
                null, Instant.now());
        return new Notification(request, 0, Instant.now(), Instant.now().plus(Duration.ofHours(2)), null);
    }

    /** Only the link validity is read. */
    private static DeliveryConfig config() {
        return (DeliveryConfig) Proxy.newProxyInstance(DeliveryConfig.class.getClassLoader(),
                new Class<?>[] {DeliveryConfig.class}, (proxy, method, args) -> {
                    if (method.getName().equals("linkValidity")) {
                        return Duration.ofDays(7);
                    }
                    throw new UnsupportedOperationException(method.getName());
                });
    }
}
