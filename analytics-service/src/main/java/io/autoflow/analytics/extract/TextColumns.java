package io.autoflow.analytics.extract;

import java.util.ArrayList;
import java.util.List;
import technology.tabula.Line;
import technology.tabula.TextChunk;

/**
 * The text columns of a page laid out in columns (a two-column article): lines are read across the whole page, so
 * without this a line of the left column and the line beside it in the right one are one line of separate chunks,
 * which looks like a table row. A gutter is a vertical band that most lines leave empty and that has full lines of
 * prose on both sides; a table's column gap has no prose beside it, so a table is never cut at its own columns.
 */
final class TextColumns {

    /** Narrower than this (in points) a blank band is a word or cell gap, not a gutter. */
    private static final float MIN_GUTTER = 6;
    /** Lines crossing a gutter (a title, an abstract, a table over both columns) are at most this share. */
    private static final double MAX_CROSSING = 0.4;
    /** A side of a line counts as prose when its text covers this share of the side. */
    private static final double PROSE_COVER = 0.75;
    /** A gutter needs prose on both sides in at least this many lines, and this share of them. */
    private static final int MIN_PROSE_LINES = 5;
    private static final double MIN_PROSE_SHARE = 0.2;

    private TextColumns() {
    }

    /**
     * The page's lines as blocks of consecutive lines that each stay inside one text column (or, for lines that
     * cross a gutter, span the page), top to bottom in each column; a line crossing a gutter ends the blocks beside
     * it. A page with no gutter is one block.
     */
    static List<List<Line>> blocks(List<Line> lines) {
        List<float[]> gutters = gutters(lines);
        if (gutters.isEmpty()) {
            return lines.isEmpty() ? List.of() : List.of(lines);
        }
        List<List<Line>> blocks = new ArrayList<>();
        List<List<Line>> open = new ArrayList<>();
        for (int c = 0; c <= gutters.size(); c++) {
            open.add(new ArrayList<>());
        }
        List<Line> spanning = new ArrayList<>();
        for (Line line : lines) {
            if (crosses(line, gutters)) {
                close(open, blocks);
                spanning.add(line);
                continue;
            }
            if (!spanning.isEmpty()) {
                blocks.add(spanning);
                spanning = new ArrayList<>();
            }
            List<Line> parts = split(line, gutters);
            for (int c = 0; c < parts.size(); c++) {
                if (parts.get(c) != null) {
                    open.get(c).add(parts.get(c));
                }
            }
        }
        if (!spanning.isEmpty()) {
            blocks.add(spanning);
        }
        close(open, blocks);
        return blocks;
    }

    private static void close(List<List<Line>> open, List<List<Line>> blocks) {
        for (int c = 0; c < open.size(); c++) {
            if (!open.get(c).isEmpty()) {
                blocks.add(open.get(c));
                open.set(c, new ArrayList<>());
            }
        }
    }

    /** The gutters of the page, left to right, as {left, right} in points. */
    static List<float[]> gutters(List<Line> lines) {
        if (lines.size() < MIN_PROSE_LINES) {
            return List.of();
        }
        float left = Float.MAX_VALUE;
        float right = -Float.MAX_VALUE;
        for (Line line : lines) {
            left = Math.min(left, line.getLeft());
            right = Math.max(right, line.getRight());
        }
        int width = (int) Math.ceil(right - left) + 1;
        int[] crossing = new int[width];
        for (Line line : lines) {
            for (TextChunk chunk : line.getTextElements()) {
                int from = (int) Math.floor(chunk.getLeft() - left);
                int to = Math.min(width - 1, (int) Math.ceil(chunk.getRight() - left));
                for (int x = Math.max(0, from); x <= to; x++) {
                    crossing[x]++;
                }
            }
        }
        List<float[]> gutters = new ArrayList<>();
        int start = -1;
        for (int x = 0; x <= width; x++) {
            boolean blank = x < width && crossing[x] <= MAX_CROSSING * lines.size();
            if (blank && start < 0) {
                start = x;
            } else if (!blank && start >= 0) {
                float[] band = {left + start, left + x};
                if (start > 0 && x < width && band[1] - band[0] >= MIN_GUTTER && proseOnBothSides(lines, band, left,
                        right)) {
                    gutters.add(band);
                }
                start = -1;
            }
        }
        return gutters;
    }

    private static boolean proseOnBothSides(List<Line> lines, float[] band, float left, float right) {
        int prose = 0;
        for (Line line : lines) {
            if (!crosses(line, List.of(band)) && cover(line, left, band[0]) >= PROSE_COVER
                    && cover(line, band[1], right) >= PROSE_COVER) {
                prose++;
            }
        }
        return prose >= MIN_PROSE_LINES && prose >= MIN_PROSE_SHARE * lines.size();
    }

    /** The share of [from, to] that the line's text covers. */
    private static double cover(Line line, float from, float to) {
        double covered = 0;
        float end = from;
        List<TextChunk> chunks = new ArrayList<>(line.getTextElements());
        chunks.sort((a, b) -> Float.compare(a.getLeft(), b.getLeft()));
        for (TextChunk chunk : chunks) {
            float a = Math.max(end, chunk.getLeft());
            float b = Math.min(to, chunk.getRight());
            if (b > a) {
                covered += b - a;
                end = b;
            }
        }
        return covered / (to - from);
    }

    private static boolean crosses(Line line, List<float[]> gutters) {
        for (TextChunk chunk : line.getTextElements()) {
            for (float[] gutter : gutters) {
                if (chunk.getLeft() < gutter[1] && chunk.getRight() > gutter[0]) {
                    return true;
                }
            }
        }
        return false;
    }

    /** The line's chunks in each column (null where it has none). */
    private static List<Line> split(Line line, List<float[]> gutters) {
        List<Line> parts = new ArrayList<>();
        for (int c = 0; c <= gutters.size(); c++) {
            parts.add(null);
        }
        for (TextChunk chunk : line.getTextElements()) {
            int c = 0;
            while (c < gutters.size() && chunk.getLeft() >= gutters.get(c)[1]) {
                c++;
            }
            if (parts.get(c) == null) {
                parts.set(c, new Line());
            }
            parts.get(c).addTextChunk(chunk);
        }
        return parts;
    }
}
