package io.autoflow.analytics.stats;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class HistogramTest {

    @Test
    void everyValueFallsInExactlyOneBinAndTheMaximumInTheLast() {
        double[] values = {0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10};

        Histogram histogram = Histogram.of(values, 0, 10);

        assertThat(histogram.counts()).hasSize(5); // Sturges: ceil(log2 11) + 1
        assertThat(histogram.edges()).containsExactly(0.0, 2.0, 4.0, 6.0, 8.0, 10.0);
        assertThat(histogram.counts()).containsExactly(2L, 2L, 2L, 2L, 3L);
    }

    @Test
    void aConstantColumnHasOneBin() {
        Histogram histogram = Histogram.of(new double[] {7, 7, 7}, 7, 7);

        assertThat(histogram.counts()).containsExactly(3L);
        assertThat(histogram.edges()).containsExactly(7.0, 7.0);
    }
}
