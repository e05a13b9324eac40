package io.autoflow.gateway.metrics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.quarkus.runtime.configuration.MemorySize;
import java.math.BigInteger;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The capacity setting and the quantile rule, without a service. */
class StorageGaugesTest {

    @Test
    void theCapacityIsExportedOnlyWhenSetAndNeverAsZero() {
        SimpleMeterRegistry unset = new SimpleMeterRegistry();
        new StorageGauges(null, unset, Optional.empty());
        assertThat(unset.find("autoflow.storage.capacity").gauge()).isNull();
        assertThat(unset.get("autoflow.storage.used").gauge().value()).isNaN(); // not measured yet

        SimpleMeterRegistry set = new SimpleMeterRegistry();
        new StorageGauges(null, set, Optional.of(new MemorySize(BigInteger.valueOf(10L << 30))));
        assertThat(set.get("autoflow.storage.capacity").gauge().value()).isEqualTo(10.0 * (1L << 30));

        assertThatThrownBy(() -> new StorageGauges(null, new SimpleMeterRegistry(),
                Optional.of(new MemorySize(BigInteger.ZERO)))).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("autoflow.storage.capacity");
    }

    @Test
    void quantilesAreTheNearestRank() {
        long[] hundred = new long[100];
        for (int i = 0; i < hundred.length; i++) {
            hundred[i] = i + 1;
        }
        assertThat(StorageGauges.nearestRank(hundred, 0.5)).isEqualTo(50);
        assertThat(StorageGauges.nearestRank(hundred, 0.9)).isEqualTo(90);
        assertThat(StorageGauges.nearestRank(hundred, 0.99)).isEqualTo(99);
        assertThat(StorageGauges.nearestRank(hundred, 1)).isEqualTo(100);
        assertThat(StorageGauges.nearestRank(new long[] {7}, 0.5)).isEqualTo(7);
        assertThat(StorageGauges.nearestRank(new long[] {3, 9}, 0.5)).isEqualTo(3);
        assertThat(StorageGauges.nearestRank(new long[0], 0.99)).isZero();
    }
}
