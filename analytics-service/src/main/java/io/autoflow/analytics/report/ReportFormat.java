package io.autoflow.analytics.report;

/** The report formats, by the name a request's {@code output.format} gives them. */
public enum ReportFormat {

    PDF("pdf", "pdf", "application/pdf"),
    PPT("ppt", "pptx", "application/vnd.openxmlformats-officedocument.presentationml.presentation"),
    EXCEL("excel", "xlsx", "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet");

    private final String requestName;
    private final String fileExtension;
    private final String mediaType;

    ReportFormat(String requestName, String fileExtension, String mediaType) {
        this.requestName = requestName;
        this.fileExtension = fileExtension;
        this.mediaType = mediaType;
    }

    public String requestName() {
        return requestName;
    }

    public String fileExtension() {
        return fileExtension;
    }

    public String mediaType() {
        return mediaType;
    }
}
