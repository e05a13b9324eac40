package io.autoflow.analytics.extract;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Collectors;
import technology.tabula.Line;
import technology.tabula.Page;
import technology.tabula.Rectangle;
import technology.tabula.RectangularTextContainer;
import technology.tabula.Table;
import technology.tabula.TextChunk;
import technology.tabula.TextElement;
import technology.tabula.extractors.BasicExtractionAlgorithm;
import technology.tabula.extractors.SpreadsheetExtractionAlgorithm;

/**
 * Finds the tables of a page: grids of ruling lines (tabula's lattice mode, open sides closed by
 * {@link RulingFrames}), then, in the text outside them, runs of lines whose text falls into aligned columns (stream
 * mode, {@link AlignedRuns}), each inside one text column of the page ({@link TextColumns}). Every candidate gets a
 * {@link TableConfidence}; only those at {@link #MIN_CONFIDENCE} or more are tables.
 */
final class TableFinder {

    /**
     * Measured by PdfTableDetectionTest: the known tables of the sample PDFs score 0.60 or more; the grids it rejects
     * (a frame around a page or around a whole table, an over-split ruled grid) 0.43 at most, and every grid read from
     * the generated articles' prose 0.12 at most (0.32 without joining justified lines).
     */
    static final double MIN_CONFIDENCE = 0.5;
    private static final float AREA_MARGIN = 2;

    private final SpreadsheetExtractionAlgorithm lattice = new SpreadsheetExtractionAlgorithm();
    private final BasicExtractionAlgorithm stream = new BasicExtractionAlgorithm();

    /** The tables of the page: ruled ones, then the others top to bottom, text column by text column. */
    List<PageTable> tables(Page page) {
        return candidates(page).stream().filter(t -> t.confidence().score() >= MIN_CONFIDENCE).toList();
    }

    /** Every candidate of the page with its confidence, kept or not. */
    List<PageTable> candidates(Page page) {
        List<PageTable> found = new ArrayList<>();
        List<Rectangle> ruledAreas = new ArrayList<>();
        for (Table table : lattice.extract(page, RulingFrames.closed(page.getRulings()))) {
            List<List<RectangularTextContainer>> rows = filledRows(table);
            PageTable candidate = table(page, table, rows, true,
                    TableConfidence.ruled(boxes(rows), agreement(page, table)));
            if (candidate != null) {
                found.add(candidate);
                if (candidate.confidence().score() >= MIN_CONFIDENCE) {
                    ruledAreas.add(table);
                }
            }
        }
        List<TextElement> text = page.getText().stream()
                .filter(t -> ruledAreas.stream().noneMatch(a -> a.contains(t.getCenterX(), t.getCenterY())))
                .toList();
        List<Line> lines = TextChunk.groupByLines(new ArrayList<>(TextElement.mergeWords(text)));
        for (List<Line> block : TextColumns.blocks(lines)) {
            for (List<Line> run : AlignedRuns.of(block)) {
                List<Float> columns = AlignedRuns.columns(run);
                if (columns.size() < AlignedRuns.MIN_COLUMNS) {
                    continue;
                }
                TableConfidence confidence = laidOut(run, columns);
                Rectangle area = Rectangle.boundingBoxOf(run);
                // A little room around the text, or glyphs on the area's edge are left out.
                for (Table table : stream.extract(page.getArea(area.getTop() - AREA_MARGIN,
                        area.getLeft() - AREA_MARGIN, area.getBottom() + AREA_MARGIN,
                        area.getRight() + AREA_MARGIN), columns)) {
                    PageTable candidate = table(page, area, filledRows(table), false, confidence);
                    if (candidate != null) {
                        found.add(candidate);
                    }
                }
            }
        }
        return found;
    }

    private static PageTable table(Page page, Rectangle area, List<List<RectangularTextContainer>> rows,
            boolean ruled, TableConfidence confidence) {
        if (rows.size() < 2) {
            return null;
        }
        List<List<String>> cells = rows.stream()
                .map(r -> r.stream().map(TableConfidence::text).collect(Collectors.toCollection(ArrayList::new)))
                .collect(Collectors.toCollection(ArrayList::new));
        float[] where = {area.getTop(), area.getLeft(), area.getBottom(), area.getRight()};
        return new PageTable(page.getPageNumber(), where, cells, ruled, confidence);
    }

    /**
     * How well a ruled grid's rows and columns agree with those of its text read by alignment alone (tabula's own
     * test of whether a page is "tabular", applied to the grid's area).
     */
    private static double agreement(Page page, Table grid) {
        // A new extractor: the shared one keeps the column boundaries it was last given.
        List<Table> text = new BasicExtractionAlgorithm().extract(page.getArea(grid));
        if (text.isEmpty() || text.get(0).getRowCount() == 0 || text.get(0).getColCount() == 0) {
            return 0;
        }
        double rows = (double) grid.getRowCount() / text.get(0).getRowCount();
        double columns = (double) grid.getColCount() / text.get(0).getColCount();
        return (Math.min(rows, 1 / rows) + Math.min(columns, 1 / columns)) / 2;
    }

    private static List<List<TableConfidence.Box>> boxes(List<List<RectangularTextContainer>> rows) {
        return rows.stream().map(r -> r.stream().map(TableConfidence.Box::of).toList()).toList();
    }

    /**
     * The confidence of a run read with these column boundaries, from its text chunks as printed (tabula cuts
     * chunks at the boundaries, which would make any text look aligned).
     */
    private static TableConfidence laidOut(List<Line> run, List<Float> columns) {
        List<List<TableConfidence.Box>> rows = new ArrayList<>();
        int chunks = 0;
        int crossing = 0;
        for (Line line : run) {
            TableConfidence.Box[] cells = new TableConfidence.Box[columns.size() + 1];
            for (TextChunk chunk : line.getTextElements()) {
                int c = 0;
                while (c < columns.size() && chunk.getLeft() > columns.get(c)) {
                    c++;
                }
                chunks++;
                crossing += c < columns.size() && chunk.getRight() > columns.get(c) + AREA_MARGIN ? 1 : 0;
                TableConfidence.Box box = TableConfidence.Box.of(chunk);
                TableConfidence.Box before = cells[c];
                cells[c] = before == null ? box : new TableConfidence.Box(Math.min(before.left(), box.left()),
                        Math.max(before.right(), box.right()), box.height(), before.text() + " " + box.text());
            }
            rows.add(Arrays.asList(cells));
        }
        if (rows.stream().allMatch(r -> r.get(columns.size()) == null)) {
            rows.replaceAll(r -> r.subList(0, columns.size())); // nothing right of the last boundary
        }
        return TableConfidence.aligned(rows, (double) crossing / chunks);
    }

    private static List<List<RectangularTextContainer>> filledRows(Table table) {
        List<List<RectangularTextContainer>> rows = new ArrayList<>();
        for (List<RectangularTextContainer> row : table.getRows()) {
            if (row.stream().anyMatch(c -> !TableConfidence.text(c).isEmpty())) {
                rows.add(row);
            }
        }
        return rows;
    }

}
