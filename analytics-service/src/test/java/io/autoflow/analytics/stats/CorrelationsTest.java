package io.autoflow.analytics.stats;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.autoflow.analytics.extract.CsvAnalyzer;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

class CorrelationsTest {

    @Test
    void matchesAnIndependentComputationOnTheSalesFile() {
        // Expected values: plain Pearson formula and Pearson of average ranks, written in Python over the rows where
        // both values are present (47 of 48).
        Correlations c = new CsvAnalyzer().analyze("sales",
                () -> CorrelationsTest.class.getResourceAsStream("/csv/sales.csv")).correlations();

        assertThat(c.columns()).containsExactly("units", "unit_price", "revenue");
        assertThat(c.sampled()).isFalse();
        Correlations.Pair strongest = c.strongest().get(0);
        assertThat(List.of(strongest.a(), strongest.b())).containsExactly("unit_price", "revenue");
        assertThat(strongest.pearson()).isCloseTo(0.7443385594229253, within(1e-12));
        assertThat(strongest.spearman()).isCloseTo(0.7902072277276627, within(1e-12));
        assertThat(strongest.rows()).isEqualTo(47);
        assertThat(c.pearson().get(0).get(2)).isCloseTo(0.6559150685088191, within(1e-12));
        assertThat(c.spearman().get(0).get(2)).isCloseTo(0.6671680550571562, within(1e-12));
        assertThat(c.pearson().get(0).get(1)).isCloseTo(0.10024842682496285, within(1e-12));
        assertThat(c.pearson().get(2).get(0)).isEqualTo(c.pearson().get(0).get(2));
        assertThat(c.strongest()).extracting(p -> Math.abs(p.pearson())).isSortedAccordingTo((a, b) -> Double.compare(b, a));
    }

    @Test
    void aConstantColumnHasNoCoefficientAndOneNumericColumnNoMatrix() {
        Correlations c = table("x,k,y\n1,5,2\n2,5,4\n3,5,7\n4,5,8\n").correlations();

        assertThat(c.pearson().get(0).get(1)).isNull();
        assertThat(c.pearson().get(0).get(2)).isCloseTo(0.9844951849708403, within(1e-12));
        assertThat(table("x,t\n1,a\n2,b\n3,c\n").correlations()).isNull();
    }

    @Test
    void aLongTableIsCorrelatedOverABoundedUniformSample() {
        StringBuilder csv = new StringBuilder("x,y\n");
        for (int i = 0; i < RowSample.CAPACITY * 2; i++) {
            csv.append(i).append(',').append(2 * i + (i % 7)).append('\n');
        }

        Correlations c = table(csv.toString()).correlations();

        assertThat(c.sampled()).isTrue();
        assertThat(c.rows()).isEqualTo(RowSample.CAPACITY);
        assertThat(c.strongest().get(0).pearson()).isGreaterThan(0.999);
    }

    private static TableStatistics table(String csv) {
        return new CsvAnalyzer().analyze("t", () -> new ByteArrayInputStream(csv.getBytes(StandardCharsets.UTF_8)));
    }
}
