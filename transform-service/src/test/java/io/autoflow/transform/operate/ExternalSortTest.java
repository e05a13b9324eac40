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
    private static final RowOrder FIRST_AS_TEXT = new ColumnsOrder(new int[] {0}, new boolean[] {false},
            new boolean[] {false});

    @Test
    void rowsPastTheBudgetAreSortedThroughFilesStablyAndTheFilesAreRemoved() throws IOException {
        Random random = new Random(7);
        List<List<String>> rows = new ArrayList<>();
        for (int i = 0; i < 20_000; i++) {
            rows.add(List.of("k" + random.nextInt(500), Integer.toString(i))); // many ties: order of arrival kept
        }
        long before = temporaryRowFiles();
        List<List<String>> sorted = new ArrayList<>();
        try (ExternalSort sort = new ExternalSort(64 * 1024, () -> FIRST_AS_TEXT)) {
            for (List<String> row : rows) {
                sort.add(row);
            }
            assertThat(temporaryRowFiles()).isGreaterThan(before); // it did go to disk
            sort.sorted(FIRST_AS_TEXT, sorted::add);
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
        try (ExternalSort sort = new ExternalSort(ExternalSort.MEMORY_BUDGET_BYTES, () -> FIRST_AS_TEXT)) {
            sort.add(List.of("b", "1"));
            sort.add(List.of("a", "2"));
            sort.add(List.of("b", "3"));
            assertThat(temporaryRowFiles()).isEqualTo(before);
            sort.sorted(FIRST_AS_TEXT, sorted::add);
        }
        assertThat(sorted).containsExactly(List.of("a", "2"), List.of("b", "1"), List.of("b", "3"));
    }

    private static long temporaryRowFiles() throws IOException {
        try (Stream<Path> files = Files.list(Path.of(System.getProperty("java.io.tmpdir")))) {
            return files.filter(file -> file.getFileName().toString().startsWith("autoflow-rows-")).count();
        }
    }

    @Test
    void runsWrittenBeforeAColumnTurnedOutToBeTextAreSortedAgain() throws IOException {
        RowOrder asNumbers = new ColumnsOrder(new int[] {0}, new boolean[] {true}, new boolean[] {false});
        boolean[] numeric = {true};
        List<List<String>> rows = new ArrayList<>();
        for (int i = 0; i < 5_000; i++) {
            rows.add(List.of(Integer.toString((i * 7919) % 5_000), "x".repeat(20)));
        }
        rows.add(List.of("n/a text", "")); // the last row tells: the column is text
        List<List<String>> sorted = new ArrayList<>();
        try (ExternalSort sort = new ExternalSort(32 * 1024, () -> numeric[0] ? asNumbers : FIRST_AS_TEXT)) {
            for (List<String> row : rows) {
                numeric[0] = numeric[0] && row.get(0).matches("\\d+");
                sort.add(row);
            }
            sort.sorted(FIRST_AS_TEXT, sorted::add);
        }
        List<List<String>> expected = new ArrayList<>(rows);
        expected.sort(BY_FIRST); // "10" before "9", as text
        assertThat(sorted).isEqualTo(expected);
    }
}
