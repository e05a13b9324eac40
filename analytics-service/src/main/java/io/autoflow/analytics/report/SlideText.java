package io.autoflow.analytics.report;

import java.awt.Color;
import java.awt.geom.Rectangle2D;
import java.util.ArrayList;
import java.util.List;
import org.apache.poi.sl.usermodel.TextParagraph;
import org.apache.poi.sl.usermodel.TextShape;
import org.apache.poi.xslf.usermodel.XSLFSlide;
import org.apache.poi.xslf.usermodel.XSLFTextBox;
import org.apache.poi.xslf.usermodel.XSLFTextParagraph;
import org.apache.poi.xslf.usermodel.XSLFTextRun;

/**
 * Text boxes on a slide, each as tall as its text wrapped by {@link TextMeasure}: a list takes the items that fit
 * above a bottom line and hands back the rest for the next slide, so no text runs off a slide or is cut.
 */
final class SlideText {

    /** The box's inner margins, set explicitly so that measure and rendering agree. */
    private static final double INSET_X = 7.2;
    private static final double INSET_Y = 3.6;
    /** A line's height for its font size: Arial is 1.15 em; the rest is room for renderers that wrap a word sooner. */
    static final double LINE = 1.25;
    private static final double BULLET_INDENT = 22;
    private static final double SPACE_AFTER = 6;
    private static final double[] TITLE_SIZES = {20, 16, 14};
    /**
     * Lines are filled to this share of a box's width: renderers differ a little in kerning and bullet placement,
     * and a line they wrap differently would make the box one line short.
     */
    private static final double FILL = 0.96;
    /** Bold glyphs are up to this much wider than the regular ones measured (Arial Bold against Arial). */
    private static final double BOLD = 1.1;

    private SlideText() {
    }

    /** One text at its size, wrapped; returns where the box ends. */
    static double box(XSLFSlide slide, String text, double size, boolean bold, Color color, double x, double y,
            double width) {
        int lines = lines(text, width - 2 * INSET_X, size, bold);
        double height = lines * size * LINE + 2 * INSET_Y;
        XSLFTextBox box = newBox(slide, x, y, width, height);
        run(box.getTextParagraphs().get(0), text, size, bold, color);
        return y + height;
    }

    /** A finding as a title: the largest size at which it takes at most {@code maxLines} lines. */
    static double title(XSLFSlide slide, String text, double x, double y, double width, int maxLines) {
        double size = TITLE_SIZES[TITLE_SIZES.length - 1];
        for (double candidate : TITLE_SIZES) {
            if (lines(text, width - 2 * INSET_X, candidate, true) <= maxLines) {
                size = candidate;
                break;
            }
        }
        return box(slide, text, size, true, PptxReportWriter.TITLE, x, y, width);
    }

    /** As many items as fit above {@code bottom}, as bullets; returns the items left for another slide. */
    static List<String> bullets(XSLFSlide slide, List<String> items, double size, double x, double y, double width,
            double bottom) {
        return list(slide, items, size, x, y, width, bottom, true);
    }

    /** As {@link #bullets}, as plain paragraphs. */
    static List<String> paragraphs(XSLFSlide slide, List<String> items, double size, double x, double y,
            double width, double bottom) {
        return list(slide, items, size, x, y, width, bottom, false);
    }

    /** A one-line label in a given box, such as the slide number. */
    static void label(XSLFSlide slide, String text, double size, Color color, Rectangle2D anchor,
            TextParagraph.TextAlign align) {
        XSLFTextBox box = newBox(slide, anchor.getX(), anchor.getY(), anchor.getWidth(), anchor.getHeight());
        XSLFTextParagraph paragraph = box.getTextParagraphs().get(0);
        run(paragraph, text, size, false, color);
        paragraph.setTextAlign(align);
    }

    private static List<String> list(XSLFSlide slide, List<String> items, double size, double x, double y,
            double width, double bottom, boolean bullets) {
        double textWidth = (width - 2 * INSET_X - (bullets ? BULLET_INDENT : 0)) * FILL;
        double lineHeight = size * LINE;
        double used = 2 * INSET_Y;
        List<String> placed = new ArrayList<>();
        List<String> rest = new ArrayList<>(items);
        while (!rest.isEmpty()) {
            List<String> lines = TextMeasure.wrap(rest.get(0), textWidth, size);
            double height = lines.size() * lineHeight + SPACE_AFTER;
            if (y + used + height <= bottom) {
                placed.add(rest.remove(0));
                used += height;
                continue;
            }
            int fitting = (int) ((bottom - y - used - SPACE_AFTER) / lineHeight);
            if (placed.isEmpty() && fitting > 0) {
                // An item longer than a slide: its first lines here, the others continue on the next one.
                placed.add(String.join(" ", lines.subList(0, fitting)));
                rest.set(0, String.join(" ", lines.subList(fitting, lines.size())));
                used += fitting * lineHeight + SPACE_AFTER;
            }
            break;
        }
        if (!placed.isEmpty()) {
            XSLFTextBox box = newBox(slide, x, y, width, used);
            for (String item : placed) {
                XSLFTextParagraph paragraph = item == placed.get(0) ? box.getTextParagraphs().get(0)
                        : box.addNewTextParagraph();
                if (bullets) {
                    paragraph.setBullet(true);
                    paragraph.setLeftMargin(BULLET_INDENT);
                    paragraph.setIndent(-BULLET_INDENT);
                }
                paragraph.setSpaceAfter(-SPACE_AFTER); // negative: points, not a share of the line
                run(paragraph, item, size, false, PptxReportWriter.TITLE);
            }
        }
        return rest;
    }

    private static int lines(String text, double width, double size, boolean bold) {
        return TextMeasure.wrap(text, width * FILL / (bold ? BOLD : 1), size).size();
    }

    private static XSLFTextBox newBox(XSLFSlide slide, double x, double y, double width, double height) {
        XSLFTextBox box = slide.createTextBox();
        box.setAnchor(new Rectangle2D.Double(x, y, width, height));
        box.setWordWrap(true);
        box.setInsets(new org.apache.poi.sl.usermodel.Insets2D(INSET_Y, INSET_X, INSET_Y, INSET_X));
        box.setTextAutofit(TextShape.TextAutofit.NONE);
        box.clearText();
        box.addNewTextParagraph();
        return box;
    }

    private static void run(XSLFTextParagraph paragraph, String text, double size, boolean bold, Color color) {
        XSLFTextRun run = paragraph.addNewTextRun();
        // Runs of spaces as one, as they were measured (a PDF's table row keeps its gaps).
        run.setText(TextMeasure.shortened(text).replaceAll("[\\p{Cntrl}\\s]+", " "));
        run.setFontFamily(TextMeasure.SLIDE_TYPEFACE);
        run.setFontSize(size);
        run.setBold(bold);
        run.setFontColor(color);
    }
}
