package io.autoflow.analytics.stats;

import com.fasterxml.jackson.annotation.JsonIgnore;
import io.autoflow.service.work.Checkpoint;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import org.apache.commons.math3.stat.correlation.PearsonsCorrelation;
import org.apache.commons.math3.stat.correlation.SpearmansCorrelation;

/**
 * Pearson and Spearman correlations between a table's numeric columns, each pair over the rows where both values are
 * present, with the strongest pairs first. Computed over every row up to {@link RowSample#CAPACITY} rows and over a
 * uniform sample beyond ({@code sampled} says so). At most {@link DocumentLimits#MAX_CORRELATED_COLUMNS} columns, the
 * first ones, are correlated: the pairs grow with the square of the columns.
 *
 * @param columns the numeric columns, in table order; the matrices follow that order
 * @param pearson Pearson's r per pair ({@code null} where fewer than 3 rows have both values, or a column is
 *        constant)
 * @param spearman Spearman's rho per pair, same rules
 */
public record Correlations(List<String> columns, List<List<Double>> pearson, List<List<Double>> spearman,
        List<Pair> strongest, long rows, boolean sampled) {

    static final int STRONGEST = 10;
    /** The strongest pairs keep this many of their points, evenly thinned, for a scatter plot. */
    static final int SCATTER_PAIRS = 3;
    static final int SCATTER_POINTS = 1_000;

    /**
     * One pair of columns and how they move together.
     *
     * @param points for the strongest pairs, up to {@link #SCATTER_POINTS} of the (x, y) points the coefficients
     *        came from, for charts only: never part of the result
     */
    public record Pair(String a, String b, double pearson, Double spearman, long rows,
            @JsonIgnore double[][] points) {
    }

    static Correlations of(List<String> allNames, List<Integer> allIndexes, RowSample sample) {
        int k = Math.min(allIndexes.size(), DocumentLimits.MAX_CORRELATED_COLUMNS);
        List<String> names = allNames.subList(0, k);
        List<Integer> indexes = allIndexes.subList(0, k);
        Double[][] pearson = new Double[k][k];
        Double[][] spearman = new Double[k][k];
        List<Pair> pairs = new ArrayList<>();
        for (int i = 0; i < k; i++) {
            pearson[i][i] = 1.0;
            spearman[i][i] = 1.0;
            for (int j = i + 1; j < k; j++) {
                Checkpoint.check();
                double[][] both = complete(sample.rows(), indexes.get(i), indexes.get(j));
                Double r = coefficient(new PearsonsCorrelation()::correlation, both);
                Double rho = coefficient(new SpearmansCorrelation()::correlation, both);
                pearson[i][j] = pearson[j][i] = r;
                spearman[i][j] = spearman[j][i] = rho;
                if (r != null) {
                    pairs.add(new Pair(names.get(i), names.get(j), r, rho, both[0].length, null));
                }
            }
        }
        pairs.sort(Comparator.comparingDouble((Pair p) -> -Math.abs(p.pearson())));
        List<Pair> strongest = new ArrayList<>();
        for (Pair p : pairs.subList(0, Math.min(STRONGEST, pairs.size()))) {
            double[][] points = strongest.size() < SCATTER_PAIRS ? thinned(complete(sample.rows(),
                    indexes.get(names.indexOf(p.a())), indexes.get(names.indexOf(p.b())))) : null;
            strongest.add(new Pair(p.a(), p.b(), p.pearson(), p.spearman(), p.rows(), points));
        }
        return new Correlations(List.copyOf(names), rows(pearson), rows(spearman), strongest, sample.rows().size(),
                sample.isPartial());
    }

    /** A symmetric matrix as lists of rows (nulls kept: a pair without enough rows has no coefficient). */
    static List<List<Double>> rows(Double[][] matrix) {
        List<List<Double>> rows = new ArrayList<>();
        for (Double[] row : matrix) {
            rows.add(java.util.Arrays.asList(row));
        }
        return rows;
    }

    /** Every n-th point, so that at most {@link #SCATTER_POINTS} remain. */
    private static double[][] thinned(double[][] both) {
        int n = both[0].length;
        int step = Math.max(1, (n + SCATTER_POINTS - 1) / SCATTER_POINTS);
        int kept = (n + step - 1) / step;
        double[][] points = new double[2][kept];
        for (int i = 0, p = 0; i < n; i += step, p++) {
            points[0][p] = both[0][i];
            points[1][p] = both[1][i];
        }
        return points;
    }

    /** The rows where both columns have a number, as two aligned arrays. */
    private static double[][] complete(List<RowSample.Row> rows, int a, int b) {
        double[] x = new double[rows.size()];
        double[] y = new double[rows.size()];
        int n = 0;
        for (RowSample.Row row : rows) {
            double[] numbers = row.numbers();
            if (Double.isFinite(numbers[a]) && Double.isFinite(numbers[b])) {
                x[n] = numbers[a];
                y[n] = numbers[b];
                n++;
            }
        }
        return new double[][] {java.util.Arrays.copyOf(x, n), java.util.Arrays.copyOf(y, n)};
    }

    private static Double coefficient(java.util.function.BiFunction<double[], double[], Double> method,
            double[][] both) {
        if (both[0].length < 3) {
            return null;
        }
        double value = method.apply(both[0], both[1]);
        return Double.isFinite(value) ? value : null;
    }
}
