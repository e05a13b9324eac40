package io.autoflow.analytics.report;

import io.autoflow.analytics.insight.Insight;
import io.autoflow.analytics.insight.Numbers;
import io.autoflow.analytics.quality.Alert;
import io.autoflow.analytics.text.TextAnalysis;
import java.awt.Color;
import java.awt.Dimension;
import java.awt.geom.Rectangle2D;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import org.apache.poi.sl.usermodel.PictureData;
import org.apache.poi.sl.usermodel.TextParagraph;
import org.apache.poi.xslf.usermodel.XMLSlideShow;
import org.apache.poi.xslf.usermodel.XSLFPictureData;
import org.apache.poi.xslf.usermodel.XSLFSlide;

/**
 * Writes the analysis as a 16:9 PPTX deck with POI: a title slide with the summary (continued on the next slides
 * when it is long), the narrative, then one slide per chart with the findings it shows (the scatter plot of a
 * correlated pair, the trend line of a trend, the histogram of a column: each chart once), the findings no chart
 * shows, the text's sections and the numbers and dates it states, the data-quality alerts, and slide numbers.
 * {@link SlideText} sizes every text box to its wrapped text, so nothing runs off a slide.
 */
public final class PptxReportWriter implements ReportWriter {

    static final int KEY_FINDINGS = 10;
    private static final int ALERTS = 20;
    static final Dimension PAGE = new Dimension(960, 540);
    private static final double MARGIN = 40;
    /** The lowest a text may reach: the slide number sits below. */
    private static final double BOTTOM = PAGE.height - 40;
    private static final double CONTENT_WIDTH = PAGE.width - 2 * MARGIN;
    private static final double CHART_RATIO = 460.0 / 800; // ChartRenderer's 800 x 460 px
    static final Color TITLE = new Color(0x1F, 0x2A, 0x37);
    static final Color MUTED = new Color(0x55, 0x5F, 0x6B);

    @Override
    public ReportFormat format() {
        return ReportFormat.PPT;
    }

    @Override
    public byte[] write(ReportContent content, List<ReportSection> sections) throws IOException {
        try (XMLSlideShow deck = new XMLSlideShow(); ByteArrayOutputStream out = new ByteArrayOutputStream()) {
            deck.setPageSize(PAGE);
            titleSlides(deck, content, sections);
            if (content.narrative() != null && !content.narrative().text().isBlank()) {
                listSlides(deck, "In short", List.of(content.narrative().text().split("(?<=[.!?])\\s+")), false);
            }
            List<ReportText.ChartedFindings> groups = ReportText.byChart(
                    ReportText.keyFindings(content, KEY_FINDINGS), sections);
            List<Insight> uncharted = new ArrayList<>();
            int charted = (int) groups.stream().filter(g -> g.chart() != null).count();
            int number = 0;
            for (ReportText.ChartedFindings group : groups) {
                if (group.chart() == null) {
                    uncharted.addAll(group.findings());
                } else {
                    uncharted.addAll(findingSlide(deck, group, ++number, charted));
                }
            }
            if (!uncharted.isEmpty()) {
                boolean oneSource = uncharted.stream().map(Insight::table).distinct().count() == 1;
                listSlides(deck, charted == 0 ? "Findings" : "More findings", uncharted.stream()
                        .map(i -> oneSource ? i.text() : i.table() + ": " + i.text()).toList(), true);
            }
            if (content.statistics().text() != null && content.statistics().text().words() > 0) {
                textSlides(deck, content.statistics().text().analysis());
            }
            if (!content.alerts().isEmpty()) {
                listSlides(deck, "Data quality", alerts(content.alerts()), true);
            }
            numberSlides(deck);
            deck.write(out);
            return out.toByteArray();
        }
    }

    private static void titleSlides(XMLSlideShow deck, ReportContent content, List<ReportSection> sections) {
        XSLFSlide slide = deck.createSlide();
        double y = 90;
        y = SlideText.box(slide, "Analysis report", 40, true, TITLE, MARGIN, y, CONTENT_WIDTH) + 4;
        y = SlideText.box(slide, content.documentName(), 24, false, TITLE, MARGIN, y, CONTENT_WIDTH);
        y = SlideText.box(slide, "Generated " + ZonedDateTime.now(ZoneOffset.UTC).format(DateTimeFormatter
                .ofPattern("yyyy-MM-dd HH:mm 'UTC'")) + " by Autoflow", 14, false, MUTED, MARGIN, y, CONTENT_WIDTH)
                + 16;
        List<String> rest = SlideText.bullets(slide, ReportText.summary(content, sections), 18, MARGIN, y,
                CONTENT_WIDTH, BOTTOM);
        if (!rest.isEmpty()) {
            listSlides(deck, "Summary", rest, true, true);
        }
    }

    /**
     * The chart with its findings: the first as the slide's title, the others beside the chart. Returns the findings
     * that did not fit, for the list of further findings.
     */
    private static List<Insight> findingSlide(XMLSlideShow deck, ReportText.ChartedFindings group, int number,
            int total) {
        XSLFSlide slide = deck.createSlide();
        Insight lead = group.findings().get(0);
        double y = SlideText.box(slide, "Finding " + number + " of " + total + " · " + lead.table(), 12, false,
                MUTED, MARGIN, 20, CONTENT_WIDTH);
        y = SlideText.title(slide, lead.text(), MARGIN, y, CONTENT_WIDTH, 3) + 8;
        List<String> others = group.findings().subList(1, group.findings().size()).stream().map(Insight::text)
                .toList();
        double room = BOTTOM - y;
        XSLFPictureData picture = deck.addPicture(group.chart().png(), PictureData.PictureType.PNG);
        if (others.isEmpty()) {
            double height = Math.min(room, 400);
            double width = height / CHART_RATIO;
            slide.createPicture(picture).setAnchor(new Rectangle2D.Double((PAGE.width - width) / 2, y, width,
                    height));
            return List.of();
        }
        double width = Math.min(540, room / CHART_RATIO);
        slide.createPicture(picture).setAnchor(new Rectangle2D.Double(MARGIN, y, width, width * CHART_RATIO));
        double textX = MARGIN + width + 20;
        List<String> left = SlideText.bullets(slide, others, 14, textX, y, PAGE.width - MARGIN - textX, BOTTOM);
        return group.findings().stream().filter(f -> left.contains(f.text())).toList();
    }

    /** A titled list over as many slides as it takes. */
    private static void listSlides(XMLSlideShow deck, String title, List<String> items, boolean bullets) {
        listSlides(deck, title, items, bullets, false);
    }

    /** As above; {@code continued} when the list began on an earlier slide (the title slide's summary). */
    private static void listSlides(XMLSlideShow deck, String title, List<String> items, boolean bullets,
            boolean continued) {
        List<String> rest = items;
        boolean first = !continued;
        while (!rest.isEmpty()) {
            XSLFSlide slide = deck.createSlide();
            double y = SlideText.box(slide, first ? title : title + " (continued)", 28, true, TITLE, MARGIN, 30,
                    CONTENT_WIDTH) + 10;
            List<String> left = bullets ? SlideText.bullets(slide, rest, 18, MARGIN, y, CONTENT_WIDTH, BOTTOM)
                    : SlideText.paragraphs(slide, rest, 18, MARGIN, y, CONTENT_WIDTH, BOTTOM);
            if (left.size() == rest.size()) {
                throw new IllegalStateException("a list item fits no slide"); // SlideText splits such items
            }
            rest = left;
            first = false;
        }
    }

    /** The text's sections, and the numbers and dates it states with the sentence each comes from. */
    private static void textSlides(XMLSlideShow deck, TextAnalysis text) {
        if (!text.sections().isEmpty()) {
            listSlides(deck, "Sections", text.sections().stream()
                    .map(s -> s.title() + " (" + Numbers.count(s.words(), "word") + ")").toList(), true);
        }
        if (!text.numbers().isEmpty()) {
            listSlides(deck, "Numbers it states", ReportText.numbers(text).stream()
                    .map(n -> n.get(0) + " — " + n.get(2)).toList(), true);
        }
        if (!text.dates().isEmpty()) {
            listSlides(deck, "Dates it names", ReportText.dates(text).stream()
                    .map(d -> d.get(1) + " — " + d.get(2)).toList(), true);
        }
    }

    private static List<String> alerts(List<Alert> alerts) {
        List<String> lines = new ArrayList<>(alerts.stream().limit(ALERTS).map(a -> a.table() + (a.column() == null
                ? "" : " · " + a.column()) + " — " + a.kind() + ": " + a.message()).toList());
        if (alerts.size() > ALERTS) {
            lines.add((alerts.size() - ALERTS) + " more in the PDF and Excel reports");
        }
        return lines;
    }

    private static void numberSlides(XMLSlideShow deck) {
        List<XSLFSlide> slides = deck.getSlides();
        for (int i = 0; i < slides.size(); i++) {
            SlideText.label(slides.get(i), (i + 1) + " / " + slides.size(), 10, MUTED,
                    new Rectangle2D.Double(PAGE.width - 130, PAGE.height - 32, 100, 20),
                    TextParagraph.TextAlign.RIGHT);
        }
    }
}
