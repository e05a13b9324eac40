package io.autoflow.analytics.report;

import static org.assertj.core.api.Assertions.assertThat;

import io.autoflow.analytics.extract.CsvAnalyzer;
import io.autoflow.analytics.insight.Insight;
import io.autoflow.analytics.insight.InsightWriter;
import io.autoflow.analytics.insight.Narrative;
import io.autoflow.analytics.quality.AlertFinder;
import io.autoflow.analytics.stats.DocumentStatistics;
import io.autoflow.analytics.stats.TableStatistics;
import java.io.ByteArrayInputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.apache.poi.xslf.usermodel.XMLSlideShow;
import org.apache.poi.xslf.usermodel.XSLFPictureShape;
import org.apache.poi.xslf.usermodel.XSLFSlide;
import org.apache.poi.xslf.usermodel.XSLFTextShape;
import org.junit.jupiter.api.Test;

class PptxReportWriterTest {

    @Test
    void oneSlidePerKeyFindingWithTheChartThatShowsIt() throws Exception {
        TableStatistics sales = new CsvAnalyzer().analyze("sales",
                () -> PptxReportWriterTest.class.getResourceAsStream("/csv/sales.csv"));
        DocumentStatistics statistics = new DocumentStatistics(List.of(sales), null);
        List<Insight> insights = new InsightWriter().write(statistics);
        List<Chart> charts = new ChartRenderer().render(sales);
        byte[] pptx = new PptxReportWriter().write(new ReportContent("sales.csv", statistics,
                new Narrative("Sales grew.", "engine"), insights,
                new AlertFinder().find(statistics)), List.of(new ReportSection(sales, charts)));
        Files.write(Path.of("target", "report-sample.pptx"), pptx); // for a person to look at

        List<Insight> findings = insights.stream().filter(i -> !i.kind().equals("shape"))
                .limit(PptxReportWriter.KEY_FINDINGS).toList();
        List<ReportSection> sections = List.of(new ReportSection(sales, charts));
        List<ReportText.ChartedFindings> groups = ReportText.byChart(findings, sections);
        try (XMLSlideShow deck = new XMLSlideShow(new ByteArrayInputStream(pptx))) {
            List<XSLFSlide> slides = deck.getSlides();
            assertThat(text(slides.get(0))).contains("Analysis report", "sales.csv", "sales: 48 rows, 7 columns",
                    "1 / " + slides.size());
            assertThat(text(slides.get(1))).contains("In short", "Sales grew.");
            // One slide per chart, led by its first finding, the chart's other findings beside it.
            for (int i = 0; i < groups.size(); i++) {
                XSLFSlide slide = slides.get(i + 2);
                ReportText.ChartedFindings group = groups.get(i);
                assertThat(group.chart()).isNotNull();
                assertThat(text(slide)).startsWith("Finding " + (i + 1) + " of " + groups.size())
                        .contains((i + 3) + " / " + slides.size());
                group.findings().forEach(f -> assertThat(text(slide)).contains(f.text()));
                assertThat(slide.getShapes().stream().filter(XSLFPictureShape.class::isInstance)
                        .map(p -> ((XSLFPictureShape) p).getPictureData().getData()).toList())
                        .singleElement().isEqualTo(group.chart().png());
            }
            // The histogram of units shows both its range and its skew-free spread: one slide, not two.
            Chart histogram = charts.stream().filter(c -> c.title().equals("units: distribution")).findFirst()
                    .orElseThrow();
            assertThat(groups).filteredOn(g -> g.chart() == histogram).singleElement()
                    .satisfies(g -> assertThat(g.findings()).extracting(Insight::kind).contains("range"));
            assertThat(text(slides.get(slides.size() - 1))).contains("Data quality");
        }
    }

    /** A workbook of 40 sheets: its summary goes on over the next slides, every table named once. */
    @Test
    void aSummaryLongerThanTheTitleSlideContinuesOnTheNextSlides() throws Exception {
        List<TableStatistics> tables = new java.util.ArrayList<>();
        for (int i = 1; i <= 40; i++) {
            tables.add(new CsvAnalyzer().analyze("sheet " + i, () -> new ByteArrayInputStream(
                    "a,b\n1,2\n3,4\n".getBytes(java.nio.charset.StandardCharsets.UTF_8))));
        }
        DocumentStatistics statistics = new DocumentStatistics(tables, null);
        byte[] pptx = new PptxReportWriter().write(new ReportContent("book.xlsx", statistics, null, List.of(),
                List.of()), tables.stream().map(t -> new ReportSection(t, List.of())).toList());

        try (XMLSlideShow deck = new XMLSlideShow(new ByteArrayInputStream(pptx))) {
            List<XSLFSlide> slides = deck.getSlides();
            assertThat(slides.size()).isGreaterThan(2);
            String all = String.join("\n", slides.stream().map(PptxReportWriterTest::text).toList());
            for (int i = 1; i <= 40; i++) {
                assertThat(all).containsOnlyOnce("sheet " + i + ": 2 rows, 2 columns");
            }
            assertThat(text(slides.get(1))).startsWith("Summary (continued)");
            assertThat(all).doesNotContain("(continued) (continued)");
        }
    }

    private static String text(XSLFSlide slide) {
        StringBuilder text = new StringBuilder();
        slide.getShapes().stream().filter(XSLFTextShape.class::isInstance)
                .forEach(s -> text.append(((XSLFTextShape) s).getText()).append('\n'));
        return text.toString();
    }
}
