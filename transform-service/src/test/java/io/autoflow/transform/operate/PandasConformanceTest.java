package io.autoflow.transform.operate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import com.fasterxml.jackson.annotation.JsonSubTypes;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.autoflow.events.CodedException;
import io.autoflow.events.EventJson;
import io.autoflow.events.data.DataOperation;
import java.io.IOException;
import java.io.OutputStream;
import java.io.Reader;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import java.util.stream.StreamSupport;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

/**
 * The data operations against pandas (issue 18): each case of {@code src/test/pandas/cases.json} is applied by
 * {@link Operations#applyToCsv} to a real CSV of npm's vega-datasets and compared with what pandas computes for it
 * ({@code src/test/pandas/expected.sh}, run once here: it installs pandas and the datasets when they are missing and
 * fails, never skips, when it cannot). Both outputs are kept in {@code target/pandas-conformance} ({@code expected/}
 * pandas', {@code ours/} the engine's) for a look.
 *
 * <p>Cells are equal as text, or as numbers within a relative 1e-9 (pandas writes 12.0 where we write 12), or as
 * booleans (True/true); pandas' empty cell (NaN, &lt;NA&gt;) is our empty cell, or the "no value" text pandas read
 * as missing (NA, N/A, …) that we pass through as the user wrote it.
 */
class PandasConformanceTest {

    private static final Path MODULE = Path.of(System.getProperty("basedir", System.getProperty("user.dir")));
    private static final Path PANDAS = MODULE.resolve("src/test/pandas");
    private static final Path OUT = MODULE.resolve("target/pandas-conformance");
    private static final Pattern NUMBER = Pattern.compile("[+-]?(\\d+\\.?\\d*|\\.\\d+)([eE][+-]?\\d+)?");
    private static final double RELATIVE = 1e-9;
    /** The texts pandas 1.5 reads as missing (its default na_values), which it writes back as an empty cell. */
    private static final Set<String> PANDAS_MISSING = Set.of("#N/A", "#N/A N/A", "#NA",
            "-1.#IND", "-1.#QNAN", "-NaN", "-nan", "1.#IND", "1.#QNAN", "<NA>", "N/A", "NA", "NULL", "NaN", "n/a",
            "nan", "null");
    private static final int MISMATCHES_SHOWN = 15;

    private static Path datasets;

    @BeforeAll
    static void pandasExpectations() throws Exception {
        Files.createDirectories(OUT);
        Path log = OUT.resolve("expected.log");
        Process process = new ProcessBuilder("bash", PANDAS.resolve("expected.sh").toString(), OUT.toString())
                .redirectErrorStream(true).redirectOutput(log.toFile()).redirectInput(ProcessBuilder.Redirect.PIPE)
                .start();
        process.getOutputStream().close();
        boolean finished = process.waitFor(15, TimeUnit.MINUTES);
        if (!finished) {
            process.destroyForcibly();
        }
        String output = Files.readString(log, StandardCharsets.UTF_8);
        if (!finished) {
            fail("expected.sh did not finish within 15 minutes:\n" + output);
        }
        if (process.exitValue() != 0) {
            fail("expected.sh failed (exit " + process.exitValue() + "):\n" + output);
        }
        System.out.print(output);
        datasets = output.lines().filter(line -> line.startsWith("datasets=")).reduce((a, b) -> b)
                .map(line -> Path.of(line.substring("datasets=".length())))
                .orElseGet(() -> fail("expected.sh did not say where the datasets are:\n" + output));
        Files.createDirectories(OUT.resolve("ours"));
    }

    @TestFactory
    Stream<DynamicTest> casesAgainstPandas() throws IOException {
        return cases().stream().map(c -> DynamicTest.dynamicTest(c.path("name").asText(), () -> check(c)));
    }

    @Test
    void casesCoverEveryOperation() throws IOException {
        Set<String> operations = Arrays.stream(DataOperation.class.getAnnotation(JsonSubTypes.class).value())
                .map(JsonSubTypes.Type::name).collect(Collectors.toCollection(TreeSet::new));
        Set<String> used = cases().stream().flatMap(c -> StreamSupport.stream(c.path("operations").spliterator(), false))
                .map(op -> op.path("op").asText()).collect(Collectors.toCollection(TreeSet::new));
        assertEquals(operations, used, "operations the cases use");
    }

    @Test
    void cellsCompareAsTextNumbersOrBooleans() {
        assertTrue(equal("12.0", "12"));
        assertTrue(equal("0.30000000000000004", "0.3"));
        assertTrue(equal("21.748333333333335", "21.74833333333333"));
        assertTrue(equal("True", "true"));
        assertTrue(equal("", ""));
        assertTrue(equal("NaN", ""));
        assertTrue(equal("<NA>", ""));
        assertTrue(equal("Sea-Tac", "Sea-Tac"));
        assertFalse(equal("12.0", "12.1"));
        assertFalse(equal("1", "true"));
        assertTrue(equal("", "NA")); // pandas read NA as missing and wrote it empty; we keep the text
        assertFalse(equal("", "None"));
        assertFalse(equal("", "0"));
        assertFalse(equal("9.4", "9.40 "));
        assertFalse(equal("sun", "Sun"));
    }

    private static List<JsonNode> cases() throws IOException {
        JsonNode cases = EventJson.mapper().readTree(PANDAS.resolve("cases.json").toFile());
        List<JsonNode> all = new ArrayList<>();
        cases.forEach(all::add);
        return all;
    }

    private static void check(JsonNode c) throws IOException {
        ObjectMapper mapper = EventJson.mapper();
        String name = c.path("name").asText();
        List<DataOperation> operations = mapper.convertValue(c.path("operations"), new TypeReference<>() {
        });
        Map<String, Path> inputs = new LinkedHashMap<>();
        c.path("inputs").properties().forEach(e -> inputs.put(e.getKey(), datasets.resolve(e.getValue().asText())));
        Path ours = OUT.resolve("ours").resolve(name + ".csv");
        try (OutputStream out = Files.newOutputStream(ours)) {
            Operations.applyToCsv(datasets.resolve(c.path("input").asText()), operations, inputs, out);
        } catch (CodedException e) {
            throw new AssertionError(name + ": the engine failed with " + e.code() + ": " + e.getMessage(), e);
        }
        compare(name, read(OUT.resolve("expected").resolve(name + ".csv")), read(ours), ours);
    }

    private static void compare(String name, List<List<String>> pandas, List<List<String>> ours, Path oursFile) {
        String where = " (pandas: " + OUT.resolve("expected").resolve(name + ".csv") + ", ours: " + oursFile + ")";
        if (ours.isEmpty()) {
            fail(name + ": our output has no header" + where);
        }
        List<String> header = pandas.get(0);
        if (!header.equals(ours.get(0))) {
            fail(name + ": header differs: pandas " + header + ", ours " + ours.get(0) + where);
        }
        List<String> mismatches = new ArrayList<>();
        int rows = Math.min(pandas.size(), ours.size());
        int count = 0;
        for (int r = 1; r < rows; r++) {
            List<String> expected = pandas.get(r);
            List<String> actual = ours.get(r);
            for (int col = 0; col < header.size(); col++) {
                String p = col < expected.size() ? expected.get(col) : "";
                String o = col < actual.size() ? actual.get(col) : null;
                if (o == null || !equal(p, o)) {
                    if (count++ < MISMATCHES_SHOWN) {
                        mismatches.add("  row " + r + ", column '" + header.get(col) + "': pandas '" + p + "', ours "
                                + (o == null ? "(no cell)" : "'" + o + "'"));
                    }
                }
            }
            if (actual.size() > header.size()) {
                mismatches.add("  row " + r + ": ours has " + actual.size() + " cells, the header " + header.size());
            }
        }
        StringBuilder failure = new StringBuilder();
        if (pandas.size() != ours.size()) {
            failure.append(name).append(": pandas has ").append(pandas.size() - 1).append(" rows, ours ")
                    .append(ours.size() - 1).append('\n');
        }
        if (count > 0) {
            failure.append(name).append(": ").append(count).append(" cell(s) differ")
                    .append(count > MISMATCHES_SHOWN ? " (first " + MISMATCHES_SHOWN + ")" : "").append(":\n")
                    .append(String.join("\n", mismatches)).append('\n');
        }
        if (!failure.isEmpty()) {
            fail(failure + where.strip());
        }
    }

    /** pandas' cell and ours are the same value (see the class comment). */
    static boolean equal(String pandas, String ours) {
        if (pandas.equals(ours)) {
            return true;
        }
        if (pandas.isEmpty() || pandas.equals("NaN") || pandas.equals("<NA>") || pandas.equals("NaT")) {
            return ours.isEmpty() || PANDAS_MISSING.contains(ours);
        }
        if ((pandas.equals("True") || pandas.equals("False"))) {
            return ours.toLowerCase(Locale.ROOT).equals(pandas.toLowerCase(Locale.ROOT));
        }
        if (NUMBER.matcher(pandas).matches() && NUMBER.matcher(ours).matches()) {
            BigDecimal p = new BigDecimal(pandas);
            BigDecimal o = new BigDecimal(ours);
            if (p.compareTo(o) == 0) {
                return true;
            }
            double a = p.doubleValue();
            double b = o.doubleValue();
            return Math.abs(a - b) <= RELATIVE * Math.max(Math.abs(a), Math.abs(b));
        }
        return false;
    }

    private static List<List<String>> read(Path csv) throws IOException {
        List<List<String>> rows = new ArrayList<>();
        try (Reader reader = Files.newBufferedReader(csv, StandardCharsets.UTF_8);
                CSVParser parser = CSVFormat.RFC4180.parse(reader)) {
            for (CSVRecord record : parser) {
                List<String> cells = new ArrayList<>(record.toList());
                if (rows.isEmpty() && !cells.isEmpty() && cells.get(0).startsWith("\uFEFF")) {
                    cells.set(0, cells.get(0).substring(1)); // a byte order mark
                }
                rows.add(cells);
            }
        }
        return rows;
    }
}
