package io.autoflow.analytics.report;

import java.io.IOException;
import java.util.List;

/** Writes a report in one format from what the analysis found. */
public interface ReportWriter {

    /** The format's name in a request's {@code output.format}: pdf, ppt or excel. */
    String format();

    String fileExtension();

    String mediaType();

    byte[] write(ReportContent content, List<ReportSection> sections) throws IOException;
}
