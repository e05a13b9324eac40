package io.autoflow.analytics.stats;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.Arrays;
import java.util.Random;
import org.junit.jupiter.api.Test;

class QuantilesTest {

    @Test
    void everyValueFallsInExactlyOneBinAndTheMaximumInTheLast() {
        Quantiles quantiles = of(0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10);

        Histogram histogram = quantiles.histogram(0, 10, 11);

        assertThat(histogram.counts()).hasSize(5); // Sturges: ceil(log2 11) + 1
        assertThat(histogram.edges()).containsExactly(0.0, 2.0, 4.0, 6.0, 8.0, 10.0);
        assertThat(histogram.counts()).containsExactly(2L, 2L, 2L, 2L, 3L);
    }

    @Test
    void aConstantColumnHasOneBin() {
        Histogram histogram = of(7, 7, 7).histogram(7, 7, 3);

        assertThat(histogram.counts()).containsExactly(3L);
        assertThat(histogram.edges()).containsExactly(7.0, 7.0);
    }

    @Test
    void belowTheLimitQuartilesAreExactAndInterpolatedAsPandasDoes() {
        Quantiles quantiles = of(1, 2, 3, 4);

        assertThat(quantiles.isEstimated()).isFalse();
        assertThat(quantiles.quantile(0.25)).isEqualTo(1.75); // pandas: Series([1,2,3,4]).quantile(.25)
        assertThat(quantiles.quantile(0.5)).isEqualTo(2.5);
        assertThat(quantiles.countOutside(1.5, 3.5, 4)).isEqualTo(2);
    }

    @Test
    void pastTheLimitASketchEstimatesQuantilesHistogramAndTailsClosely() {
        int n = 1_000_000;
        double[] values = new double[n];
        Random random = new Random(7);
        Quantiles quantiles = new Quantiles();
        for (int i = 0; i < n; i++) {
            values[i] = random.nextGaussian() * 10 + 100;
            quantiles.add(values[i]);
        }
        double[] sorted = values.clone();
        Arrays.sort(sorted);

        assertThat(quantiles.isEstimated()).isTrue();
        for (double p : new double[] {0.25, 0.5, 0.75}) {
            double estimate = quantiles.quantile(p);
            // the estimate's rank is within 1% of p
            double rank = (double) Math.abs(Arrays.binarySearch(sorted, estimate)) / n;
            assertThat(rank).isCloseTo(p, within(0.01));
        }
        long exactOutside = Arrays.stream(values).filter(v -> v < 80 || v > 120).count(); // about 4.6%
        assertThat((double) quantiles.countOutside(80, 120, n)).isCloseTo(exactOutside, within(0.01 * n));
        Histogram histogram = quantiles.histogram(sorted[0], sorted[n - 1], n);
        assertThat(histogram.counts().stream().mapToLong(Long::longValue).sum()).isCloseTo(n, within(30L));
    }

    private static Quantiles of(double... values) {
        Quantiles quantiles = new Quantiles();
        for (double v : values) {
            quantiles.add(v);
        }
        return quantiles;
    }
}
