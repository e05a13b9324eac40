package io.autoflow.analytics.stats;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import org.apache.commons.math3.stat.correlation.PearsonsCorrelation;
import org.apache.commons.math3.stat.correlation.SpearmansCorrelation;

/**
 * Pearson and Spearman correlations between a table's numeric columns, each pair over the rows where both values are
 * present, with the strongest pairs first. Computed over every row up to {@link RowSample#CAPACITY} rows and over a
 * uniform sample beyond ({@code sampled} says so).
 *
 * @param columns the numeric columns, in table order; the matrices follow that order
 * @param pearson Pearson's r per pair ({@code null} where fewer than 3 rows have both values, or a column is
 *        constant)
 * @param spearman Spearman's rho per pair, same rules
 */
public record Correlations(List<String> columns, List<List<Double>> pearson, List<List<Double>> spearman,
        List<Pair> strongest, long rows, boolean sampled) {

    static final int STRONGEST = 10;

    /** One pair of columns and how they move together. */
    public record Pair(String a, String b, double pearson, Double spearman, long rows) {
    }

    static Correlations of(List<String> names, List<Integer> indexes, RowSample sample) {
        int k = indexes.size();
        List<List<Double>> pearson = new ArrayList<>();
        List<List<Double>> spearman = new ArrayList<>();
        List<Pair> pairs = new ArrayList<>();
        for (int i = 0; i < k; i++) {
            List<Double> pearsonRow = new ArrayList<>();
            List<Double> spearmanRow = new ArrayList<>();
            for (int j = 0; j < k; j++) {
                if (i == j) {
                    pearsonRow.add(1.0);
                    spearmanRow.add(1.0);
                    continue;
                }
                double[][] both = complete(sample.rows(), indexes.get(i), indexes.get(j));
                Double r = coefficient(new PearsonsCorrelation()::correlation, both);
                Double rho = coefficient(new SpearmansCorrelation()::correlation, both);
                pearsonRow.add(r);
                spearmanRow.add(rho);
                if (j > i && r != null) {
                    pairs.add(new Pair(names.get(i), names.get(j), r, rho, both[0].length));
                }
            }
            pearson.add(pearsonRow);
            spearman.add(spearmanRow);
        }
        pairs.sort(Comparator.comparingDouble((Pair p) -> -Math.abs(p.pearson())));
        return new Correlations(names, pearson, spearman, pairs.subList(0, Math.min(STRONGEST, pairs.size())),
                sample.rows().size(), sample.isPartial());
    }

    /** The rows where both columns have a number, as two aligned arrays. */
    private static double[][] complete(List<double[]> rows, int a, int b) {
        double[] x = new double[rows.size()];
        double[] y = new double[rows.size()];
        int n = 0;
        for (double[] row : rows) {
            if (Double.isFinite(row[a]) && Double.isFinite(row[b])) {
                x[n] = row[a];
                y[n] = row[b];
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
