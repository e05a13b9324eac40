package io.autoflow.gateway.rest;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * The seed's {@code DocumentAnalyticsRequest}: the document's URL ({@code file}, or {@code file_url}) when it is not
 * uploaded, which analyses to run and how to hand over the result. Every other field is optional; the defaults are
 * every analysis, a PDF, and download.
 */
public record AnalyticsRequest(String file, String fileUrl, Analysis analysis, Output output) {

    private static final Set<String> FORMATS = Set.of("pdf", "ppt", "excel");

    public record Analysis(Boolean statistical, Boolean trends, Boolean insights, Boolean anomalies) {
    }

    public record Output(String format, String delivery, String email, String webhookUrl) {
    }

    /** The document's URL, from either field; null when none is given. */
    public String url() {
        if (file != null && fileUrl != null && !file.equals(fileUrl)) {
            throw new ApiException(400, "invalid_request", "Give the document's URL in 'file' or 'file_url', not both");
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

    /** The output with defaults applied, after checking it can be honoured. */
    public Output validatedOutput() {
        String format = output == null || output.format() == null ? "pdf" : output.format();
        String delivery = output == null || output.delivery() == null ? "download" : output.delivery();
        if (!FORMATS.contains(format)) {
            throw new ApiException(422, "invalid_output_format", "output.format must be pdf, ppt or excel");
        }
        if (!delivery.equals("download")) {
            if (delivery.equals("email") || delivery.equals("webhook")) {
                throw new ApiException(422, "delivery_not_available",
                        "Delivery by " + delivery + " is not available yet; use download");
            }
            throw new ApiException(422, "invalid_delivery", "output.delivery must be download, email or webhook");
        }
        return new Output(format, delivery, null, null);
    }

    private static void add(List<String> chosen, String name, Boolean wanted) {
        if (Boolean.TRUE.equals(wanted)) {
            chosen.add(name);
        }
    }
}
