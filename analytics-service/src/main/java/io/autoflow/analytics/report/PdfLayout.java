package io.autoflow.analytics.report;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import org.apache.fontbox.ttf.TTFParser;
import org.apache.fontbox.ttf.TrueTypeFont;
import org.apache.pdfbox.io.RandomAccessReadBuffer;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.PDPage;
import org.apache.pdfbox.pdmodel.PDPageContentStream;
import org.apache.pdfbox.pdmodel.common.PDRectangle;
import org.apache.pdfbox.pdmodel.font.PDFont;
import org.apache.pdfbox.pdmodel.font.PDType0Font;
import org.apache.pdfbox.pdmodel.graphics.image.PDImageXObject;

/**
 * Lays a PDF report out top to bottom on A4 pages: headings kept with what follows, text wrapped to the page (never
 * cut), tables whose cells wrap and whose header is repeated on every page they continue on, images scaled to the
 * page, and page numbers. Text is measured by {@link TextMeasure}; the font is embedded as a subset.
 */
final class PdfLayout {

    static final PDRectangle PAGE = PDRectangle.A4;
    static final float MARGIN = 50;
    private static final float BOTTOM = MARGIN + 20;
    private static final float LEADING = 1.25f;
    private static final float CELL_PADDING = 4;

    /** The font file, read once: each report parses its own copy, as PDFBox's parsed fonts are not thread-safe. */
    private static final byte[] FONT_FILE = readFont();

    private final PDDocument pdf;
    private final PDFont font;
    private PDPageContentStream content;
    private float y;

    PdfLayout(PDDocument pdf) throws IOException {
        this.pdf = pdf;
        TrueTypeFont typeface = new TTFParser().parse(new RandomAccessReadBuffer(FONT_FILE));
        // Without glyph substitution: PDFBox rebuilds its Latin ligature rules on every text it shows, which cost a
        // report a quarter of its CPU; a report's tables and figures need no ligatures. Closed with the document.
        typeface.setEnableGsub(false);
        pdf.registerTrueTypeFontForClosing(typeface);
        this.font = PDType0Font.load(pdf, typeface, true);
    }

    private static byte[] readFont() {
        try (InputStream file = PDDocument.class.getResourceAsStream(TextMeasure.FONT)) {
            return file.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The width text has from {@code x} to the right margin. */
    static float widthFrom(float x) {
        return PAGE.getWidth() - x - MARGIN;
    }

    void newPage() throws IOException {
        close();
        PDPage page = new PDPage(PAGE);
        pdf.addPage(page);
        content = new PDPageContentStream(pdf, page);
        y = PAGE.getHeight() - MARGIN;
    }

    /**
     * Where a part of the report starts: on the page being written when more than half of it is free (a short
     * summary leaves no page mostly empty), else on a new one.
     */
    void part() throws IOException {
        if (content == null || y < PAGE.getHeight() / 2) {
            newPage();
        } else {
            y -= 24;
        }
    }

    void gap(float points) {
        y -= points;
    }

    /** A heading, on the next page when it would otherwise end one with nothing under it. */
    void heading(String text, float size) throws IOException {
        List<String> lines = TextMeasure.wrap(text, widthFrom(MARGIN), size);
        ensureSpace(lines.size() * size * LEADING + 4 * 11 * LEADING);
        lines(lines, size, MARGIN);
        y -= size * 0.4f;
    }

    /** Running text from {@code x}, wrapped. */
    void paragraph(String text, float size, float x) throws IOException {
        for (String line : TextMeasure.wrap(text, widthFrom(x), size)) {
            lines(List.of(line), size, x);
        }
        y -= size * 0.3f;
    }

    /** A bullet whose wrapped lines hang under its first word. */
    void bullet(String text, float size, float x) throws IOException {
        float indent = (float) TextMeasure.width("• ", size);
        List<String> lines = TextMeasure.wrap(text, widthFrom(x + indent), size);
        for (int i = 0; i < lines.size(); i++) {
            ensureSpace(size * LEADING);
            if (i == 0) {
                show("•", size, x, y - size);
            }
            show(lines.get(i), size, x + indent, y - size);
            y -= size * LEADING;
        }
        y -= size * 0.3f;
    }

    /**
     * A table of text cells: each cell wraps within its column's width, a row never splits across pages, and the
     * header row is drawn again at the top of each page the table continues on.
     */
    void table(List<String> header, float[] widths, List<List<String>> rows) throws IOException {
        Cells head = Cells.of(header, widths, 9);
        ensureSpace(head.height() + (rows.isEmpty() ? 0 : Cells.of(rows.get(0), widths, 8.5f).height()));
        row(head, widths, true);
        for (List<String> row : rows) {
            Cells cells = Cells.of(row, widths, 8.5f); // wrapped once: measured, then drawn
            if (y - cells.height() < BOTTOM) {
                newPage();
                row(head, widths, true);
            }
            row(cells, widths, false);
        }
        y -= 10;
    }

    /** A row's cells wrapped to their columns at a size, and the most lines one of them takes. */
    private record Cells(List<List<String>> lines, float size, int tallest) {

        static Cells of(List<String> cells, float[] widths, float size) {
            List<List<String>> wrapped = new ArrayList<>();
            int tallest = 1;
            for (int i = 0; i < cells.size(); i++) {
                wrapped.add(TextMeasure.wrap(cells.get(i), widths[i] - CELL_PADDING, size));
                tallest = Math.max(tallest, wrapped.get(i).size());
            }
            return new Cells(wrapped, size, tallest);
        }

        float height() {
            return tallest * size * LEADING + 5;
        }
    }

    void image(byte[] png, String name) throws IOException {
        PDImageXObject image = PDImageXObject.createFromByteArray(pdf, png, name);
        float width = widthFrom(MARGIN);
        float height = width * image.getHeight() / image.getWidth();
        ensureSpace(height + 10);
        y -= height;
        content.drawImage(image, MARGIN, y, width, height);
        y -= 10;
    }

    /** Writes "Page n of m" at the foot of every page; the last thing done. */
    void numberPages() throws IOException {
        close();
        int total = pdf.getNumberOfPages();
        for (int i = 0; i < total; i++) {
            try (PDPageContentStream footer = new PDPageContentStream(pdf, pdf.getPage(i),
                    PDPageContentStream.AppendMode.APPEND, true, true)) {
                String label = "Page " + (i + 1) + " of " + total;
                footer.beginText();
                footer.setFont(font, 9);
                footer.newLineAtOffset(PAGE.getWidth() - MARGIN - (float) TextMeasure.width(label, 9), 25);
                footer.showText(label);
                footer.endText();
            }
        }
    }

    private void row(Cells cells, float[] widths, boolean header) throws IOException {
        float size = cells.size();
        float top = y;
        // Only a cell longer than a whole page could need this: its end is marked rather than drawn off the page.
        int room = (int) ((top - BOTTOM) / (size * LEADING));
        int lines = Math.min(cells.tallest(), room);
        float x = MARGIN;
        for (int i = 0; i < cells.lines().size(); i++) {
            float baseline = top - size;
            List<String> cell = cells.lines().get(i);
            if (cell.size() > room) {
                cell = new ArrayList<>(cell.subList(0, room));
                cell.set(room - 1, "…");
            }
            for (String line : cell) {
                show(line, size, x, baseline);
                baseline -= size * LEADING;
            }
            x += widths[i];
        }
        y = top - lines * size * LEADING - 3;
        if (header) {
            content.moveTo(MARGIN, y + 1);
            content.lineTo(x, y + 1);
            content.stroke();
            y -= 2;
        }
    }

    private void lines(List<String> lines, float size, float x) throws IOException {
        for (String line : lines) {
            ensureSpace(size * LEADING);
            show(line, size, x, y - size);
            y -= size * LEADING;
        }
    }

    private void show(String text, float size, float x, float baseline) throws IOException {
        if (text.isEmpty()) {
            return;
        }
        content.beginText();
        content.setFont(font, size);
        content.newLineAtOffset(x, baseline);
        content.showText(TextMeasure.printable(text));
        content.endText();
    }

    private void ensureSpace(float needed) throws IOException {
        if (content == null || y - needed < BOTTOM) {
            newPage();
        }
    }

    private void close() throws IOException {
        if (content != null) {
            content.close();
            content = null;
        }
    }
}
