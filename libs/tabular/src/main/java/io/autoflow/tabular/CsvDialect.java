package io.autoflow.tabular;

import java.util.List;

/**
 * Guesses a CSV file's delimiter from its first lines: the candidate that appears the same, non-zero number of times
 * on every sampled line (outside quotes) wins; ties go to the one that splits lines into more fields.
 */
public final class CsvDialect {

    private static final List<Character> CANDIDATES = List.of(',', ';', '\t', '|');
    private static final int SAMPLE_LINES = 20;

    private CsvDialect() {
    }

    public static char detectDelimiter(String sample) {
        List<String> lines = sample.lines().filter(l -> !l.isBlank()).limit(SAMPLE_LINES).toList();
        if (lines.isEmpty()) {
            return ',';
        }
        // The last sampled line may be cut short by the sample size.
        List<String> complete = lines.size() > 1 ? lines.subList(0, lines.size() - 1) : lines;
        char best = ',';
        int bestScore = 0;
        for (char candidate : CANDIDATES) {
            int first = countOutsideQuotes(complete.get(0), candidate);
            boolean consistent = complete.stream().allMatch(l -> countOutsideQuotes(l, candidate) == first);
            int score = first == 0 ? 0 : consistent ? 1000 + first : first;
            if (score > bestScore) {
                best = candidate;
                bestScore = score;
            }
        }
        return best;
    }

    private static int countOutsideQuotes(String line, char delimiter) {
        int count = 0;
        boolean quoted = false;
        for (int i = 0; i < line.length(); i++) {
            char c = line.charAt(i);
            if (c == '"') {
                quoted = !quoted;
            } else if (c == delimiter && !quoted) {
                count++;
            }
        }
        return count;
    }
}
