package io.autoflow.analytics.report;

import io.autoflow.analytics.stats.DocumentLimits;
import io.autoflow.analytics.stats.TableStatistics;
import io.autoflow.blob.BlobStore;
import io.autoflow.events.AnalyzeDocument;
import io.autoflow.events.result.AnalysisResult;
import io.autoflow.service.work.Checkpoint;
import jakarta.enterprise.context.ApplicationScoped;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * Renders the charts and the report (PDF, PPTX or XLSX, as the request's output format says) of an analysis and stores them next to each other in the blob store, under the
 * job's own prefix: {@code reports/<user>/<job>/}. Returns where they are, for the job's result.
 */
@ApplicationScoped
public class ReportBuilder {

    private final BlobStore blobs;
    private final ChartRenderer charts = new ChartRenderer();
    private final Map<String, ReportWriter> writers = Stream.of(new PdfReportWriter(), new PptxReportWriter(),
            new XlsxReportWriter()).collect(Collectors.toMap(w -> w.format().requestName(), w -> w));

    public ReportBuilder(BlobStore blobs) {
        this.blobs = blobs;
    }

    /** Where the job's report, charts and full result are kept. */
    public static String prefix(AnalyzeDocument request) {
        return "reports/" + request.userId() + "/" + request.executionId() + "/";
    }

    /** What was drawn and written, and where it is kept: the result's {@code charts} and {@code report}. */
    public record Built(List<AnalysisResult.Chart> charts, AnalysisResult.Report report) {
    }

    public Built build(AnalyzeDocument request, ReportContent content) throws IOException {
        String prefix = prefix(request);
        List<ReportSection> sections = new ArrayList<>();
        List<AnalysisResult.Chart> chartList = new ArrayList<>();
        int drawn = 0;
        for (TableStatistics table : content.statistics().tables()) {
            Checkpoint.check();
            List<Chart> tableCharts = drawn < DocumentLimits.MAX_CHARTS ? charts.render(table) : List.of();
            tableCharts = tableCharts.subList(0, Math.min(tableCharts.size(), DocumentLimits.MAX_CHARTS - drawn));
            for (Chart chart : tableCharts) {
                String key = prefix + "chart-" + (++drawn) + ".png";
                blobs.put(key, new ByteArrayInputStream(chart.png()));
                chartList.add(new AnalysisResult.Chart(table.name() + ": " + chart.title(), key));
            }
            sections.add(new ReportSection(table, tableCharts));
        }
        ReportWriter writer = writers.getOrDefault(request.output() == null || request.output().format() == null
                ? "pdf" : request.output().format(), writers.get("pdf"));
        byte[] report = writer.write(content, sections);
        DocumentLimits.checkReport(report.length);
        String key = prefix + "report." + writer.format().fileExtension();
        blobs.put(key, new ByteArrayInputStream(report));
        return new Built(List.copyOf(chartList), new AnalysisResult.Report(writer.format().requestName(),
                writer.format().mediaType(), key, report.length));
    }
}
