package io.autoflow.analytics.report;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.autoflow.analytics.extract.ArticlePdf;
import io.autoflow.analytics.extract.CsvAnalyzer;
import io.autoflow.analytics.extract.ExtractedDocument;
import io.autoflow.analytics.extract.PdfAnalyzer;
import io.autoflow.analytics.insight.Insight;
import io.autoflow.analytics.insight.InsightWriter;
import io.autoflow.analytics.insight.Numbers;
import io.autoflow.analytics.mapping.AnalysisResultMapping;
import io.autoflow.analytics.quality.AlertFinder;
import io.autoflow.analytics.stats.DocumentStatistics;
import io.autoflow.analytics.stats.TableStatistics;
import io.autoflow.events.EventJson;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.geom.Rectangle2D;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.stream.Stream;
import org.apache.pdfbox.Loader;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.PDPage;
import org.apache.pdfbox.text.PDFTextStripper;
import org.apache.pdfbox.text.TextPosition;
import org.apache.poi.common.usermodel.fonts.FontInfo;
import org.apache.poi.sl.draw.DrawFontManagerDefault;
import org.apache.poi.sl.draw.Drawable;
import org.apache.poi.ss.usermodel.Cell;
import org.apache.poi.ss.usermodel.CellType;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.xslf.usermodel.XMLSlideShow;
import org.apache.poi.xslf.usermodel.XSLFPictureShape;
import org.apache.poi.xslf.usermodel.XSLFShape;
import org.apache.poi.xslf.usermodel.XSLFSlide;
import org.apache.poi.xslf.usermodel.XSLFTextShape;
import org.apache.poi.xssf.usermodel.XSSFSheet;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/**
 * Renders every report format of documents chosen to be awkward (wide, long, tiny, huge and negative values,
 * non-ASCII names, a text-only PDF, a table PDF) and checks the files themselves, as a reader would: no text outside
 * its page or slide (PDFBox text positions; POI's own measure of each text box), nothing cut with an ellipsis, every
 * finding slide with a picture and no picture twice, and the numbers shown equal to the result's JSON. The files are
 * kept in target/report-layout/ for a person to look at.
 */
class ReportLayoutTest {

    private static final Path OUT = Path.of("target", "report-layout");

    @TestFactory
    Stream<DynamicTest> everyFormatOfAwkwardDocumentsStaysOnItsPagesWithTheRightNumbers() {
        return documents().entrySet().stream().map(document -> DynamicTest.dynamicTest(document.getKey(), () -> {
            Rendered rendered = Rendered.of(document.getKey(), document.getValue());
            checkPdf(rendered);
            checkPptx(rendered);
            checkXlsx(rendered);
        }));
    }

    private static void checkPdf(Rendered rendered) throws IOException {
        byte[] pdf = rendered.write(new PdfReportWriter(), "pdf");
        try (PDDocument document = Loader.loadPDF(pdf)) {
            List<String> outside = new ArrayList<>();
            StringBuilder text = new StringBuilder();
            PDFTextStripper stripper = new PDFTextStripper() {
                @Override
                protected void writeString(String string, List<TextPosition> positions) throws IOException {
                    for (TextPosition p : positions) {
                        float width = p.getPageWidth();
                        if (p.getXDirAdj() < PdfLayout.MARGIN - 0.5 || p.getXDirAdj() + p.getWidthDirAdj()
                                > width - PdfLayout.MARGIN + 0.5 || p.getYDirAdj() < PdfLayout.MARGIN
                                || p.getYDirAdj() > p.getPageHeight() - 20) {
                            outside.add(string + " at " + p.getXDirAdj() + "," + p.getYDirAdj());
                            break;
                        }
                    }
                    super.writeString(string, positions);
                }
            };
            text.append(stripper.getText(document));
            assertThat(outside).as("text outside the page's margins").isEmpty();
            String written = normalised(text.toString());
            assertThat(written).as("text cut with an ellipsis").doesNotContain("…");
            for (String number : rendered.statisticsShown()) {
                assertThat(written).as("a column's statistic as the result has it").contains(number);
            }
            long images = 0;
            for (PDPage page : document.getPages()) {
                for (var ignored : page.getResources().getXObjectNames()) {
                    images++;
                }
            }
            assertThat(images).isEqualTo(rendered.sections.stream().mapToLong(s -> s.charts().size()).sum());
        }
    }

    private static void checkPptx(Rendered rendered) throws IOException {
        byte[] pptx = rendered.write(new PptxReportWriter(), "pptx");
        try (XMLSlideShow deck = new XMLSlideShow(new ByteArrayInputStream(pptx))) {
            Graphics2D graphics = measuringGraphics();
            Set<String> pictures = new HashSet<>();
            int findingSlides = 0;
            for (XSLFSlide slide : deck.getSlides()) {
                for (XSLFShape shape : slide.getShapes()) {
                    Rectangle2D anchor = shape.getAnchor();
                    assertThat(anchor.getMinX()).isGreaterThanOrEqualTo(0);
                    assertThat(anchor.getMinY()).isGreaterThanOrEqualTo(0);
                    assertThat(anchor.getMaxX()).isLessThanOrEqualTo(PptxReportWriter.PAGE.width);
                    assertThat(anchor.getMaxY()).isLessThanOrEqualTo(PptxReportWriter.PAGE.height);
                    if (shape instanceof XSLFTextShape box) {
                        asInstalledHere(box);
                        assertThat(box.getTextHeight(graphics)).as("text of «%s» in its box", box.getText())
                                .isLessThanOrEqualTo(anchor.getHeight() + 0.5);
                        assertThat(box.getText()).doesNotContain("…");
                    }
                    if (shape instanceof XSLFPictureShape picture) {
                        assertThat(pictures.add(java.util.Arrays.toString(java.security.MessageDigest
                                .getInstance("SHA-256").digest(picture.getPictureData().getData()))))
                                .as("a chart shown twice").isTrue();
                    }
                }
                String text = slideText(slide);
                if (text.startsWith("Finding ")) {
                    findingSlides++;
                    assertThat(slide.getShapes()).as("the chart of «%s»", text)
                            .anyMatch(XSLFPictureShape.class::isInstance);
                }
            }
            if (rendered.charted() > 0) {
                assertThat(findingSlides).isEqualTo(rendered.charted());
            }
            drawSlides(rendered.name, deck);
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static void checkXlsx(Rendered rendered) throws IOException {
        byte[] xlsx = rendered.write(new XlsxReportWriter(), "xlsx");
        try (XSSFWorkbook workbook = new XSSFWorkbook(new ByteArrayInputStream(xlsx))) {
            XSSFSheet statistics = workbook.getSheet("Statistics");
            int checked = 0;
            for (Row row : statistics) {
                if (row.getRowNum() == 0) {
                    continue;
                }
                JsonNode column = rendered.column(row.getCell(0).getStringCellValue(),
                        row.getCell(1).getStringCellValue());
                for (String field : List.of("mean", "min", "max")) {
                    Cell cell = row.getCell(header(statistics, field));
                    if (column.hasNonNull(field)) {
                        assertThat(cell.getCellType()).isEqualTo(CellType.NUMERIC);
                        assertThat(cell.getNumericCellValue()).isEqualTo(column.get(field).asDouble());
                        checked++;
                    }
                }
            }
            assertThat(checked).isEqualTo(rendered.numericColumns() * 3);
        }
    }

    /** What the PDF must show of each numeric column: its min, median and max, written as Numbers writes them. */
    private record Rendered(String name, DocumentStatistics statistics, List<ReportSection> sections,
            ReportContent content, JsonNode json) {

        static Rendered of(String name, DocumentStatistics statistics) {
            List<Insight> insights = new InsightWriter().write(statistics);
            ChartRenderer charts = new ChartRenderer();
            List<ReportSection> sections = statistics.tables().stream()
                    .map(t -> new ReportSection(t, charts.render(t))).toList();
            JsonNode json = EventJson.mapper().valueToTree(AnalysisResultMapping.each(statistics.tables(),
                    AnalysisResultMapping::table));
            return new Rendered(name, statistics, sections, new ReportContent(name, statistics, null, insights,
                    new AlertFinder().find(statistics)), json);
        }

        byte[] write(ReportWriter writer, String extension) throws IOException {
            byte[] file = writer.write(content, sections);
            Files.createDirectories(OUT);
            Files.write(OUT.resolve(name + "." + extension), file);
            return file;
        }

        List<String> statisticsShown() {
            List<String> shown = new ArrayList<>();
            for (JsonNode table : json) {
                for (JsonNode column : table.get("columns")) {
                    for (String field : List.of("min", "median", "max")) {
                        if (column.hasNonNull(field)) {
                            shown.add(normalised(Numbers.value(column.get(field).asDouble())));
                        }
                    }
                }
            }
            return shown;
        }

        JsonNode column(String table, String column) {
            for (JsonNode t : json) {
                for (JsonNode c : t.get("columns")) {
                    if (t.get("name").asText().equals(table) && c.get("name").asText().equals(column)) {
                        return c;
                    }
                }
            }
            throw new AssertionError("no column " + table + "." + column + " in the result");
        }

        long numericColumns() {
            long count = 0;
            for (JsonNode table : json) {
                for (JsonNode column : table.get("columns")) {
                    count += column.hasNonNull("mean") ? 1 : 0;
                }
            }
            return count;
        }

        long charted() {
            return ReportText.byChart(ReportText.keyFindings(content, PptxReportWriter.KEY_FINDINGS), sections)
                    .stream().filter(g -> g.chart() != null).count();
        }
    }

    private static Map<String, DocumentStatistics> documents() {
        Map<String, DocumentStatistics> documents = new java.util.LinkedHashMap<>();
        documents.put("wide", csv("wide", wide()));
        documents.put("long", csv("long", long_()));
        documents.put("tiny-values", csv("tiny-values", tiny()));
        documents.put("huge-values", csv("huge-values", huge()));
        documents.put("negative-values", csv("negative-values", negative()));
        documents.put("non-ascii", csv("Umsätze Zürich – 東京", nonAscii()));
        documents.put("text-only-pdf", pdf(new ByteArrayInputStream(ArticlePdf.oneColumn())));
        documents.put("article-pdf", pdf(new ByteArrayInputStream(ArticlePdf.twoColumns())));
        documents.put("table-pdf", pdf(ReportLayoutTest.class.getResourceAsStream("/pdf/tabula-java/schools.pdf")));
        return documents;
    }

    private static String wide() {
        StringBuilder csv = new StringBuilder();
        for (int c = 0; c < 40; c++) {
            csv.append(c == 0 ? "" : ",").append(c % 4 == 0 ? "category_of_the_measurement_" + c
                    : "measured_quantity_number_" + c);
        }
        Random random = new Random(7);
        for (int r = 0; r < 60; r++) {
            csv.append('\n');
            for (int c = 0; c < 40; c++) {
                csv.append(c == 0 ? "" : ",").append(c % 4 == 0 ? "group " + (char) ('A' + random.nextInt(5))
                        : String.format(Locale.ROOT, "%.3f", random.nextGaussian() * c * 10 + c * 100));
            }
        }
        return csv.append('\n').toString();
    }

    private static String long_() {
        StringBuilder csv = new StringBuilder("date,orders,revenue,region\n");
        Random random = new Random(11);
        LocalDate day = LocalDate.of(2021, 1, 1);
        for (int r = 0; r < 1200; r++) {
            int orders = 40 + r / 30 + (day.getDayOfWeek().getValue() >= 6 ? 15 : 0) + random.nextInt(10);
            csv.append(day).append(',').append(orders).append(',')
                    .append(String.format(Locale.ROOT, "%.2f", orders * (19.5 + random.nextGaussian())))
                    .append(',').append(List.of("north", "south", "east", "west").get(random.nextInt(4)))
                    .append('\n');
            day = day.plusDays(1);
        }
        return csv.toString();
    }

    private static String tiny() {
        StringBuilder csv = new StringBuilder("campaign,ctr,conversion_rate,impressions\n");
        Random random = new Random(3);
        for (int r = 0; r < 80; r++) {
            csv.append("campaign ").append(r).append(',')
                    .append(String.format(Locale.ROOT, "%.6f", 0.0006 + random.nextDouble() * 0.0019)).append(',')
                    .append(String.format(Locale.ROOT, "%.8f", 0.00001 + random.nextDouble() * 0.00004)).append(',')
                    .append(1000 + random.nextInt(99_000)).append('\n');
        }
        return csv.toString();
    }

    private static String huge() {
        StringBuilder csv = new StringBuilder("country,gdp_usd,population,debt_usd\n");
        Random random = new Random(5);
        for (int r = 0; r < 60; r++) {
            csv.append("country ").append(r).append(',')
                    .append(String.format(Locale.ROOT, "%.0f", 1e9 + random.nextDouble() * 2e13)).append(',')
                    .append(100_000 + random.nextInt(1_400_000_000)).append(',')
                    .append(String.format(Locale.ROOT, "%.2f", random.nextDouble() * 3e12)).append('\n');
        }
        return csv.toString();
    }

    private static String negative() {
        StringBuilder csv = new StringBuilder("station,temperature_c,balance_eur,change\n");
        Random random = new Random(9);
        for (int r = 0; r < 70; r++) {
            csv.append("station ").append(r % 7).append(',')
                    .append(String.format(Locale.ROOT, "%.1f", -30 + random.nextDouble() * 40)).append(',')
                    .append(String.format(Locale.ROOT, "%.2f", -5e6 + random.nextDouble() * 4e6)).append(',')
                    .append(String.format(Locale.ROOT, "%.4f", -0.004 + random.nextDouble() * 0.003)).append('\n');
        }
        return csv.toString();
    }

    private static String nonAscii() {
        StringBuilder csv = new StringBuilder("Stadt / 都市,Umsatz (€),Größe m²,Ελλάδα δείκτης,備考\n");
        List<String> cities = List.of("São Paulo", "Kraków", "İstanbul", "Zürich", "東京", "Αθήνα", "Москва");
        Random random = new Random(13);
        for (int r = 0; r < 50; r++) {
            csv.append(cities.get(r % cities.size())).append(',')
                    .append(String.format(Locale.ROOT, "%.2f", 1000 + random.nextDouble() * 9000)).append(',')
                    .append(20 + random.nextInt(200)).append(',')
                    .append(String.format(Locale.ROOT, "%.3f", random.nextGaussian())).append(',')
                    .append(List.of("gut", "très bien", "良い", "καλό").get(r % 4)).append('\n');
        }
        return csv.toString();
    }

    private static DocumentStatistics csv(String name, String content) {
        TableStatistics table = new CsvAnalyzer().analyze(name, () -> new ByteArrayInputStream(
                content.getBytes(StandardCharsets.UTF_8)));
        return new DocumentStatistics(List.of(table), null);
    }

    private static DocumentStatistics pdf(InputStream in) {
        ExtractedDocument document = new PdfAnalyzer().analyze(in);
        return new DocumentStatistics(document.tables(), document.text());
    }

    /** A graphics context that measures slide text with the font the deck's Arial stands for here. */
    private static Graphics2D measuringGraphics() {
        Graphics2D graphics = new BufferedImage(1, 1, BufferedImage.TYPE_INT_ARGB).createGraphics();
        withArialAsLiberationSans(graphics);
        return graphics;
    }

    /**
     * The box's text in Liberation Sans, which has Arial's metrics and is installed here (Java would measure a
     * missing Arial with a wider fallback font).
     */
    private static void asInstalledHere(XSLFTextShape box) {
        box.getTextParagraphs().forEach(p -> p.getTextRuns().forEach(r -> {
            assertThat(r.getFontFamily()).isEqualTo(TextMeasure.SLIDE_TYPEFACE);
            r.setFontFamily("Liberation Sans");
        }));
    }

    /** Arial is not installed here; Liberation Sans, which has its metrics, is (as LibreOffice maps it). */
    private static void withArialAsLiberationSans(Graphics2D graphics) {
        graphics.setRenderingHint(Drawable.FONT_HANDLER, new DrawFontManagerDefault() {
            @Override
            public java.awt.Font createAWTFont(Graphics2D g, FontInfo font, double size, boolean bold,
                    boolean italic) {
                FontInfo installed = TextMeasure.SLIDE_TYPEFACE.equals(font.getTypeface())
                        ? () -> "Liberation Sans" : font;
                return super.createAWTFont(g, installed, size, bold, italic);
            }
        });
    }

    /** Each slide as a PNG next to the deck, drawn by POI, for a person to look at. */
    private static void drawSlides(String name, XMLSlideShow deck) throws IOException {
        List<XSLFSlide> slides = deck.getSlides();
        for (int i = 0; i < slides.size(); i++) {
            BufferedImage image = new BufferedImage(PptxReportWriter.PAGE.width, PptxReportWriter.PAGE.height,
                    BufferedImage.TYPE_INT_RGB);
            Graphics2D graphics = image.createGraphics();
            withArialAsLiberationSans(graphics);
            graphics.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
            graphics.setRenderingHint(RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
            graphics.setPaint(java.awt.Color.WHITE);
            graphics.fillRect(0, 0, image.getWidth(), image.getHeight());
            slides.get(i).draw(graphics);
            graphics.dispose();
            javax.imageio.ImageIO.write(image, "png", OUT.resolve(name + "-slide-" + (i + 1) + ".png").toFile());
        }
    }

    private static int header(XSSFSheet sheet, String name) {
        for (Cell cell : sheet.getRow(0)) {
            if (cell.getStringCellValue().equals(name)) {
                return cell.getColumnIndex();
            }
        }
        throw new AssertionError("no column " + name);
    }

    private static String slideText(XSLFSlide slide) {
        StringBuilder text = new StringBuilder();
        slide.getShapes().stream().filter(XSLFTextShape.class::isInstance)
                .forEach(s -> text.append(((XSLFTextShape) s).getText()).append('\n'));
        return text.toString();
    }

    private static String normalised(String text) {
        return text.replace('\u00a0', ' ');
    }
}
