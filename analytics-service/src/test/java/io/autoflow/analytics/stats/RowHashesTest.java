package io.autoflow.analytics.stats;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashSet;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.api.Test;

class RowHashesTest {

    @Test
    void answersLikeAHashSetThroughGrowthAndForZero() {
        RowHashes hashes = new RowHashes();
        Set<Long> reference = new HashSet<>();
        Random random = new Random(3);
        for (int i = 0; i < 200_000; i++) {
            // few distinct values, so most adds are repeats; 0 included
            long hash = random.nextInt(50_000) * 0x100000001b3L;
            assertThat(hashes.add(hash)).isEqualTo(reference.add(hash));
        }
    }
}
