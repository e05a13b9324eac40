package io.autoflow.analytics.extract;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.PDPage;
import org.apache.pdfbox.pdmodel.PDPageContentStream;
import org.apache.pdfbox.pdmodel.common.PDRectangle;
import org.apache.pdfbox.pdmodel.font.PDFont;
import org.apache.pdfbox.pdmodel.font.PDType0Font;
import org.apache.pdfbox.pdmodel.font.PDType1Font;
import org.apache.pdfbox.pdmodel.font.Standard14Fonts;

/**
 * A scientific article laid out as journals print it, to check that prose is never read as a table: a title,
 * authors and a full-width abstract, then justified text in two columns (each word placed on its own, as TeX does,
 * so a loose line has wide gaps, wider still after a full stop), numbered headings, a running head and page numbers, a reference list with hanging
 * labels, and one real unruled table, "Table 1" (age, height, weight), in the left column beside the right column's
 * prose.
 */
public final class ArticlePdf {

    static final List<String> TABLE_HEADER = List.of("age", "height", "weight");
    static final List<List<String>> TABLE_ROWS = List.of(
            List.of("23", "171.2", "64.5"), List.of("35", "180.4", "82.1"), List.of("41", "165.0", "70.3"),
            List.of("29", "158.7", "55.9"), List.of("52", "176.3", "88.0"), List.of("47", "169.8", "73.4"),
            List.of("38", "182.5", "91.2"), List.of("61", "162.1", "68.7"), List.of("33", "174.9", "77.6"),
            List.of("56", "167.4", "80.8"));

    private static final float PAGE_W = PDRectangle.LETTER.getWidth();
    private static final float PAGE_H = PDRectangle.LETTER.getHeight();
    private static final float MARGIN = 54;
    private static final float TOP = PAGE_H - 72;
    private static final float BOTTOM = 72;
    private static final float GUTTER = 18;
    private static final float BODY = 9.5f;
    private static final float LEADING = 11.5f;

    private final PDDocument pdf = new PDDocument();
    private final PDFont regular;
    private final PDFont bold = new PDType1Font(Standard14Fonts.FontName.HELVETICA_BOLD);
    private final Random random = new Random(25);
    private final int columns;
    private final float columnWidth;
    private PDPageContentStream out;
    private int pageNumber;
    private int column;
    private float y;
    /** Where the columns start: below the title and abstract on the first page. */
    private float columnTop = TOP;

    private ArticlePdf(int columns) throws IOException {
        try (InputStream font = ArticlePdf.class
                .getResourceAsStream("/org/apache/pdfbox/resources/ttf/LiberationSans-Regular.ttf")) {
            regular = PDType0Font.load(pdf, font);
        }
        this.columns = columns;
        this.columnWidth = (PAGE_W - 2 * MARGIN - (columns - 1) * GUTTER) / columns;
    }

    /** Four pages in two columns, with Table 1 in the results. */
    public static byte[] twoColumns() {
        return write(2, true);
    }

    /** Two pages of prose in one column, no table. */
    public static byte[] oneColumn() {
        return write(1, false);
    }

    private static byte[] write(int columns, boolean table) {
        try {
            ArticlePdf article = new ArticlePdf(columns);
            article.article(table);
            ByteArrayOutputStream bytes = new ByteArrayOutputStream();
            article.out.close();
            article.pdf.save(bytes);
            article.pdf.close();
            return bytes.toByteArray();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private void article(boolean table) throws IOException {
        newPage();
        centred("Body Measurements and Daily Activity in a Small Cohort", bold, 16, y);
        centred("Karin Moreau, Tomas Lindqvist and Amina Haddad", regular, 11, y - 24);
        centred("Department of Applied Physiology, Northern University, Uppsala", regular, 9, y - 38);
        y -= 64;
        text("Abstract", bold, 10, MARGIN, y);
        y -= LEADING + 2;
        paragraph(sentences(9), true, 0, "");
        y -= 14;
        columnTop = y;
        section("1 Introduction", 4, 4);
        section("2 Methods", 3, 5);
        section("2.1 Participants and measurements", 2, 4);
        section("3 Results", 2, 4);
        if (table) {
            table();
        }
        paragraph(sentences(5));
        section("4 Discussion", 7, 5);
        section("5 Conclusions", 2, 4);
        heading("References");
        for (int i = 1; i <= 16; i++) {
            reference(i);
        }
    }

    private void section(String title, int paragraphs, int length) throws IOException {
        heading(title);
        for (int i = 0; i < paragraphs; i++) {
            paragraph(sentences(length + random.nextInt(3)));
        }
    }

    private void heading(String title) throws IOException {
        need(3 * LEADING);
        y -= 4;
        text(title, bold, 10.5f, x(), y);
        y -= LEADING + 3;
    }

    /** Table 1: a caption, a header and ten rows of right-aligned numbers, no ruling lines, and a note. */
    private void table() throws IOException {
        need((TABLE_ROWS.size() + 5) * LEADING);
        y -= 4;
        text("Table 1. Characteristics of the participants.", regular, 8.5f, x(), y);
        y -= LEADING + 2;
        float[] rights = {x() + 60, x() + 140, x() + 220};
        row(TABLE_HEADER, rights, bold);
        for (List<String> values : TABLE_ROWS) {
            row(values, rights, regular);
        }
        text("Age in years, height in cm, weight in kg.", regular, 8, x(), y);
        y -= LEADING + 6;
    }

    private void row(List<String> cells, float[] rights, PDFont font) throws IOException {
        for (int c = 0; c < cells.size(); c++) {
            text(cells.get(c), font, 9, rights[c] - width(cells.get(c), font, 9), y);
        }
        y -= LEADING;
    }

    private void reference(int n) throws IOException {
        String[] authors = {"A. Berg", "L. Chen", "M. Okafor", "P. Novak", "S. Ruiz", "H. Tanaka", "E. Walsh"};
        String[] journals = {"J. Appl. Physiol.", "Int. J. Obesity", "Eur. J. Epidemiol.", "Med. Sci. Sports"};
        String text = authors[n % 7] + ", " + authors[(n * 3) % 7] + ", " + capitalised(words(6 + n % 5)) + ", "
                + journals[n % 4] + " " + (20 + n) + " (" + (1998 + n) + ") " + (100 + 13 * n) + "–"
                + (109 + 13 * n) + ".";
        paragraph(text, false, 20, "[" + n + "]");
    }

    private void paragraph(String text) throws IOException {
        paragraph(text, false, 0, "");
    }

    /**
     * Justified text: every line but the last stretched to the full width by widening its word gaps. With a label,
     * the label hangs in the indent of the first line (a reference list). The abstract spans the page.
     */
    private void paragraph(String text, boolean fullWidth, float indent, String label) throws IOException {
        float width = fullWidth ? PAGE_W - 2 * MARGIN : columnWidth;
        List<String> words = List.of(text.split(" "));
        float space = width(" ", regular, BODY);
        int i = 0;
        boolean first = true;
        while (i < words.size()) {
            need(LEADING);
            float left = fullWidth ? MARGIN : x();
            float from = left + (first && label.isEmpty() ? 10 : indent);
            float available = left + width - from;
            int end = i;
            float used = 0;
            while (end < words.size() && used + width(words.get(end), regular, BODY) + (end > i ? space : 0)
                    <= available) {
                used += width(words.get(end), regular, BODY) + (end > i ? space : 0);
                end++;
            }
            end = Math.max(end, i + 1);
            // As TeX does, a gap after a sentence stretches half as much again as one between words.
            float[] gaps = new float[end - i];
            if (end < words.size() && end - i > 1) {
                float inked = 0;
                float weights = 0;
                for (int w = i; w < end; w++) {
                    inked += width(words.get(w), regular, BODY);
                    weights += w + 1 < end ? weight(words.get(w)) : 0;
                }
                float unit = (available - inked) / weights;
                for (int w = i; w + 1 < end; w++) {
                    gaps[w - i] = unit * weight(words.get(w));
                }
            } else {
                Arrays.fill(gaps, space);
            }
            if (first && !label.isEmpty()) {
                text(label, regular, BODY, left, y);
            }
            float x = from;
            for (int w = i; w < end; w++) {
                text(words.get(w), regular, BODY, x, y);
                x += width(words.get(w), regular, BODY) + gaps[w - i];
            }
            y -= LEADING;
            i = end;
            first = false;
        }
        y -= 3;
    }

    private static float weight(String word) {
        return word.endsWith(".") ? 1.5f : 1;
    }

    private float x() {
        return MARGIN + column * (columnWidth + GUTTER);
    }

    /** Moves to the next column, or page, unless this much height is left. */
    private void need(float height) throws IOException {
        if (y - height >= BOTTOM) {
            return;
        }
        if (column + 1 < columns) {
            column++;
            y = columnTop;
        } else {
            newPage();
        }
    }

    private void newPage() throws IOException {
        if (out != null) {
            out.close();
        }
        PDPage page = new PDPage(PDRectangle.LETTER);
        pdf.addPage(page);
        out = new PDPageContentStream(pdf, page);
        pageNumber++;
        column = 0;
        y = TOP;
        if (pageNumber > 1) {
            text("Journal of Applied Physiology Studies 12 (2026) 101-104", regular, 8, MARGIN, PAGE_H - 48);
            String running = "K. Moreau et al.";
            text(running, regular, 8, PAGE_W - MARGIN - width(running, regular, 8), PAGE_H - 48);
        }
        centred(Integer.toString(100 + pageNumber), regular, 9, 40);
        columnTop = TOP;
    }

    private void centred(String text, PDFont font, float size, float at) throws IOException {
        text(text, font, size, (PAGE_W - width(text, font, size)) / 2, at);
    }

    private void text(String text, PDFont font, float size, float x, float at) throws IOException {
        out.beginText();
        out.setFont(font, size);
        out.newLineAtOffset(x, at);
        out.showText(text);
        out.endText();
    }

    private static float width(String text, PDFont font, float size) throws IOException {
        return font.getStringWidth(text) / 1000 * size;
    }

    private static final String[] OPENINGS = {"In this study we", "Previous work has", "The present analysis",
        "Our results", "Several authors have", "The cohort", "In contrast, the data", "These measurements",
        "Taken together, the findings", "As expected, participants"};
    private static final String[] MIDDLES = {"examined the relationship between habitual physical activity and",
        "reported a moderate association between", "suggest that the observed differences in", "was recruited to study",
        "indicate a considerable variability of", "did not confirm the expected decline of",
        "were standardised before the comparison of", "highlight the interdisciplinary character of"};
    private static final String[] ENDS = {"body composition in adults aged 20 to 65 years",
        "anthropometric characteristics measured at baseline", "the electroencephalographic recordings of sleep",
        "daily step counts recorded over fourteen consecutive days", "height and weight reported in Table 1",
        "cardiorespiratory fitness and resting heart rate", "the questionnaire on dietary habits",
        "the mean body mass index of 24.6 kg/m2 (SD 3.1)", "socioeconomic status and neighbourhood walkability",
        "the methodological recommendations of the consortium"};

    private String sentences(int count) {
        StringBuilder text = new StringBuilder();
        for (int i = 0; i < count; i++) {
            text.append(i == 0 ? "" : " ").append(OPENINGS[random.nextInt(OPENINGS.length)]).append(' ')
                    .append(MIDDLES[random.nextInt(MIDDLES.length)]).append(' ')
                    .append(ENDS[random.nextInt(ENDS.length)]).append(random.nextInt(4) == 0 ? " (p < 0.05)." : ".");
        }
        return text.toString();
    }

    private String words(int count) {
        String all = String.join(" ", MIDDLES) + " " + String.join(" ", ENDS);
        String[] words = all.split(" ");
        int from = random.nextInt(words.length - count);
        return String.join(" ", List.of(words).subList(from, from + count));
    }

    private static String capitalised(String text) {
        return text.substring(0, 1).toUpperCase(Locale.ROOT) + text.substring(1);
    }
}
