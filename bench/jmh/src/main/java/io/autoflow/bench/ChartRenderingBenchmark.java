package io.autoflow.bench;

import io.autoflow.analytics.extract.CsvAnalyzer;
import io.autoflow.analytics.report.ChartRenderer;
import io.autoflow.analytics.report.PdfReportWriter;
import io.autoflow.analytics.report.ReportContent;
import io.autoflow.analytics.report.ReportSection;
import io.autoflow.analytics.stats.DocumentStatistics;
import io.autoflow.analytics.stats.TableStatistics;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * The charts and the PDF report of a small table (a 5 KB CSV of the benchmark's sales data): what most jobs draw and
 * write, and where a small analysis's CPU goes (chart painting, PNG encoding, PDF text and images).
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 3, time = 3)
@Measurement(iterations = 5, time = 3)
@Fork(value = 1, jvmArgs = {"-Xmx512m", "-XX:+UseSerialGC", "-Djava.awt.headless=true"})
public class ChartRenderingBenchmark {

    private TableStatistics table;

    @Setup(Level.Trial)
    public void analyse() throws IOException {
        Path csv = BenchmarkData.csv(Files.createTempFile("autoflow-charts-", ".csv"), 5_000);
        table = new CsvAnalyzer().analyze("sales", () -> {
            try {
                return Files.newInputStream(csv);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        });
        Files.delete(csv);
        System.out.printf("%n%d charts per run%n", new ChartRenderer().render(table).size());
    }

    @Benchmark
    public Object chartsOfASmallTable() {
        return new ChartRenderer().render(table);
    }

    /** The whole PDF report a small analysis writes: its charts, then the document (text, tables, images). */
    @Benchmark
    public byte[] pdfReportOfASmallTable() throws IOException {
        ReportContent content = new ReportContent("sales.csv", new DocumentStatistics(List.of(table), null), null,
                List.of(), List.of());
        List<ReportSection> sections = List.of(new ReportSection(table, new ChartRenderer().render(table)));
        return new PdfReportWriter().write(content, sections);
    }
}
