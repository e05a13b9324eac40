package io.autoflow.analytics.stats;

import io.autoflow.service.work.Checkpoint;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Profiles one table as its rows stream by, correlates its numeric columns over a bounded row sample, and follows
 * them over time when a date column exists. Blank header
 * names become column_N and repeated names get a suffix; a short row's missing cells count as missing. Within
 * {@link DocumentLimits}: a table wider than allowed is refused, long cells and names are cut, and the row sample
 * shrinks as the table widens so that its memory stays the same.
 */
public final class TableProfiler {

    /** Duplicate rows are looked for among this many first rows, which bounds the memory the check takes. */
    static final long DUPLICATE_CHECK_ROWS = 1_000_000;

    private final String name;
    private final List<String> header;
    private final List<ColumnProfile> columns = new ArrayList<>();
    private final RowSample sample;
    private final RowHashes rowHashes = new RowHashes();
    /** Columns whose first value is a date; the one that stays a date gives the table's trends. */
    private List<TrendProfile> trendCandidates;
    private long duplicateRows;
    private long rows;

    /** @throws DocumentTooComplexException when the table is wider than {@link DocumentLimits#MAX_COLUMNS} */
    public TableProfiler(String name, List<String> header) {
        DocumentLimits.checkColumns(name, header.size());
        this.name = DocumentLimits.name(name);
        this.header = new ArrayList<>(header.stream().map(DocumentLimits::name).toList());
        for (int i = 0; i < header.size(); i++) {
            columns.add(new ColumnProfile());
        }
        this.sample = new RowSample(Math.min(RowSample.CAPACITY,
                DocumentLimits.MAX_SAMPLE_CELLS / Math.max(1, header.size())));
    }

    /** Names a column whose header cell was blank, for formats that reveal it late (an XLSX's merged cells). */
    public void nameBlankColumn(int column, String columnName) {
        String current = header.get(column);
        if (current == null || current.isBlank()) {
            header.set(column, DocumentLimits.name(columnName));
        }
    }

    public int width() {
        return columns.size();
    }

    /** Adds a data row; cells beyond the header are the caller's to refuse or ignore. */
    public void add(List<String> cells) {
        Checkpoint.check();
        List<String> row = DocumentLimits.cells(cells);
        double[] numbers = new double[columns.size()];
        int[] codes = new int[columns.size()];
        for (int i = 0; i < columns.size(); i++) {
            String cell = i < row.size() ? row.get(i) : null;
            // The column measures a cell's whole length; everything else reads it as far as it is read.
            numbers[i] = columns.get(i).add(i < cells.size() ? cells.get(i) : null, rows + 1);
            // Only a cell that is no number can be a category; numbers skip the hashing.
            codes[i] = Double.isNaN(numbers[i]) ? Associations.code(cell) : 0;
        }
        sample.add(numbers, codes);
        if (trendCandidates == null) {
            trendCandidates = new ArrayList<>();
            for (int i = 0; i < row.size() && i < columns.size() && trendCandidates.size() < 2; i++) {
                if (ValueKinds.isDate(row.get(i) == null ? "" : row.get(i).trim())) {
                    trendCandidates.add(new TrendProfile(i, columns.size()));
                }
            }
        }
        for (TrendProfile candidate : trendCandidates) {
            candidate.add(row, numbers);
        }
        if (rows < DUPLICATE_CHECK_ROWS && !rowHashes.add(hash(row))) {
            duplicateRows++;
        }
        rows++;
    }

    public TableStatistics finish() {
        List<String> names = columnNames();
        List<ColumnStatistics> statistics = new ArrayList<>();
        for (int i = 0; i < columns.size(); i++) {
            statistics.add(columns.get(i).finish(names.get(i)));
        }
        List<String> numericNames = new ArrayList<>();
        List<Integer> numericIndexes = new ArrayList<>();
        for (int i = 0; i < statistics.size(); i++) {
            if (statistics.get(i).isNumeric()) {
                numericNames.add(statistics.get(i).name());
                numericIndexes.add(i);
            }
        }
        Correlations correlations = numericIndexes.size() < 2 ? null
                : Correlations.of(numericNames, numericIndexes, sample);
        Associations associations = Associations.of(statistics, sample);
        List<Trend> trends = trendCandidates == null ? List.of() : trendCandidates.stream()
                .filter(t -> statistics.get(t.dateColumn()).type().equals("date")).findFirst()
                .map(t -> t.finish(statistics.get(t.dateColumn()).name(), statistics)).orElse(List.of());
        return new TableStatistics(name, rows, columns.size(), statistics, correlations, associations, trends,
                duplicateRows,
                Math.min(rows, DUPLICATE_CHECK_ROWS));
    }

    /** Blank header names become column_N and repeated names get a suffix. */
    private List<String> columnNames() {
        Set<String> used = new HashSet<>();
        List<String> names = new ArrayList<>();
        for (int i = 0; i < header.size(); i++) {
            String column = header.get(i) == null ? "" : header.get(i).trim();
            if (column.isEmpty()) {
                column = "column_" + (i + 1);
            }
            String unique = column;
            for (int n = 2; !used.add(unique); n++) {
                unique = column + "_" + n;
            }
            names.add(unique);
        }
        return names;
    }

    /** 64-bit FNV-1a over the row's cells: collisions are negligible at the rows checked. */
    private static long hash(List<String> row) {
        long hash = 0xcbf29ce484222325L;
        for (String cell : row) {
            String value = cell == null ? "" : cell.trim();
            for (int i = 0; i < value.length(); i++) {
                hash = (hash ^ value.charAt(i)) * 0x100000001b3L;
            }
            hash = (hash ^ 0x1F) * 0x100000001b3L;
        }
        return hash;
    }
}
