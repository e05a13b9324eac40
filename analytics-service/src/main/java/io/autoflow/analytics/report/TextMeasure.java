package io.autoflow.analytics.report;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.font.PDFont;
import org.apache.pdfbox.pdmodel.font.PDType0Font;

/**
 * The one place reports lay text out: widths from Liberation Sans, the font PDFBox ships and the PDF embeds, whose
 * widths are Arial's (the typeface the PPTX names), so a line measured here fits the same in every format. Text is
 * wrapped on spaces, a word wider than the line is broken between characters, and nothing is cut.
 */
final class TextMeasure {

    static final String FONT = "/org/apache/pdfbox/resources/ttf/LiberationSans-Regular.ttf";
    /** The typeface slides name: metric-compatible with Liberation Sans everywhere a deck is opened. */
    static final String SLIDE_TYPEFACE = "Arial";
    /** Beyond this, a single text (a 5 MB name) is shortened before layout: no page could show it anyway. */
    static final int MAX_TEXT_CHARS = 4000;

    private static final PDFont METRICS = load();
    /** Each character's width in thousandths of an em, measured once: PDFBox's own caches are not thread-safe. */
    private static final Map<Integer, Double> WIDTHS = new ConcurrentHashMap<>();

    private TextMeasure() {
    }

    /**
     * The width of a text at a size, in points. A character the font lacks counts a full em: slides show it in
     * another font, which is wider than Latin letters for the scripts Liberation Sans lacks (CJK).
     */
    static double width(String text, double size) {
        double units = 0;
        for (int i = 0; i < text.length(); i = text.offsetByCodePoints(i, 1)) {
            units += WIDTHS.computeIfAbsent(text.codePointAt(i), TextMeasure::units);
        }
        return units / 1000 * size;
    }

    /** The lines a text takes in a width: its own line breaks kept, then wrapped. */
    static List<String> wrap(String text, double width, double size) {
        List<String> lines = new ArrayList<>();
        for (String paragraph : shortened(text).split("\n", -1)) {
            wrapParagraph(paragraph.replace('\t', ' ').stripTrailing(), width, size, lines);
        }
        return lines;
    }

    /** The text with "?" for each character the font cannot show (and no control characters). */
    static String printable(String text) {
        StringBuilder safe = new StringBuilder(text.length());
        text.codePoints().forEach(cp -> safe.appendCodePoint(cp == '\t' ? ' ' : hasGlyph(cp) ? cp : '?'));
        return safe.toString();
    }

    static String shortened(String text) {
        return text.length() <= MAX_TEXT_CHARS ? text : text.substring(0, MAX_TEXT_CHARS) + "…";
    }

    private static void wrapParagraph(String paragraph, double width, double size, List<String> lines) {
        double space = width(" ", size);
        StringBuilder line = new StringBuilder();
        double used = 0;
        for (String word : paragraph.split(" +")) {
            double wordWidth = width(word, size);
            if (!line.isEmpty() && used + space + wordWidth <= width) {
                line.append(' ').append(word);
                used += space + wordWidth;
                continue;
            }
            if (!line.isEmpty()) {
                lines.add(line.toString());
                line.setLength(0);
            }
            if (wordWidth <= width) {
                line.append(word);
                used = wordWidth;
            } else {
                used = broken(word, width, size, lines, line);
            }
        }
        lines.add(line.toString());
    }

    /** A word wider than the line, over as many lines as it takes; the last part starts the next line. */
    private static double broken(String word, double width, double size, List<String> lines, StringBuilder line) {
        double used = 0;
        int start = 0;
        for (int i = 0; i < word.length(); i = word.offsetByCodePoints(i, 1)) {
            int next = word.offsetByCodePoints(i, 1);
            double glyph = width(word.substring(i, next), size);
            if (used + glyph > width && i > start) {
                lines.add(word.substring(start, i));
                start = i;
                used = 0;
            }
            used += glyph;
        }
        line.append(word, start, word.length());
        return used;
    }

    private static double units(int codePoint) {
        if (!hasGlyph(codePoint)) {
            return 1000;
        }
        try {
            synchronized (METRICS) {
                return METRICS.getStringWidth(new String(Character.toChars(codePoint)));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static boolean hasGlyph(int codePoint) {
        if (Character.isISOControl(codePoint)) {
            return false;
        }
        try {
            synchronized (METRICS) {
                METRICS.encode(new String(Character.toChars(codePoint)));
            }
            return true;
        } catch (IllegalArgumentException | IOException e) {
            return false;
        }
    }

    private static PDFont load() {
        try (InputStream file = TextMeasure.class.getResourceAsStream(FONT)) {
            // A document of its own that is never saved: only the font's metrics are used.
            return PDType0Font.load(new PDDocument(), file, false);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
