package io.autoflow.analytics.extract;

import java.util.ArrayList;
import java.util.List;

/**
 * How many cells of an expected table a found table holds at the same place. Both are first cleared of rows and
 * columns with no text and their cells' whitespace collapsed. The found table may sit shifted by whole columns (a
 * different left edge) and may have rows the expected one lacks or lack some of its rows, so its rows are aligned to
 * the expected rows in order (a longest common subsequence weighted by the cells two rows share at the same column),
 * for the column shift that matches most cells. A cell then counts as found when its text is in the aligned row at
 * the same column.
 */
final class CellMatch {

    private CellMatch() {
    }

    static int matched(List<List<String>> expected, List<List<String>> found) {
        List<List<String>> e = cleared(expected);
        List<List<String>> f = cleared(found);
        int widthE = e.stream().mapToInt(List::size).max().orElse(0);
        int widthF = f.stream().mapToInt(List::size).max().orElse(0);
        int best = 0;
        for (int shift = -widthE; shift <= widthF; shift++) {
            best = Math.max(best, aligned(e, f, shift));
        }
        return best;
    }

    /** The non-empty cells of the table. */
    static int filled(List<List<String>> table) {
        return (int) cleared(table).stream().flatMap(List::stream).filter(c -> !c.isEmpty()).count();
    }

    private static int aligned(List<List<String>> e, List<List<String>> f, int shift) {
        int[][] best = new int[e.size() + 1][f.size() + 1];
        for (int i = 1; i <= e.size(); i++) {
            for (int j = 1; j <= f.size(); j++) {
                int same = same(e.get(i - 1), f.get(j - 1), shift);
                best[i][j] = Math.max(best[i - 1][j - 1] + same, Math.max(best[i - 1][j], best[i][j - 1]));
            }
        }
        return best[e.size()][f.size()];
    }

    private static int same(List<String> expected, List<String> found, int shift) {
        int same = 0;
        for (int c = 0; c < expected.size(); c++) {
            int at = c + shift;
            if (!expected.get(c).isEmpty() && at >= 0 && at < found.size() && expected.get(c).equals(found.get(at))) {
                same++;
            }
        }
        return same;
    }

    /** The table with whitespace collapsed, without its empty rows and columns. */
    static List<List<String>> cleared(List<List<String>> table) {
        int width = table.stream().mapToInt(List::size).max().orElse(0);
        List<Integer> columns = new ArrayList<>();
        for (int c = 0; c < width; c++) {
            int column = c;
            if (table.stream().anyMatch(r -> column < r.size() && !normalised(r.get(column)).isEmpty())) {
                columns.add(c);
            }
        }
        List<List<String>> rows = new ArrayList<>();
        for (List<String> row : table) {
            List<String> cells = columns.stream().map(c -> c < row.size() ? normalised(row.get(c)) : "").toList();
            if (cells.stream().anyMatch(c -> !c.isEmpty())) {
                rows.add(cells);
            }
        }
        return rows;
    }

    static String normalised(String cell) {
        return cell.replaceAll("\\s+", " ").trim();
    }
}
