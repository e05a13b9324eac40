package io.autoflow.analytics.extract;

import io.autoflow.analytics.stats.NumberReader;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import technology.tabula.Line;
import technology.tabula.TextChunk;
import technology.tabula.TextElement;
import technology.tabula.extractors.BasicExtractionAlgorithm;

/** Where a block of text lines (one text column of a page) may hold a table without ruling lines. */
final class AlignedRuns {

    /** Without ruling lines, a table needs this many columns (and rows) to be told from a text layout. */
    static final int MIN_COLUMNS = 3;
    /** Rows grouped under headings: this many lines of headings may part two runs of one table. */
    private static final int MAX_HEADING_LINES = 2;
    /** Column boundaries this close (in points) are the same. */
    private static final float SAME_COLUMN = 3;
    /** Justified prose stretches its word gaps up to about this many font sizes (ems); a table's gaps go beyond. */
    private static final double PROSE_MAX_GAP = 1.5;
    /** ...and makes them all alike: no two differ by more than this many ems. */
    private static final double PROSE_GAP_SPREAD = 0.25;

    private AlignedRuns() {
    }

    /**
     * Where a block of lines holds tables: runs of at least {@link #MIN_COLUMNS} lines that each split into at least
     * that many separate chunks of text, once lines of justified prose are joined into one chunk (a single shorter
     * line, such as the last line of a header, may sit inside a run). Two runs a few lines apart with the same
     * columns are one table whose rows are grouped under short headings.
     */
    static List<List<Line>> of(List<Line> block) {
        List<Line> lines = block.stream().map(AlignedRuns::proseJoined).toList();
        List<int[]> runs = new ArrayList<>();
        int start = -1;
        int last = -1;
        for (int i = 0; i <= lines.size(); i++) {
            boolean aligned = i < lines.size() && lines.get(i).getTextElements().size() >= MIN_COLUMNS;
            if (aligned) {
                start = start < 0 ? i : start;
                last = i;
            } else if (start >= 0 && (i - last > 1 || i == lines.size())) {
                int[] run = trimmed(lines, start, last + 1);
                if (run[1] - run[0] >= MIN_COLUMNS) {
                    int[] previous = runs.isEmpty() ? null : runs.get(runs.size() - 1);
                    if (previous != null && run[0] - previous[1] <= MAX_HEADING_LINES
                            && sameColumns(lines.subList(previous[0], previous[1]), lines.subList(run[0], run[1]))) {
                        previous[1] = run[1];
                    } else {
                        runs.add(run);
                    }
                }
                start = -1;
            }
        }
        return runs.stream().map(r -> lines.subList(r[0], r[1])).toList();
    }

    private static boolean sameColumns(List<Line> a, List<Line> b) {
        List<Float> first = columns(a);
        List<Float> second = columns(b);
        if (first.size() != second.size()) {
            return false;
        }
        for (int c = 0; c < first.size(); c++) {
            if (Math.abs(first.get(c) - second.get(c)) > SAME_COLUMN) {
                return false;
            }
        }
        return true;
    }

    /** The column boundaries of a run, from its body lines only: a header cell over two columns would merge them. */
    static List<Float> columns(List<Line> run) {
        int mode = mostCommonWidth(run);
        return BasicExtractionAlgorithm.columnPositions(run.stream()
                .filter(l -> l.getTextElements().size() == mode).toList());
    }

    /**
     * The run without the lines at its ends that have under half the chunks most of its lines have: a caption or a
     * note beside the table, which would otherwise blur its columns.
     */
    private static int[] trimmed(List<Line> lines, int from, int to) {
        int mode = mostCommonWidth(lines.subList(from, to));
        while (from < to && 2 * lines.get(from).getTextElements().size() < mode) {
            from++;
        }
        while (to > from && 2 * lines.get(to - 1).getTextElements().size() < mode) {
            to--;
        }
        return new int[] {from, to};
    }

    /** The number of chunks most lines of the run have (the larger one on a tie). */
    private static int mostCommonWidth(List<Line> run) {
        Map<Integer, Long> counts = run.stream().collect(Collectors.groupingBy(l -> l.getTextElements().size(),
                Collectors.counting()));
        return counts.entrySet().stream().max(Map.Entry.<Integer, Long>comparingByValue()
                .thenComparing(Map.Entry.comparingByKey())).orElseThrow().getKey();
    }

    /**
     * The line as one chunk if it is a line of justified prose: words spread evenly over the line, so that its
     * gaps, each the same, may be wide enough to make every word a chunk of its own. A table row's gaps differ
     * with its cells' widths, and a row of numbers is kept as it is.
     */
    static Line proseJoined(Line line) {
        List<TextChunk> chunks = new ArrayList<>(line.getTextElements());
        if (chunks.size() < MIN_COLUMNS) {
            return line;
        }
        chunks.sort((a, b) -> Float.compare(a.getLeft(), b.getLeft()));
        double size = chunks.stream().flatMap(c -> c.getTextElements().stream())
                .mapToDouble(TextElement::getFontSize).max().orElse(0);
        double widest = 0;
        double narrowest = Double.MAX_VALUE;
        int numbers = 0;
        for (int i = 0; i < chunks.size(); i++) {
            numbers += NumberReader.isNumber(chunks.get(i).getText()) ? 1 : 0;
            if (i > 0) {
                double gap = chunks.get(i).getLeft() - chunks.get(i - 1).getRight();
                widest = Math.max(widest, gap);
                narrowest = Math.min(narrowest, gap);
            }
        }
        if (widest > PROSE_MAX_GAP * size || widest - narrowest > PROSE_GAP_SPREAD * size
                || 2 * numbers >= chunks.size()) {
            return line;
        }
        List<TextElement> glyphs = new ArrayList<>();
        chunks.forEach(c -> glyphs.addAll(c.getTextElements()));
        Line joined = new Line();
        joined.addTextChunk(new TextChunk(glyphs));
        return joined;
    }
}
