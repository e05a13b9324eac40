package io.autoflow.notification.channel;

import com.fasterxml.jackson.databind.JsonNode;
import io.autoflow.blob.BlobStore;
import io.autoflow.events.Intents;
import io.autoflow.events.NotificationRequested;
import io.autoflow.notification.config.DeliveryConfig;
import io.autoflow.notification.store.Notification;
import io.autoflow.service.failure.TransientFailures;
import io.quarkus.qute.Location;
import io.quarkus.qute.Template;
import io.quarkus.qute.TemplateData;
import io.vertx.core.buffer.Buffer;
import io.vertx.ext.mail.MailAttachment;
import io.vertx.ext.mail.MailMessage;
import io.vertx.ext.mail.SMTPException;
import io.vertx.mutiny.ext.mail.MailClient;
import jakarta.enterprise.context.ApplicationScoped;
import java.io.IOException;
import java.io.InputStream;
import java.time.Duration;
import java.util.Optional;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

/**
 * Emails the job's outcome through SMTP: an HTML and a plain-text body from the Qute templates, the report (or a
 * message's file, {@link JobSummary#report}) attached when it is small enough and linked otherwise. The Message-ID is the notification's, so a mail system that sees a
 * resend after a crash can tell it is the same message.
 * <p>
 * Sent with the Vert.x mail client the Quarkus mailer is built on (its {@code quarkus.mailer.*} configuration, sender
 * and timeout included), not with the mailer itself: the mailer always hands Vert.x a Cc list, empty or not, and
 * Vert.x then writes a {@code Cc:} header with nothing in it. No header is ever empty here.
 */
@ApplicationScoped
public class EmailChannel implements Channel {

    private static final Logger LOG = Logger.getLogger(EmailChannel.class);

    private final MailClient client;
    private final String from;
    private final Duration timeout;
    private final BlobStore blobs;
    private final JobSummary summary;
    private final DeliveryConfig config;
    private final Template html;
    private final Template text;

    public EmailChannel(MailClient client, @ConfigProperty(name = "quarkus.mailer.from") String from,
            @ConfigProperty(name = "quarkus.mailer.timeout") Duration timeout, BlobStore blobs, JobSummary summary,
            DeliveryConfig config, @Location("email/job.html") Template html,
            @Location("email/job.txt") Template text) {
        this.client = client;
        this.from = from;
        this.timeout = timeout;
        this.blobs = blobs;
        this.summary = summary;
        this.config = config;
        this.html = html;
        this.text = text;
    }

    @Override
    public String name() {
        return NotificationRequested.EMAIL;
    }

    @Override
    public Outcome send(Notification notification) {
        NotificationRequested request = notification.request();
        try {
            JobSummary.Linked report = summary.report(notification);
            byte[] attachment = report == null ? null : smallEnough(report.key()).orElse(null);
            boolean message = Intents.NOTIFICATION.equals(request.workflowType());
            Object data = new EmailData(summary.name(request), summary.headline(request), summary.completed(request),
                    message ? null : summary.jobUrl(request), message ? summary.requestedBy(request) : null,
                    summary.narrative(request), summary.insights(request), report, attachment != null,
                    request.error() == null ? null : request.error().message(),
                    request.error() == null ? null : request.error().code(), validity(config.linkValidity()));
            // No Cc or Bcc list at all: Vert.x writes the header for any list it is given, even an empty one.
            MailMessage mail = new MailMessage().setFrom(from).setTo(request.target())
                    .setSubject(summary.headline(request)).setHtml(html.data("job", data).render())
                    .setText(text.data("job", data).render())
                    .addHeader("Message-ID", "<" + notification.id() + "@autoflow>");
            JsonNode requestedBy = message ? request.result().path("requested_by") : null;
            if (requestedBy != null && requestedBy.isTextual() && !requestedBy.asText().isBlank()) {
                mail.addHeader("Reply-To", requestedBy.asText()); // answers go to who asked
            }
            if (attachment != null) {
                // No name for Vert.x to encode: the headers carry it, per RFC 2231 (AttachmentHeaders).
                mail.setAttachment(MailAttachment.create().setData(Buffer.buffer(attachment))
                        .setContentType(AttachmentHeaders.contentType(report.mediaType(), report.fileName()))
                        .setDisposition(AttachmentHeaders.disposition(report.fileName())));
            }
            client.sendMail(mail).await().atMost(timeout);
            return Outcome.delivered(250);
        } catch (RuntimeException e) {
            return classify(e);
        } catch (IOException e) {
            return reportFault(e);
        }
    }

    /** What the templates show. */
    @TemplateData
    public record EmailData(String name, String headline, boolean completed, String jobUrl, String requestedBy,
            String narrative,
            java.util.List<String> insights, JobSummary.Linked report, boolean attached, String error,
            String errorCode, String linkValidity) {

        /** The headline as the plain text's first sentence: a subject that ends in . ! or ? gets no second stop. */
        public String sentence() {
            return headline.matches("(?s).*[.!?\u2026]$") ? headline : headline + ".";
        }
    }

    private static String validity(java.time.Duration duration) {
        return duration.toHours() >= 48 ? duration.toDays() + " days" : Math.max(1, duration.toHours()) + " hours";
    }

    /** The report's bytes when it fits in an email, or empty to link it instead. */
    private Optional<byte[]> smallEnough(String key) throws IOException {
        Optional<InputStream> stored = blobs.open(key);
        if (stored.isEmpty()) {
            return Optional.empty();
        }
        try (InputStream in = stored.get()) {
            byte[] bytes = in.readNBytes((int) Math.min(Integer.MAX_VALUE - 8, config.attachMaxBytes() + 1));
            return bytes.length > config.attachMaxBytes() ? Optional.empty() : Optional.of(bytes);
        }
    }

    /**
     * The report's store failed. Briefly away (TransientFailures' rule): the delivery is tried again with the others'
     * backoff ({@code RetryRules}), not waited out here, where a sender holds its notification's claim for two minutes
     * at most. Refusing us (403, no bucket): the delivery fails now, with a code that says it, and is dead-lettered as
     * every delivery that failed for good, for the record: a replay finds it stored as failed and changes nothing.
     */
    private static Outcome reportFault(IOException e) {
        return TransientFailures.isTransient(e)
                ? Outcome.retry(null, "report_unavailable", "The report could not be read for now: " + e.getMessage())
                : Outcome.fail(null, "report_unreadable", "The report could not be read: " + e.getMessage());
    }

    /** SMTP 5xx is permanent; 4xx, a refused or dropped connection and timeouts are worth another try. */
    private static Outcome classify(RuntimeException e) {
        for (Throwable cause = e; cause != null; cause = cause.getCause()) {
            if (cause instanceof SMTPException smtp) {
                String message = "The mail server answered " + smtp.getReplyCode() + ": " + smtp.getReplyMessage();
                return smtp.isPermanent() ? Outcome.fail(smtp.getReplyCode(), "smtp_rejected", message)
                        : Outcome.retry(smtp.getReplyCode(), "smtp_unavailable", message);
            }
        }
        LOG.debugf(e, "Email attempt failed");
        return Outcome.retry(null, "smtp_unavailable", "The mail server could not be reached: " + e.getMessage());
    }
}
