package io.autoflow.analytics.report;

import io.autoflow.analytics.insight.Insight;
import io.autoflow.analytics.quality.Alert;
import io.autoflow.analytics.stats.TableStatistics;
import java.awt.Color;
import java.awt.Dimension;
import java.awt.geom.Rectangle2D;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Optional;
import org.apache.poi.sl.usermodel.PictureData;
import org.apache.poi.sl.usermodel.TextParagraph;
import org.apache.poi.xslf.usermodel.XMLSlideShow;
import org.apache.poi.xslf.usermodel.XSLFPictureData;
import org.apache.poi.xslf.usermodel.XSLFSlide;
import org.apache.poi.xslf.usermodel.XSLFTextBox;
import org.apache.poi.xslf.usermodel.XSLFTextParagraph;
import org.apache.poi.xslf.usermodel.XSLFTextRun;

/**
 * Writes the analysis as a 16:9 PPTX deck with POI: a title slide with the summary, then one slide per key finding
 * with the chart that shows it (the scatter plot of a correlated pair, the trend line of a trend, the histogram or
 * the most frequent values of a column), a slide of data-quality alerts, and slide numbers.
 */
public final class PptxReportWriter implements ReportWriter {

    static final int KEY_FINDINGS = 10;
    private static final int ALERTS = 10;
    private static final Dimension PAGE = new Dimension(960, 540);
    private static final double MARGIN = 40;
    private static final Color TITLE = new Color(0x1F, 0x2A, 0x37);
    private static final Color MUTED = new Color(0x55, 0x5F, 0x6B);

    @Override
    public ReportFormat format() {
        return ReportFormat.PPT;
    }

    @Override
    public byte[] write(ReportContent content, List<ReportSection> sections) throws IOException {
        try (XMLSlideShow deck = new XMLSlideShow(); ByteArrayOutputStream out = new ByteArrayOutputStream()) {
            deck.setPageSize(PAGE);
            titleSlide(deck, content, sections);
            List<Insight> findings = content.insights().stream().filter(i -> !i.kind().equals("shape"))
                    .limit(KEY_FINDINGS).toList();
            for (int i = 0; i < findings.size(); i++) {
                findingSlide(deck, findings.get(i), i + 1, findings.size(), sections);
            }
            if (!content.alerts().isEmpty()) {
                alertsSlide(deck, content.alerts());
            }
            numberSlides(deck);
            deck.write(out);
            return out.toByteArray();
        }
    }

    private static void titleSlide(XMLSlideShow deck, ReportContent content, List<ReportSection> sections) {
        XSLFSlide slide = deck.createSlide();
        text(slide, "Analysis report", 40, true, TITLE, new Rectangle2D.Double(MARGIN, 110, 880, 60));
        text(slide, content.documentName(), 24, false, TITLE, new Rectangle2D.Double(MARGIN, 175, 880, 40));
        text(slide, "Generated " + ZonedDateTime.now(ZoneOffset.UTC).format(DateTimeFormatter.ofPattern(
                "yyyy-MM-dd HH:mm 'UTC'")) + " by Autoflow", 14, false, MUTED,
                new Rectangle2D.Double(MARGIN, 215, 880, 30));
        XSLFTextBox summary = slide.createTextBox();
        summary.setAnchor(new Rectangle2D.Double(MARGIN, 260, 880, 240));
        summary.clearText();
        if (content.statistics().text() != null) {
            bullet(summary, "Text: " + content.statistics().text().paragraphs() + " paragraphs, "
                    + content.statistics().text().words() + " words");
        }
        for (ReportSection section : sections) {
            TableStatistics table = section.table();
            bullet(summary, table.name() + ": " + table.rowCount() + " rows, " + table.columnCount() + " columns");
        }
        if (sections.isEmpty()) {
            bullet(summary, "No tables found");
        }
        if (content.narrative() != null && !content.narrative().text().isBlank()) {
            XSLFTextParagraph paragraph = summary.addNewTextParagraph();
            paragraph.setSpaceBefore(12.0);
            XSLFTextRun run = paragraph.addNewTextRun();
            run.setText(content.narrative().text());
            run.setFontSize(16.0);
            run.setFontColor(MUTED);
        }
    }

    private static void findingSlide(XMLSlideShow deck, Insight finding, int number, int total,
            List<ReportSection> sections) {
        XSLFSlide slide = deck.createSlide();
        text(slide, "Finding " + number + " of " + total + " · " + finding.table(), 12, false, MUTED,
                new Rectangle2D.Double(MARGIN, 20, 880, 24));
        Optional<Chart> chart = ChartChoice.forInsight(finding, sections);
        text(slide, finding.text(), chart.isPresent() ? 20 : 28, true, TITLE,
                new Rectangle2D.Double(MARGIN, 44, 880, chart.isPresent() ? 70 : 300));
        chart.ifPresent(c -> {
            XSLFPictureData picture = deck.addPicture(c.png(), PictureData.PictureType.PNG);
            // 800 x 460 px charts, scaled to the room left under the title.
            double height = 400;
            double width = height * 800 / 460;
            slide.createPicture(picture).setAnchor(new Rectangle2D.Double((PAGE.width - width) / 2, 120, width,
                    height));
        });
    }

    private static void alertsSlide(XMLSlideShow deck, List<Alert> alerts) {
        XSLFSlide slide = deck.createSlide();
        text(slide, "Data quality", 28, true, TITLE, new Rectangle2D.Double(MARGIN, 30, 880, 50));
        XSLFTextBox list = slide.createTextBox();
        list.setAnchor(new Rectangle2D.Double(MARGIN, 95, 880, 400));
        list.clearText();
        alerts.stream().limit(ALERTS).forEach(a -> bullet(list, a.table() + (a.column() == null ? "" : " · "
                + a.column()) + " — " + a.kind() + ": " + a.message()));
        if (alerts.size() > ALERTS) {
            bullet(list, (alerts.size() - ALERTS) + " more in the PDF and Excel reports");
        }
    }

    private static void numberSlides(XMLSlideShow deck) {
        List<XSLFSlide> slides = deck.getSlides();
        for (int i = 0; i < slides.size(); i++) {
            text(slides.get(i), (i + 1) + " / " + slides.size(), 10, false, MUTED,
                    new Rectangle2D.Double(PAGE.width - 120, PAGE.height - 32, 90, 20))
                    .setTextAlign(TextParagraph.TextAlign.RIGHT);
        }
    }

    private static XSLFTextParagraph text(XSLFSlide slide, String text, double size, boolean bold, Color color,
            Rectangle2D anchor) {
        XSLFTextBox box = slide.createTextBox();
        box.setAnchor(anchor);
        box.setWordWrap(true);
        XSLFTextParagraph paragraph = box.getTextParagraphs().get(0);
        XSLFTextRun run = paragraph.addNewTextRun();
        run.setText(text);
        run.setFontSize(size);
        run.setBold(bold);
        run.setFontColor(color);
        return paragraph;
    }

    private static void bullet(XSLFTextBox box, String text) {
        XSLFTextParagraph paragraph = box.addNewTextParagraph();
        paragraph.setBullet(true);
        paragraph.setLeftMargin(22.0);
        paragraph.setIndent(-22.0);
        paragraph.setSpaceAfter(6.0);
        XSLFTextRun run = paragraph.addNewTextRun();
        run.setText(text);
        run.setFontSize(18.0);
        run.setFontColor(TITLE);
    }
}
