package io.autoflow.analytics.stats;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.List;
import org.apache.commons.math3.stat.inference.ChiSquareTest;
import org.junit.jupiter.api.Test;

class AssociationsTest {

    @Test
    void cramersVOfAKnownTableMatchesTheChiSquareFormula() {
        // 2 x 2: (a, x) 10, (a, y) 20, (b, x) 30, (b, y) 40
        TableProfiler table = new TableProfiler("t", List.of("group", "answer"));
        add(table, "a", "x", 10);
        add(table, "a", "y", 20);
        add(table, "b", "x", 30);
        add(table, "b", "y", 40);

        Associations associations = table.finish().associations();

        double chiSquare = new ChiSquareTest().chiSquare(new long[][] {{10, 20}, {30, 40}});
        assertThat(associations.columns()).containsExactly("group", "answer");
        assertThat(associations.strongest()).singleElement().satisfies(pair -> {
            assertThat(pair.cramersV()).isCloseTo(Math.sqrt(chiSquare / 100), within(1e-12));
            assertThat(pair.rows()).isEqualTo(100);
        });
    }

    @Test
    void columnsThatDetermineEachOtherAreFullyAssociatedAndIndependentOnesNot() {
        TableProfiler table = new TableProfiler("t", List.of("city", "country", "coin"));
        String[] cities = {"Paris", "Lyon", "Berlin", "Munich", "Rome"};
        String[] countries = {"FR", "FR", "DE", "DE", "IT"};
        for (int i = 0; i < 400; i++) {
            table.add(List.of(cities[i % 5], countries[i % 5], (i / 5) % 2 == 0 ? "heads" : "tails"));
        }

        Associations associations = table.finish().associations();

        assertThat(associations.strongest().get(0)).satisfies(pair -> {
            assertThat(List.of(pair.a(), pair.b())).containsExactly("city", "country");
            assertThat(pair.cramersV()).isCloseTo(1.0, within(1e-9));
        });
        assertThat(associations.cramersV().get(0).get(2)).isCloseTo(0.0, within(1e-9));
    }

    private static void add(TableProfiler table, String a, String b, int times) {
        for (int i = 0; i < times; i++) {
            table.add(List.of(a, b));
        }
    }
}
