package io.autoflow.analytics.stats;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

class ColumnProfileTest {

    @Test
    void momentsOfALongColumnStayExactWhileItsQuantilesBecomeEstimates() {
        int n = 300_000;
        ColumnProfile column = new ColumnProfile();
        for (int i = 1; i <= n; i++) {
            column.add(Integer.toString(i), i);
        }

        ColumnStatistics stats = column.finish("c");

        // The discrete uniform 1..n: known closed forms.
        assertThat(stats.estimated()).isTrue();
        assertThat(stats.mean()).isEqualTo((n + 1) / 2.0);
        assertThat(stats.std()).isCloseTo(Math.sqrt((double) n * (n + 1) / 12), within(1e-6));
        assertThat(stats.skewness()).isCloseTo(0, within(1e-9));
        assertThat(stats.kurtosis()).isCloseTo(-1.2, within(1e-4));
        assertThat(stats.min()).isEqualTo(1);
        assertThat(stats.max()).isEqualTo(n);
        assertThat(stats.median()).isCloseTo(n / 2.0, within(0.01 * n));
        assertThat(stats.q1()).isCloseTo(n / 4.0, within(0.01 * n));
        assertThat(stats.distinct()).isCloseTo((long) n, within((long) (0.02 * n)));
        assertThat(stats.histogram().counts()).allSatisfy(c -> assertThat(c).isCloseTo(n / 19, within(n / 100L)));
    }

    @Test
    void theMostFrequentValuesOfAHighCardinalityColumnAreStillFound() {
        ColumnProfile column = new ColumnProfile();
        for (int i = 0; i < 200_000; i++) {
            column.add(i % 10 == 0 ? "walk-in" : i % 25 == 1 ? "acme" : "c" + i, i + 1);
        }

        ColumnStatistics stats = column.finish("c");

        assertThat(stats.type()).isEqualTo("text");
        assertThat(stats.estimated()).isTrue();
        assertThat(stats.topValues().get(0).value()).isEqualTo("walk-in");
        assertThat(stats.topValues().get(0).count()).isCloseTo(20_000L, within(200L));
        assertThat(stats.topValues().get(1).value()).isEqualTo("acme");
        assertThat(stats.quality().imbalance()).isNull();
    }

    @Test
    void aSmallColumnIsExactAsBefore() {
        ColumnProfile column = new ColumnProfile();
        for (String v : new String[] {"1", "2", "3", "4", "100"}) {
            column.add(v, 1);
        }

        ColumnStatistics stats = column.finish("c");

        assertThat(stats.estimated()).isFalse();
        // pandas: s = Series([1,2,3,4,100]); s.std(), s.skew(), s.kurt()
        assertThat(stats.std()).isCloseTo(43.617656975128774, within(1e-9));
        assertThat(stats.skewness()).isCloseTo(2.232395911636458, within(1e-9));
        assertThat(stats.kurtosis()).isCloseTo(4.986865957200654, within(1e-9));
        assertThat(stats.q3()).isEqualTo(4);
    }
}
