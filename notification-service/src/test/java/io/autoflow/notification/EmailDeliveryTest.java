package io.autoflow.notification;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.autoflow.blob.SignedLinks;
import io.autoflow.events.DeliveryEvent;
import io.autoflow.events.NotificationRequested;
import io.autoflow.events.Topics;
import io.autoflow.notification.store.Attempt;
import io.autoflow.notification.store.NotificationStore;
import io.autoflow.testsupport.FlakyBlobStore;
import io.autoflow.testsupport.KafkaTestClient;
import io.autoflow.testsupport.KafkaTestResource;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import jakarta.mail.BodyPart;
import jakarta.mail.Header;
import jakarta.mail.Multipart;
import jakarta.mail.Part;
import jakarta.mail.internet.MimeMessage;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Emails through a real SMTP server (GreenMail), requests through a real Kafka broker. */
@QuarkusTest
@WithTestResource(KafkaTestResource.class)
@WithTestResource(SmtpServerResource.class)
class EmailDeliveryTest {

    private static final Duration WAIT = Duration.ofSeconds(20);

    @ConfigProperty(name = "kafka.bootstrap.servers")
    String bootstrapServers;

    @Inject
    FlakyBlobStore blobs;

    @Inject
    SignedLinks links;

    @Inject
    NotificationStore store;

    private KafkaTestClient kafka;

    @BeforeEach
    void setUp() {
        kafka = new KafkaTestClient(bootstrapServers);
    }

    @Test
    void theReportArrivesAttachedWithTheKeyFindingsInTheBody() throws Exception {
        byte[] report = bytes(20_000);
        NotificationRequested request = Requests.completed(blobs, "email", "ana@example.com", report);
        kafka.send(Topics.NOTIFICATIONS, request.executionId(), request);

        MimeMessage mail = awaitMailTo("ana@example.com");
        assertThat(mail.getSubject()).isEqualTo("Your report on sales.csv is ready");
        assertThat(mail.getHeader("Message-ID")[0]).isEqualTo("<" + request.notificationId() + "@autoflow>");
        Map<String, Object> parts = parts(mail);
        assertThat((byte[]) parts.get("attachment:sales-report.pdf")).isEqualTo(report);
        assertThat((String) parts.get("text/html"))
                .contains("Revenue rose by 12.5% a month &lt;b&gt;steadily&lt;/b&gt;.") // escaped, not markup
                .contains("Sales grew all year.")
                .contains("http://localhost:8080/jobs/" + request.executionId());
        assertThat((String) parts.get("text/plain")).contains("- Saturday 2024-03-09 was 4 times the usual.")
                .contains("The report is attached (sales-report.pdf).");

        DeliveryEvent delivered = awaitDeliveryEvent(request, DeliveryEvent.Status.DELIVERED);
        assertThat(delivered.attempt()).isEqualTo(1);
        assertThat(store.attempts(request.notificationId())).extracting(Attempt::status).containsExactly("delivered");
    }

    @Test
    void anApiCallsAnswerArrivesAttached() throws Exception {
        NotificationRequested request = Requests.answered(blobs, "email", "api@example.com", "{\"USD\":1.08}");
        kafka.send(Topics.NOTIFICATIONS, request.executionId(), request);

        MimeMessage mail = awaitMailTo("api@example.com");
        assertThat(mail.getSubject()).isEqualTo("Your API call GET api.example.com/rates is done");
        Map<String, Object> parts = parts(mail);
        assertThat(new String((byte[]) parts.get("attachment:GET api.example.com_rates-answer.json"),
                java.nio.charset.StandardCharsets.UTF_8)).isEqualTo("{\"USD\":1.08}");
        assertThat((String) parts.get("text/plain")).contains("answered 200 in 87 ms")
                .contains("The API's answer is attached (GET api.example.com_rates-answer.json).");
    }

    @Test
    void convertedDataArrivesAttachedUnderTheDocumentsName() throws Exception {
        NotificationRequested request = Requests.converted(blobs, "email", "data@example.com", "[{\"a\":1}]");
        kafka.send(Topics.NOTIFICATIONS, request.executionId(), request);

        MimeMessage mail = awaitMailTo("data@example.com");
        assertThat(mail.getSubject()).isEqualTo("Your data from sales.xlsx is ready as JSON");
        Map<String, Object> parts = parts(mail);
        assertThat(new String((byte[]) parts.get("attachment:sales.json"), java.nio.charset.StandardCharsets.UTF_8))
                .isEqualTo("[{\"a\":1}]");
        assertThat((String) parts.get("text/plain")).contains("The converted data is attached (sales.json).");
    }

    @Test
    void aMessageSaysWhoSentItAndAReminderSaysItIsOne() throws Exception {
        NotificationRequested toOthers = Requests.message("ops@example.com", "ana@example.com", "the backup <b>finished</b>");
        NotificationRequested toSelf = Requests.message("bo@example.com", "bo@example.com", "submit the timesheet");
        kafka.send(Topics.NOTIFICATIONS, toOthers.executionId(), toOthers);
        kafka.send(Topics.NOTIFICATIONS, toSelf.executionId(), toSelf);

        MimeMessage message = awaitMailTo("ops@example.com");
        assertThat(message.getSubject()).isEqualTo("A message from ana@example.com via Autoflow");
        assertThat(message.getReplyTo()[0].toString()).isEqualTo("ana@example.com");
        Map<String, Object> parts = parts(message);
        assertThat((String) parts.get("text/html")).contains("the backup &lt;b&gt;finished&lt;/b&gt;")
                .doesNotContain("/jobs/");
        assertThat((String) parts.get("text/plain"))
                .contains("Sent through Autoflow at the request of ana@example.com.");
        assertThat(awaitMailTo("bo@example.com").getSubject()).isEqualTo("Reminder from Autoflow: submit the timesheet");
    }

    /** Issue 18: a workflow's notify step sends an earlier step's file (another job's) under the name it gave. */
    @Test
    void aWorkflowsMessageArrivesWithItsSubjectAndTheEarlierStepsFileAttached() throws Exception {
        String user = UUID.randomUUID().toString();
        byte[] xlsx = bytes(5000);
        NotificationRequested request = Requests.withAttachment(blobs, "email", "weekly@example.com", user, user,
                "Sales by product", xlsx, "totals.xlsx");
        kafka.send(Topics.NOTIFICATIONS, request.executionId(), request);

        MimeMessage mail = awaitMailTo("weekly@example.com");
        assertThat(mail.getSubject()).isEqualTo("Sales by product");
        assertThat(mail.getReplyTo()[0].toString()).isEqualTo("owner@example.com");
        Map<String, Object> parts = parts(mail);
        assertThat((byte[]) parts.get("attachment:totals.xlsx")).isEqualTo(xlsx);
        assertThat(new jakarta.mail.internet.ContentType(attachmentOf(mail).getContentType()).getBaseType())
                .isEqualTo(Requests.XLSX);
        String text = (String) parts.get("text/plain");
        assertThat(text).startsWith("Sales by product.").doesNotContain("/files/").doesNotContain("/jobs/");
        assertThat(text.indexOf("This week's EU revenue by product is attached."))
                .isNotNegative().isLessThan(text.indexOf("The file is attached (totals.xlsx)."));
        assertThat((String) parts.get("text/html")).contains("<h1 style=\"font-size: 20px;\">Sales by product</h1>")
                .contains("The file is attached (totals.xlsx).").doesNotContain("/files/");
        awaitDeliveryEvent(request, DeliveryEvent.Status.DELIVERED);
    }

    @Test
    void aWorkflowsFileLargerThanTheAttachmentLimitIsLinkedUnderItsNameWithTheKeysExtension() throws Exception {
        String user = UUID.randomUUID().toString();
        NotificationRequested request = Requests.withAttachment(blobs, "email", "weekly-big@example.com", user, user,
                "Is it ready?", bytes(200_000), "EU totals");
        kafka.send(Topics.NOTIFICATIONS, request.executionId(), request);

        MimeMessage mail = awaitMailTo("weekly-big@example.com");
        assertThat(mail.getSubject()).isEqualTo("Is it ready?");
        Map<String, Object> parts = parts(mail);
        assertThat(parts.keySet()).noneMatch(k -> k.startsWith("attachment:"));
        String text = (String) parts.get("text/plain");
        assertThat(text).startsWith("Is it ready?").doesNotContain("ready?.")
                .contains("The file is too large to attach.");
        Matcher link = Pattern.compile("http://localhost:8080/files/([A-Za-z0-9_.-]+)").matcher(text);
        assertThat(link.find()).isTrue();
        SignedLinks.Link granted = links.verify(link.group(1), Instant.now()).orElseThrow();
        assertThat(granted.blobKey()).isEqualTo(request.result().path("attachment").path("key").asText());
        assertThat(granted.fileName()).isEqualTo("EU totals.xlsx");
    }

    @Test
    void aFileUnderAnotherUsersPrefixIsNeitherAttachedNorLinked() throws Exception {
        NotificationRequested request = Requests.withAttachment(blobs, "email", "weekly-other@example.com",
                UUID.randomUUID().toString(), UUID.randomUUID().toString(), "Sales by product", bytes(5000),
                "totals.xlsx");
        kafka.send(Topics.NOTIFICATIONS, request.executionId(), request);

        MimeMessage mail = awaitMailTo("weekly-other@example.com");
        assertThat(mail.getSubject()).isEqualTo("Sales by product");
        Map<String, Object> parts = parts(mail);
        assertThat(parts.keySet()).noneMatch(k -> k.startsWith("attachment:"));
        for (String type : List.of("text/plain", "text/html")) {
            assertThat((String) parts.get(type)).as(type).contains("EU revenue by product is attached.")
                    .doesNotContain("/files/").doesNotContain("totals.xlsx").doesNotContain("The file");
        }
        awaitDeliveryEvent(request, DeliveryEvent.Status.DELIVERED);
    }

    /** Issue 25: an empty {@code Cc:} was in every email. No header of a message or of its parts may be empty. */
    @Test
    void noEmailHasAnEmptyHeader() throws Exception {
        List<NotificationRequested> requests = List.of(
                Requests.completed(blobs, "email", "headers-report@example.com", bytes(1000)),
                Requests.failed("email", "headers-failed@example.com"),
                Requests.message("headers-message@example.com", "ana@example.com", "the backup finished"),
                Requests.message("headers-nobody@example.com", "", "no one to answer"));
        for (NotificationRequested request : requests) {
            kafka.send(Topics.NOTIFICATIONS, request.executionId(), request);
        }
        for (NotificationRequested request : requests) {
            MimeMessage mail = awaitMailTo(request.target());
            assertThat(headers(asSent(mail))).as(request.target()).isNotEmpty()
                    .noneMatch(header -> header.substring(header.indexOf(':') + 1).isBlank());
        }
        assertThat(asSent(awaitMailTo("headers-message@example.com")).getHeader("Reply-To"))
                .containsExactly("ana@example.com");
        assertThat(asSent(awaitMailTo("headers-nobody@example.com")).getHeader("Reply-To")).isNull();
    }

    /** The message parsed again from the bytes the server received, as a mail program would read them. */
    private static MimeMessage asSent(MimeMessage received) throws Exception {
        ByteArrayOutputStream raw = new ByteArrayOutputStream();
        received.writeTo(raw);
        return new MimeMessage(null, new ByteArrayInputStream(raw.toByteArray()));
    }

    /** Every header of the part and of the parts inside it, as {@code Name: value}. */
    private static List<String> headers(Part part) throws Exception {
        List<String> found = new ArrayList<>();
        for (Header header : Collections.list(part.getAllHeaders())) {
            found.add(header.getName() + ": " + header.getValue());
        }
        if (part.getContent() instanceof Multipart multipart) {
            for (int i = 0; i < multipart.getCount(); i++) {
                found.addAll(headers(multipart.getBodyPart(i)));
            }
        }
        return found;
    }

    @Test
    void aReportLargerThanTheAttachmentLimitIsLinkedWithAnExpiringSignedLink() throws Exception {
        NotificationRequested request = Requests.completed(blobs, "email", "big@example.com", bytes(200_000));
        kafka.send(Topics.NOTIFICATIONS, request.executionId(), request);

        Map<String, Object> parts = parts(awaitMailTo("big@example.com"));
        assertThat(parts.keySet()).noneMatch(k -> k.startsWith("attachment:"));
        Matcher link = Pattern.compile("http://localhost:8080/files/([A-Za-z0-9_.-]+)")
                .matcher((String) parts.get("text/plain"));
        assertThat(link.find()).isTrue();
        SignedLinks.Link granted = links.verify(link.group(1), Instant.now()).orElseThrow();
        assertThat(granted.blobKey()).isEqualTo(request.result().path("report").path("key").asText());
        assertThat(granted.fileName()).isEqualTo("sales-report.pdf");
        assertThat(granted.expires()).isAfter(Instant.now().plus(Duration.ofDays(6)));
    }

    @Test
    void aFailedJobIsReportedWithItsErrorCode() throws Exception {
        NotificationRequested request = Requests.failed("email", "oops@example.com");
        kafka.send(Topics.NOTIFICATIONS, request.executionId(), request);

        MimeMessage mail = awaitMailTo("oops@example.com");
        assertThat(mail.getSubject()).isEqualTo("broken.xlsx: the job failed");
        assertThat((String) parts(mail).get("text/plain")).contains("The file is not a readable XLSX workbook")
                .contains("corrupt_document");
    }

    @Test
    void whenTheMailServerIsDownTheEmailIsRetriedAndDeliveredExactlyOnceWhenItReturns() throws Exception {
        NotificationRequested request = Requests.completed(blobs, "email", "outage@example.com", bytes(1000));
        SmtpServerResource.stopServer();
        try {
            kafka.send(Topics.NOTIFICATIONS, request.executionId(), request);
            DeliveryEvent retrying = awaitDeliveryEvent(request, DeliveryEvent.Status.RETRYING);
            assertThat(retrying.error().code()).isEqualTo("smtp_unavailable");
            assertThat(retrying.nextAttemptAt()).isAfter(retrying.occurredAt());
            await().atMost(WAIT).until(() -> store.attempts(request.notificationId()).size() >= 2);
        } finally {
            SmtpServerResource.startServer();
        }
        awaitMailTo("outage@example.com");
        awaitDeliveryEvent(request, DeliveryEvent.Status.DELIVERED);
        // The same request delivered again by Kafka (a redelivery) sends nothing more.
        kafka.send(Topics.NOTIFICATIONS, request.executionId(), request);
        Thread.sleep(1500);
        assertThat(mailsTo("outage@example.com")).hasSize(1);
        List<Attempt> attempts = store.attempts(request.notificationId());
        assertThat(attempts).extracting(Attempt::status).last().isEqualTo("delivered");
        assertThat(attempts).extracting(Attempt::status).filteredOn("retrying"::equals).hasSizeGreaterThanOrEqualTo(2);
        assertThat(attempts).extracting(Attempt::number).isSorted().doesNotHaveDuplicates();
    }

    /** RFC 2231: the name in UTF-8 in filename* and name*, an ASCII fallback beside, the way mail programs read it. */
    @Test
    void aReportNamedInAnyLanguageArrivesUnderItsOwnNameWithAnAsciiFallback() throws Exception {
        String document = "météo Zürich – CO₂ (año).csv";
        String attached = "météo Zürich – CO₂ (año)-report.pdf";
        byte[] report = bytes(2000);
        NotificationRequested request = named(Requests.completed(blobs, "email", "unicode@example.com", report),
                document);
        kafka.send(Topics.NOTIFICATIONS, request.executionId(), request);

        BodyPart part = attachmentOf(awaitMailTo("unicode@example.com"));
        assertThat(part.getFileName()).isEqualTo(attached);
        assertThat(new jakarta.mail.internet.ContentType(part.getContentType()).getParameter("name"))
                .isEqualTo(attached);
        try (InputStream in = part.getInputStream()) {
            assertThat(in.readAllBytes()).isEqualTo(report);
        }
        String disposition = jakarta.mail.internet.MimeUtility.unfold(part.getHeader("Content-Disposition")[0]);
        assertThat(disposition).contains("filename=\"meteo Zurich _ CO2 (ano)-report.pdf\"")
                .contains("filename*=UTF-8''m%C3%A9t%C3%A9o%20Z%C3%BCrich%20%E2%80%93%20CO%E2%82%82%20%28a%C3%B1o%29"
                        + "-report.pdf")
                .doesNotContain("=?");
        assertThat(part.getHeader("Content-Type")[0]).contains("name*=UTF-8''m%C3%A9t%C3%A9o");

        // A name too long for one line of the message goes in RFC 2231's numbered sections, and still arrives whole.
        String longName = "Relevé des températures à Genève, Zürich et Neuchâtel ".repeat(10).strip() + ".csv";
        NotificationRequested longOne = named(Requests.completed(blobs, "email", "long-name@example.com", report),
                longName);
        kafka.send(Topics.NOTIFICATIONS, longOne.executionId(), longOne);
        BodyPart longPart = attachmentOf(awaitMailTo("long-name@example.com"));
        assertThat(longPart.getFileName()).isEqualTo(longName.replace(".csv", "-report.pdf"));
        assertThat(longPart.getHeader("Content-Disposition")[0]).contains("filename*0*=UTF-8''Relev%C3%A9")
                .contains("filename*1*=");
        for (String line : longPart.getHeader("Content-Disposition")[0].split("\r?\n")) {
            assertThat(line.length()).isLessThanOrEqualTo(998);
        }
    }

    private static NotificationRequested named(NotificationRequested request, String jobName) {
        return new NotificationRequested(request.notificationId(), request.executionId(), request.userId(),
                request.channel(), request.target(), request.workflowType(), jobName, request.status(),
                request.result(), request.error(), request.occurredAt());
    }

    private static BodyPart attachmentOf(MimeMessage mail) throws Exception {
        Multipart multipart = (Multipart) mail.getContent();
        for (int i = 0; i < multipart.getCount(); i++) {
            if (Part.ATTACHMENT.equalsIgnoreCase(multipart.getBodyPart(i).getDisposition())) {
                return multipart.getBodyPart(i);
            }
        }
        throw new AssertionError("No attachment in " + mail.getSubject());
    }

    @Test
    void whenTheReportsStoreIsBrieflyAwayTheEmailIsRetriedAndSentOnceWithTheReport() throws Exception {
        byte[] report = bytes(3000);
        NotificationRequested request = Requests.completed(blobs, "email", "store-away@example.com", report);
        int before = blobs.failures();
        blobs.failNext(2, "reports/" + request.userId() + "/" + request.executionId() + "/report.pdf");
        try {
            kafka.send(Topics.NOTIFICATIONS, request.executionId(), request);

            MimeMessage mail = awaitMailTo("store-away@example.com");
            assertThat((byte[]) parts(mail).get("attachment:sales-report.pdf")).isEqualTo(report);
            awaitDeliveryEvent(request, DeliveryEvent.Status.DELIVERED);
        } finally {
            blobs.heal();
        }
        assertThat(blobs.failures() - before).isEqualTo(2);
        assertThat(mailsTo("store-away@example.com")).hasSize(1);
        List<Attempt> attempts = store.attempts(request.notificationId());
        assertThat(attempts).extracting(Attempt::status).containsExactly("retrying", "retrying", "delivered");
        assertThat(attempts).extracting(Attempt::errorCode).startsWith("report_unavailable", "report_unavailable");
        assertThat(kafka.readAll(Topics.dlq(Topics.NOTIFICATIONS), WAIT))
                .noneMatch(r -> request.executionId().equals(r.key()));
    }

    @Test
    void aReportsStoreThatRefusesUsFailsTheDeliveryAtOnceAndDeadLettersIt() throws Exception {
        NotificationRequested request = Requests.completed(blobs, "email", "store-refuses@example.com", bytes(3000));
        String key = "reports/" + request.userId() + "/" + request.executionId() + "/report.pdf";
        blobs.failAlways(key, new java.io.IOException("S3 could not read " + key + ": 403 AccessDenied Access Denied"));
        try {
            kafka.send(Topics.NOTIFICATIONS, request.executionId(), request);

            DeliveryEvent failed = awaitDeliveryEvent(request, DeliveryEvent.Status.FAILED);
            assertThat(failed.error().code()).isEqualTo("report_unreadable");
            assertThat(failed.error().message()).contains("403 AccessDenied");
            assertThat(failed.attempt()).isEqualTo(1);
            kafka.awaitRecord(Topics.dlq(Topics.NOTIFICATIONS), r -> request.executionId().equals(r.key()), WAIT);
        } finally {
            blobs.heal();
        }
        assertThat(mailsTo("store-refuses@example.com")).isEmpty();
    }

    private DeliveryEvent awaitDeliveryEvent(NotificationRequested request, DeliveryEvent.Status status)
            throws Exception {
        return Requests.awaitDeliveryEvent(kafka, request, status);
    }

    private static MimeMessage awaitMailTo(String address) {
        await().atMost(WAIT).until(() -> !mailsTo(address).isEmpty());
        return mailsTo(address).get(0);
    }

    private static List<MimeMessage> mailsTo(String address) {
        return Arrays.stream(SmtpServerResource.server().getReceivedMessages()).filter(m -> {
            try {
                return Arrays.stream(m.getAllRecipients()).anyMatch(r -> r.toString().equals(address));
            } catch (jakarta.mail.MessagingException e) {
                throw new IllegalStateException(e);
            }
        }).toList();
    }

    /** The message's text parts by type and its attachments as {@code attachment:<name>}. */
    private static Map<String, Object> parts(Part part) throws Exception {
        Map<String, Object> found = new HashMap<>();
        if (part.getContent() instanceof Multipart multipart) {
            for (int i = 0; i < multipart.getCount(); i++) {
                BodyPart child = multipart.getBodyPart(i);
                found.putAll(parts(child));
            }
        } else if (Part.ATTACHMENT.equalsIgnoreCase(part.getDisposition())) {
            try (InputStream in = part.getInputStream()) {
                found.put("attachment:" + part.getFileName(), in.readAllBytes());
            }
        } else if (part.isMimeType("text/plain") || part.isMimeType("text/html")) {
            found.put(part.getContentType().split(";")[0].trim().toLowerCase(), part.getContent().toString());
        }
        return found;
    }

    private static byte[] bytes(int size) {
        byte[] bytes = new byte[size];
        new Random(size).nextBytes(bytes);
        return bytes;
    }
}
