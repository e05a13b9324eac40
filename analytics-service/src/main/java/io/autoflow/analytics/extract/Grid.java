package io.autoflow.analytics.extract;

import io.autoflow.analytics.stats.NumberReader;
import java.util.ArrayList;
import java.util.List;

/**
 * A table read from a page layout, as a header and rows. A header may span several rows (a PDF table often wraps
 * its column titles): the rows under the first that still hold words in columns of numbers belong to it, and each
 * column's title joins their texts.
 *
 * @param confidence how sure the detection is that this is a table, 0 to 1 ({@link TableConfidence}); for a table
 *        continued over pages, the least sure of its parts
 */
record Grid(List<String> header, List<List<String>> rows, double confidence) {

    /** A column whose filled cells are mostly numbers is a column of numbers. */
    private static final double NUMERIC_SHARE = 0.8;
    /** Column titles wrap over a few rows at most. */
    private static final int MAX_HEADER_ROWS = 5;
    private static final int MIN_COLUMNS = 2;

    /** The grid of these rows, or {@code null} when they are too few or too narrow to be a table. */
    static Grid of(List<List<String>> cells, double confidence) {
        if (cells.size() < 2 || cells.get(0).size() < MIN_COLUMNS) {
            return null;
        }
        List<Integer> numeric = numericColumns(cells);
        int headerRows = 1;
        while (headerRows < Math.min(MAX_HEADER_ROWS, cells.size() - 1)
                && hasWordsIn(cells.get(headerRows), numeric)) {
            headerRows++;
        }
        List<String> header = new ArrayList<>();
        for (int c = 0; c < cells.get(0).size(); c++) {
            StringBuilder title = new StringBuilder();
            for (List<String> row : cells.subList(0, headerRows)) {
                if (c < row.size() && !row.get(c).isEmpty()) {
                    title.append(title.length() == 0 ? "" : " ").append(row.get(c));
                }
            }
            header.add(title.toString());
        }
        return new Grid(header, new ArrayList<>(cells.subList(headerRows, cells.size())), confidence);
    }

    /** This table with the rows of its continuation (same header) after its own. */
    Grid continuedBy(Grid continuation) {
        List<List<String>> all = new ArrayList<>(rows);
        all.addAll(continuation.rows());
        return new Grid(header, all, Math.min(confidence, continuation.confidence()));
    }

    private static List<Integer> numericColumns(List<List<String>> cells) {
        List<Integer> numeric = new ArrayList<>();
        for (int c = 0; c < cells.get(0).size(); c++) {
            int filled = 0;
            int numbers = 0;
            for (List<String> row : cells.subList(1, cells.size())) {
                if (c < row.size() && !row.get(c).isEmpty()) {
                    filled++;
                    numbers += NumberReader.isNumber(row.get(c)) ? 1 : 0;
                }
            }
            if (filled >= 2 && numbers >= NUMERIC_SHARE * filled) {
                numeric.add(c);
            }
        }
        return numeric;
    }

    private static boolean hasWordsIn(List<String> row, List<Integer> numericColumns) {
        return numericColumns.stream().anyMatch(c -> c < row.size() && !row.get(c).isEmpty()
                && !NumberReader.isNumber(row.get(c)));
    }
}
