package io.autoflow.analytics.extract;

import io.autoflow.analytics.stats.NumberReader;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import technology.tabula.RectangularTextContainer;

/**
 * How sure we are that a grid of text read from a page is a table, from 0 to 1, with what it is made of.
 *
 * @param alignment how well each column's cells line up on a left, right or centre edge, at most two positions (a
 *        column of row labels may indent some), averaged over the columns; prose cut at its widest word gaps lines up
 *        only at its margins
 * @param crossing the share of text chunks that run over a column boundary (prose does, a table's cells do not)
 * @param agreement for a ruled grid, how well its rows and columns agree with those its text is laid out in (the
 *        smaller of the two ratios, averaged over rows and columns); a frame around a whole table, or lines drawn
 *        between some cells only, give a grid that does not
 * @param fill the share of cells that hold text
 * @param shortCells the share of filled cells of at most {@link #SHORT_WORDS} words (prose cells hold more)
 * @param numeric the share of filled cells that are numbers
 * @param score the confidence itself
 */
record TableConfidence(double alignment, double crossing, double agreement, double fill, double shortCells,
        double numeric, double score) {

    static final int SHORT_WORDS = 4;
    /** Prose cut into columns has a fifth of its chunks or more over a boundary; tables under a tenth. */
    private static final double MAX_CROSSING = 0.25;
    /** Ruled grids leave cells empty where a cell spans several; aligned text fills nearly all of its grid. */
    private static final double RULED_FULL = 0.5;
    private static final double ALIGNED_FULL = 0.8;
    /** Two edges closer than this share of the text height line up. */
    private static final double ALIGN_TOLERANCE = 0.35;

    /** The text of a cell and where it is. */
    record Box(float left, float right, float height, String text) {
        static Box of(RectangularTextContainer<?> cell) {
            return new Box(cell.getLeft(), cell.getRight(), (float) cell.getHeight(), TableConfidence.text(cell));
        }
    }

    /**
     * A grid whose cells are bounded by ruling lines: the lines say where its columns are.
     *
     * @param agreement see {@link #agreement()}
     */
    static TableConfidence ruled(List<List<Box>> rows, double agreement) {
        return of(rows, true, 0, agreement);
    }

    /**
     * A grid whose columns were inferred from the alignment of its text.
     *
     * @param crossing the share of its text chunks that run over a column boundary
     */
    static TableConfidence aligned(List<List<Box>> rows, double crossing) {
        return of(rows, false, crossing, 1);
    }

    private static TableConfidence of(List<List<Box>> rows, boolean ruled, double crossing, double agreement) {
        int columns = rows.stream().mapToInt(List::size).max().orElse(0);
        int filled = 0;
        int shortCells = 0;
        int numbers = 0;
        for (List<Box> row : rows) {
            for (Box cell : row) {
                if (cell != null && !cell.text().isEmpty()) {
                    filled++;
                    shortCells += cell.text().split(" ").length <= SHORT_WORDS ? 1 : 0;
                    numbers += NumberReader.isNumber(cell.text()) ? 1 : 0;
                }
            }
        }
        if (filled == 0 || columns < 2 || rows.size() < 2) {
            return new TableConfidence(0, crossing, agreement, 0, 0, 0, 0);
        }
        double fill = (double) filled / (rows.size() * columns);
        double alignment = ruled ? 1 : alignment(rows, columns);
        double shortShare = (double) shortCells / filled;
        double numeric = (double) numbers / filled;
        return new TableConfidence(alignment, crossing, agreement, fill, shortShare, numeric,
                score(alignment, crossing, agreement, Math.min(1, fill / (ruled ? RULED_FULL : ALIGNED_FULL)),
                        shortShare, numeric));
    }

    /** Each measure scaled to 0..1 where 1 is what tables show, multiplied: any one can rule a candidate out. */
    private static double score(double alignment, double crossing, double agreement, double filled,
            double shortCells, double numeric) {
        return alignment * Math.max(0, 1 - crossing / MAX_CROSSING) * agreement * filled
                * Math.min(1, (shortCells + numeric) / 0.8);
    }

    /** The columns' mean share of cells on their best edge (left, right or centre). */
    private static double alignment(List<List<Box>> rows, int columns) {
        double height = median(rows.stream().flatMap(List::stream).filter(c -> c != null && !c.text().isEmpty())
                .mapToDouble(Box::height).toArray());
        double tolerance = Math.max(1, ALIGN_TOLERANCE * height);
        double sum = 0;
        int counted = 0;
        for (int c = 0; c < columns; c++) {
            List<Box> cells = new ArrayList<>();
            for (List<Box> row : rows) {
                if (c < row.size() && row.get(c) != null && !row.get(c).text().isEmpty()) {
                    cells.add(row.get(c));
                }
            }
            if (cells.size() < 2) {
                continue;
            }
            double best = Math.max(aligned(cells.stream().mapToDouble(Box::left).toArray(), tolerance),
                    Math.max(aligned(cells.stream().mapToDouble(Box::right).toArray(), tolerance),
                            aligned(cells.stream().mapToDouble(b -> (b.left() + b.right()) / 2).toArray(),
                                    tolerance)));
            sum += best;
            counted++;
        }
        return counted == 0 ? 0 : sum / counted;
    }
    /** The largest share of the edges that lie at one or two positions (within the tolerance). */
    private static double aligned(double[] edges, double tolerance) {
        double[] sorted = edges.clone();
        Arrays.sort(sorted);
        int[] ends = new int[sorted.length]; // how many edges lie in the window ending at each one
        int from = 0;
        for (int to = 0; to < sorted.length; to++) {
            while (sorted[to] - sorted[from] > 2 * tolerance) {
                from++;
            }
            ends[to] = to - from + 1;
        }
        int best = 0;
        int bestBefore = 0; // the fullest window that ends before the current one starts
        for (int to = 0, done = 0; to < sorted.length; to++) {
            int start = to - ends[to] + 1;
            while (done < start) {
                bestBefore = Math.max(bestBefore, ends[done++]);
            }
            best = Math.max(best, ends[to] + bestBefore);
        }
        return (double) best / sorted.length;
    }

    private static double median(double[] values) {
        if (values.length == 0) {
            return 0;
        }
        double[] sorted = values.clone();
        Arrays.sort(sorted);
        return sorted[sorted.length / 2];
    }

    static String text(RectangularTextContainer<?> cell) {
        return cell.getText().replace('\r', ' ').replace('\n', ' ').trim().replaceAll("\\s+", " ");
    }
}
