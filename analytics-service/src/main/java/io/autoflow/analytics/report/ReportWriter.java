package io.autoflow.analytics.report;

import java.io.IOException;
import java.util.List;

/** Writes a report in one format from what the analysis found. */
public interface ReportWriter {

    ReportFormat format();

    byte[] write(ReportContent content, List<ReportSection> sections) throws IOException;
}
