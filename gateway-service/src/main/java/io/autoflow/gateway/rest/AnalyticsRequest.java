package io.autoflow.gateway.rest;

import io.autoflow.events.AnalyzeDocument;
import io.autoflow.outbound.OutboundUrls;
import io.autoflow.outbound.UrlNotAllowedException;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/**
 * The seed's {@code DocumentAnalyticsRequest}: the document's URL ({@code file}, or {@code file_url}) when it is not
 * uploaded, which analyses to run and how to hand over the result. Every other field is optional; the defaults are
 * every analysis, a PDF, and download.
 */
public record AnalyticsRequest(String file, String fileUrl, Analysis analysis, Output output) {

    private static final Set<String> FORMATS = Set.of("pdf", "ppt", "excel");
    private static final Pattern EMAIL = Pattern.compile("[\\w.+-]+@[\\w-]+(\\.[\\w-]+)*\\.[A-Za-z]{2,}");

    public record Analysis(Boolean statistical, Boolean trends, Boolean insights, Boolean anomalies) {
    }

    public record Output(
            @Schema(description = "The report's format (an analysis only): pdf (the default), ppt or excel",
                    enumeration = {"pdf", "ppt", "excel"}) String format,
            @Schema(description = "How the result is handed over: download, email or webhook (the default is the"
                    + " operation's: download, or email for a message)",
                    enumeration = {"download", "email", "webhook"}) String delivery,
            @Schema(description = "Where an email delivery goes; the caller's own address when left out")
            String email,
            @Schema(description = "The http(s) URL a webhook delivery is posted to") String webhookUrl) {

        /** As the analysis request carries it. */
        public AnalyzeDocument.Output toEvent() {
            return new AnalyzeDocument.Output(format, delivery, email, webhookUrl);
        }
    }

    /** The document's URL, from either field; null when none is given. */
    public String url() {
        if (file != null && fileUrl != null && !file.equals(fileUrl)) {
            throw new ApiException(ErrorCode.INVALID_REQUEST, "Give the document's URL in 'file' or 'file_url', not both");
        }
        String url = file != null ? file : fileUrl;
        return url == null || url.isBlank() ? null : url.trim();
    }

    /** The requested analyses by name; all of them when none is chosen. */
    public List<String> analyses() {
        List<String> chosen = new ArrayList<>();
        if (analysis != null) {
            add(chosen, "statistical", analysis.statistical());
            add(chosen, "trends", analysis.trends());
            add(chosen, "insights", analysis.insights());
            add(chosen, "anomalies", analysis.anomalies());
        }
        return chosen.isEmpty() ? List.of("statistical", "trends", "insights", "anomalies") : chosen;
    }

    /** The output with defaults applied (a PDF, download), after checking it can be honoured. */
    public Output validatedOutput(String ownEmail, boolean allowLoopback) {
        String format = output == null || output.format() == null ? "pdf" : output.format();
        if (!FORMATS.contains(format)) {
            throw new ApiException(ErrorCode.INVALID_OUTPUT_FORMAT, "output.format must be pdf, ppt or excel");
        }
        Output delivery = validatedDelivery(output, ownEmail, allowLoopback);
        return new Output(format, delivery.delivery(), delivery.email(), delivery.webhookUrl());
    }

    /**
     * How a job's result is handed over, after checking it can be: an email goes to a valid address (the caller's
     * own when none is given); a webhook URL is an http(s) URL that does not name a private address (its host is
     * resolved and checked again when it is called). Download when nothing is asked. The format is left out.
     */
    public static Output validatedDelivery(Output output, String ownEmail, boolean allowLoopback) {
        if (output != null && output.format() != null && !FORMATS.contains(output.format())) {
            // Only an analysis makes a report, but a format no report has is wrong wherever it is given.
            throw new ApiException(ErrorCode.INVALID_OUTPUT_FORMAT, "output.format must be pdf, ppt or excel");
        }
        String delivery = output == null || output.delivery() == null ? "download" : output.delivery();
        return switch (delivery) {
            case "download" -> new Output(null, delivery, null, null);
            case "email" -> {
                String email = output.email() == null || output.email().isBlank() ? ownEmail : output.email().trim();
                if (email == null || !EMAIL.matcher(email).matches()) {
                    throw new ApiException(ErrorCode.INVALID_EMAIL, "output.email must be an email address");
                }
                yield new Output(null, delivery, email, null);
            }
            case "webhook" -> {
                if (output.webhookUrl() == null || output.webhookUrl().isBlank()) {
                    throw new ApiException(ErrorCode.MISSING_WEBHOOK_URL, "output.webhook_url is required for webhook delivery");
                }
                try {
                    OutboundUrls.refuseNonPublicLiteral(OutboundUrls.parse(output.webhookUrl()), allowLoopback);
                } catch (UrlNotAllowedException e) {
                    throw new ApiException(ErrorCode.URL_NOT_ALLOWED, "The webhook URL cannot be called: " + e.getMessage());
                }
                yield new Output(null, delivery, null, output.webhookUrl().trim());
            }
            default -> throw new ApiException(ErrorCode.INVALID_DELIVERY,
                    "output.delivery must be download, email or webhook");
        };
    }

    private static void add(List<String> chosen, String name, Boolean wanted) {
        if (Boolean.TRUE.equals(wanted)) {
            chosen.add(name);
        }
    }
}
