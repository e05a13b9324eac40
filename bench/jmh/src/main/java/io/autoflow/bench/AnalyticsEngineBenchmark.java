package io.autoflow.bench;

import io.autoflow.analytics.extract.CsvAnalyzer;
import io.autoflow.analytics.extract.XlsxAnalyzer;
import io.autoflow.analytics.insight.InsightWriter;
import io.autoflow.analytics.quality.AlertFinder;
import io.autoflow.analytics.stats.DocumentStatistics;
import io.autoflow.analytics.stats.TableStatistics;
import java.io.IOException;
import java.io.InputStream;
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
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * The analytics engine on a 10 MB CSV and a 10 MB XLSX: extraction, profiling (statistics, correlations, trends,
 * anomalies), insights and data-quality alerts; charts and the PDF report are left out. The heap is capped as the
 * service's is.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 3)
@Measurement(iterations = 5)
@Fork(value = 1, jvmArgs = {"-Xmx512m", "-XX:+UseSerialGC"})
public class AnalyticsEngineBenchmark {

    /** About 10 MB once compressed, like the CSV. */
    static final int XLSX_ROWS = 260_000;

    private Path directory;
    private Path csv;
    private Path xlsx;

    @Setup(Level.Trial)
    public void generate() throws IOException {
        directory = Files.createTempDirectory("autoflow-bench-");
        csv = BenchmarkData.csv(directory.resolve("sales.csv"), 10_000_000);
        xlsx = BenchmarkData.xlsx(directory.resolve("sales.xlsx"), XLSX_ROWS);
        System.out.printf("%nCSV %d bytes, XLSX %d bytes%n", Files.size(csv), Files.size(xlsx));
    }

    @TearDown(Level.Trial)
    public void clean() throws IOException {
        Files.deleteIfExists(csv);
        Files.deleteIfExists(xlsx);
        Files.deleteIfExists(directory);
    }

    @Benchmark
    public Object csv10Mb() {
        return finish(List.of(new CsvAnalyzer().analyze("sales", () -> open(csv))));
    }

    @Benchmark
    public Object xlsx10Mb() throws IOException {
        try (InputStream in = Files.newInputStream(xlsx)) {
            return finish(new XlsxAnalyzer().analyze(in));
        }
    }

    private static Object finish(List<TableStatistics> tables) {
        DocumentStatistics statistics = new DocumentStatistics(tables, null);
        return List.of(new InsightWriter().write(statistics), new AlertFinder().find(statistics));
    }

    private static InputStream open(Path file) {
        try {
            return Files.newInputStream(file);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
