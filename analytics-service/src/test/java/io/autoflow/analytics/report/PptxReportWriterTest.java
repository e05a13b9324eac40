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
        try (XMLSlideShow deck = new XMLSlideShow(new ByteArrayInputStream(pptx))) {
            List<XSLFSlide> slides = deck.getSlides();
            assertThat(slides).hasSize(1 + findings.size() + 1); // title, findings, data quality
            assertThat(text(slides.get(0))).contains("Analysis report", "sales.csv", "sales: 48 rows, 7 columns",
                    "Sales grew.");
            for (int i = 0; i < findings.size(); i++) {
                XSLFSlide slide = slides.get(i + 1);
                assertThat(text(slide)).contains(findings.get(i).text(), (i + 2) + " / " + slides.size());
                boolean hasChart = ChartChoice.forInsight(findings.get(i), List.of(new ReportSection(sales,
                        charts))).isPresent();
                assertThat(slide.getShapes().stream().anyMatch(XSLFPictureShape.class::isInstance))
                        .isEqualTo(hasChart);
            }
            XSLFSlide trendSlide = slides.get(1 + findings.indexOf(findings.stream()
                    .filter(f -> f.kind().equals("range") && f.columns().equals(List.of("units"))).findFirst()
                    .orElseThrow()));
            byte[] picture = trendSlide.getShapes().stream().filter(XSLFPictureShape.class::isInstance)
                    .map(s -> ((XSLFPictureShape) s).getPictureData().getData()).findFirst().orElseThrow();
            byte[] histogram = charts.stream().filter(c -> c.title().equals("units: distribution")).findFirst()
                    .orElseThrow().png();
            assertThat(picture).isEqualTo(histogram);
            assertThat(text(slides.get(slides.size() - 1))).contains("Data quality");
        }
    }

    private static String text(XSLFSlide slide) {
        StringBuilder text = new StringBuilder();
        slide.getShapes().stream().filter(XSLFTextShape.class::isInstance)
                .forEach(s -> text.append(((XSLFTextShape) s).getText()).append('\n'));
        return text.toString();
    }
}
