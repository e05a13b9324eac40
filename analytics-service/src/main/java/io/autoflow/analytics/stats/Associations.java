package io.autoflow.analytics.stats;

import io.autoflow.service.work.Checkpoint;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * How strongly a table's categorical columns (category and boolean) go together, by Cramér's V: 0 when knowing one
 * tells nothing of the other, 1 when it tells all. Each pair is measured over the rows where both have a value, on
 * the same uniform row sample as correlations ({@code sampled} says when it is not every row).
 *
 * @param columns the categorical columns, in table order; the matrix follows that order
 * @param cramersV V per pair ({@code null} where fewer than 2 values or fewer than 2 rows make it undefined)
 */
public record Associations(List<String> columns, List<List<Double>> cramersV, List<Pair> strongest, long rows,
        boolean sampled) {

    static final int STRONGEST = 10;

    /** One pair of columns and how strongly they are associated. */
    public record Pair(String a, String b, double cramersV, long rows) {
    }

    /** A cell's value code in the sample: a hash of its text, 0 for a missing value. */
    static int code(String cell) {
        if (cell == null) {
            return 0;
        }
        String value = cell.trim();
        if (ValueKinds.isMissing(value)) {
            return 0;
        }
        int hash = value.hashCode();
        return hash == 0 ? 1 : hash;
    }

    /** The associations of the table's categorical columns, or {@code null} when it has fewer than two. */
    static Associations of(List<ColumnStatistics> columns, RowSample sample) {
        List<Integer> indexes = new ArrayList<>();
        for (int i = 0; i < columns.size(); i++) {
            String type = columns.get(i).type();
            if (type.equals("category") || type.equals("boolean")) {
                indexes.add(i);
            }
        }
        if (indexes.size() < 2) {
            return null;
        }
        // The pairs grow with the square of the columns: only the first ones are compared.
        indexes = indexes.subList(0, Math.min(indexes.size(), DocumentLimits.MAX_CORRELATED_COLUMNS));
        List<String> names = indexes.stream().map(i -> columns.get(i).name()).toList();
        int k = indexes.size();
        Double[][] matrix = new Double[k][k];
        List<Pair> pairs = new ArrayList<>();
        for (int i = 0; i < k; i++) {
            matrix[i][i] = 1.0;
            for (int j = i + 1; j < k; j++) {
                Checkpoint.check();
                Contingency table = Contingency.of(sample.rows(), indexes.get(i), indexes.get(j));
                Double v = table.cramersV();
                matrix[i][j] = matrix[j][i] = v;
                if (v != null) {
                    pairs.add(new Pair(names.get(i), names.get(j), v, table.total()));
                }
            }
        }
        pairs.sort(Comparator.comparingDouble(Pair::cramersV).reversed());
        return new Associations(names, Correlations.rows(matrix), pairs.subList(0, Math.min(STRONGEST, pairs.size())),
                sample.rows().size(), sample.isPartial());
    }

    /** Joint counts of two columns' values. */
    record Contingency(Map<Long, Long> cells, Map<Integer, Long> rowTotals, Map<Integer, Long> columnTotals,
            long total) {

        static Contingency of(List<RowSample.Row> rows, int a, int b) {
            Map<Long, Long> cells = new HashMap<>();
            Map<Integer, Long> rowTotals = new HashMap<>();
            Map<Integer, Long> columnTotals = new HashMap<>();
            long total = 0;
            for (RowSample.Row row : rows) {
                int x = row.codes()[a];
                int y = row.codes()[b];
                if (x != 0 && y != 0) {
                    cells.merge(((long) x << 32) | (y & 0xffffffffL), 1L, Long::sum);
                    rowTotals.merge(x, 1L, Long::sum);
                    columnTotals.merge(y, 1L, Long::sum);
                    total++;
                }
            }
            return new Contingency(cells, rowTotals, columnTotals, total);
        }

        /** V = sqrt(chi² / (n (min(r, c) - 1))), chi² of independence over the table's cells. */
        Double cramersV() {
            int k = Math.min(rowTotals.size(), columnTotals.size());
            if (k < 2 || total < 2) {
                return null;
            }
            double chiSquare = 0;
            for (var x : rowTotals.entrySet()) {
                for (var y : columnTotals.entrySet()) {
                    double expected = (double) x.getValue() * y.getValue() / total;
                    long observed = cells.getOrDefault(((long) x.getKey() << 32) | (y.getKey() & 0xffffffffL), 0L);
                    chiSquare += (observed - expected) * (observed - expected) / expected;
                }
            }
            return Math.min(1, Math.sqrt(chiSquare / (total * (k - 1.0))));
        }
    }
}
