package io.autoflow.analytics.report;

import static org.assertj.core.api.Assertions.assertThat;

import io.autoflow.analytics.extract.CsvAnalyzer;
import io.autoflow.analytics.insight.InsightWriter;
import io.autoflow.analytics.quality.AlertFinder;
import io.autoflow.analytics.stats.DocumentStatistics;
import io.autoflow.analytics.stats.TableStatistics;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import javax.imageio.ImageIO;
import org.apache.pdfbox.Loader;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.text.PDFTextStripper;
import org.junit.jupiter.api.Test;

class PdfReportWriterTest {

    private final ChartRenderer charts = new ChartRenderer();

    @Test
    void chartsAreRealImagesOfTheExpectedSize() throws Exception {
        TableStatistics sales = sales();

        List<Chart> rendered = charts.render(sales);

        assertThat(rendered).extracting(Chart::title).contains("correlations (Pearson)", "units by day",
                "units: distribution",
                "region: most frequent values");
        Chart histogram = rendered.stream().filter(c -> c.title().equals("units: distribution")).findFirst().get();
        var image = ImageIO.read(new ByteArrayInputStream(histogram.png()));
        assertThat(image.getWidth()).isEqualTo(800);
        assertThat(image.getHeight()).isEqualTo(460);
    }

    /**
     * Shortening a text to its line was quadratic: 20,000 characters took 14 s, 5 MB for ever. Text is now wrapped,
     * and one longer than any page could show is shortened first, once.
     */
    @Test
    @org.junit.jupiter.api.Timeout(60)
    void anyLengthOfTextIsWrappedAndWhatNoPageCouldShowShortenedWithAnEllipsis() throws Exception {
        String endless = "a".repeat(5 * 1024 * 1024);
        TableStatistics table = new CsvAnalyzer().analyze(endless, () -> new ByteArrayInputStream(
                ("h,x\n" + "v,1\n".repeat(5)).getBytes(StandardCharsets.UTF_8)));
        DocumentStatistics statistics = new DocumentStatistics(List.of(table), null);
        byte[] pdf = new PdfReportWriter().write(new ReportContent(endless, statistics,
                new io.autoflow.analytics.insight.Narrative(endless + " " + endless, "engine"), List.of(), List.of()),
                List.of(new ReportSection(table, List.of())));

        try (PDDocument document = Loader.loadPDF(pdf)) {
            String text = new PDFTextStripper().getText(document);
            // Every place the 5 MB name and narrative appear shows at most MAX_TEXT_CHARS of it, then an ellipsis.
            assertThat(text).contains("aaaa…");
            assertThat(text.chars().filter(c -> c == 'a').count()).isLessThan(10L * TextMeasure.MAX_TEXT_CHARS);
        }
    }

    @Test
    void theReportHasATitlePageTheNumbersChartsAndPageNumbers() throws Exception {
        TableStatistics sales = sales();
        DocumentStatistics statistics = new DocumentStatistics(List.of(sales), null);
        byte[] pdf = new PdfReportWriter().write(new ReportContent("sales.csv", statistics, null,
                new InsightWriter().write(statistics), new AlertFinder().find(statistics)),
                List.of(new ReportSection(sales, charts.render(sales))));

        Path out = Path.of("target", "report-sample.pdf");
        Files.write(out, pdf); // kept for a person to look at (pdftoppm target/report-sample.pdf)
        try (PDDocument document = Loader.loadPDF(pdf)) {
            String text = new PDFTextStripper().getText(document);
            int pages = document.getNumberOfPages();
            assertThat(pages).isGreaterThan(2);
            assertThat(text).contains("Analysis report", "sales.csv", "sales: 48 rows, 7 columns (3 numeric)")
                    .contains("units", "42.28", "45", "79")
                    .contains("Gizmo (18)")
                    .contains("Strongest correlations", "unit_price", "+0.744", "+0.790")
                    .contains("Trends over date", "+0.49", "+162.81%")
                    .contains("Key findings", "unit_price and revenue move together (Pearson r = 0.74 over 47 rows).")
                    .contains("Page 1 of " + pages, "Page " + pages + " of " + pages);
            long images = 0;
            for (var page : document.getPages()) {
                for (var name : page.getResources().getXObjectNames()) {
                    images++;
                }
            }
            assertThat(images).isEqualTo(charts.render(sales).size());
        }
    }

    @Test
    void listsEachTablesDataQualityAlerts() throws Exception {
        TableStatistics table = new CsvAnalyzer().analyze("t", () -> new ByteArrayInputStream(
                "id,country\n1,FR\n2,FR\n3,FR\n".getBytes(StandardCharsets.UTF_8)));
        DocumentStatistics statistics = new DocumentStatistics(List.of(table), null);

        byte[] pdf = new PdfReportWriter().write(new ReportContent("t.csv", statistics, null, List.of(),
                new AlertFinder().find(statistics)), List.of(new ReportSection(table, List.of())));

        try (PDDocument document = Loader.loadPDF(pdf)) {
            assertThat(new PDFTextStripper().getText(document))
                    .contains("Data quality alerts", "constant", "country has a single value", "unique");
        }
    }

    @Test
    void textTheFontLacksDoesNotBreakTheReport() throws Exception {
        TableStatistics odd = new CsvAnalyzer().analyze("名前 ☃", () -> new ByteArrayInputStream(
                "名前,emoji,\u0007bell\n東京,😀,1\n大阪,🎉,2\n".getBytes(StandardCharsets.UTF_8)));

        byte[] pdf = new PdfReportWriter().write(new ReportContent("名前.csv",
                new DocumentStatistics(List.of(odd), null), null, List.of(), List.of()), List.of(new ReportSection(odd, List.of())));

        try (PDDocument document = Loader.loadPDF(pdf)) {
            assertThat(new PDFTextStripper().getText(document)).contains("??");
        }
    }

    private static TableStatistics sales() {
        return new CsvAnalyzer().analyze("sales",
                () -> PdfReportWriterTest.class.getResourceAsStream("/csv/sales.csv"));
    }
}
