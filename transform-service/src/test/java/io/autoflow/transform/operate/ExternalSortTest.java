package io.autoflow.transform.operate;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Random;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

class ExternalSortTest {

    private static final Comparator<List<String>> BY_FIRST = Comparator.comparing(row -> row.get(0));

    @Test
    void rowsPastTheBudgetAreSortedThroughFilesStablyAndTheFilesAreRemoved() throws IOException {
        Random random = new Random(7);
        List<List<String>> rows = new ArrayList<>();
        for (int i = 0; i < 20_000; i++) {
            rows.add(List.of("k" + random.nextInt(500), Integer.toString(i))); // many ties: order of arrival kept
        }
        long before = temporaryRowFiles();
        List<List<String>> sorted = new ArrayList<>();
        try (ExternalSort sort = new ExternalSort(64 * 1024)) {
            for (List<String> row : rows) {
                sort.add(row);
            }
            assertThat(temporaryRowFiles()).isGreaterThan(before); // it did go to disk
            sort.sorted(BY_FIRST, sorted::add);
        }
        List<List<String>> expected = new ArrayList<>(rows);
        expected.sort(BY_FIRST); // List.sort is stable
        assertThat(sorted).isEqualTo(expected);
        assertThat(temporaryRowFiles()).isEqualTo(before);
    }

    @Test
    void rowsWithinTheBudgetAreSortedInMemory() throws IOException {
        long before = temporaryRowFiles();
        List<List<String>> sorted = new ArrayList<>();
        try (ExternalSort sort = new ExternalSort(ExternalSort.MEMORY_BUDGET_BYTES)) {
            sort.add(List.of("b", "1"));
            sort.add(List.of("a", "2"));
            sort.add(List.of("b", "3"));
            assertThat(temporaryRowFiles()).isEqualTo(before);
            sort.sorted(BY_FIRST, sorted::add);
        }
        assertThat(sorted).containsExactly(List.of("a", "2"), List.of("b", "1"), List.of("b", "3"));
    }

    private static long temporaryRowFiles() throws IOException {
        try (Stream<Path> files = Files.list(Path.of(System.getProperty("java.io.tmpdir")))) {
            return files.filter(file -> file.getFileName().toString().startsWith("autoflow-rows-")).count();
        }
    }
}
