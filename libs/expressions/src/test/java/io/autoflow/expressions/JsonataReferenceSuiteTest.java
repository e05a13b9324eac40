package io.autoflow.expressions;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.NullNode;
import io.autoflow.events.CodedException;
import java.io.IOException;
import java.io.InputStream;
import java.math.BigDecimal;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * JSONata as our expressions run it ({@link JsonataExpression}, over the dashjoin port) against cases of the reference
 * implementation's own test suite (jsonata-js 2.2.2, test/test-suite, MIT; copied under
 * src/test/resources/jsonata-suite with its licence): each case's expression on its dataset gives the expected result,
 * or fails (when the case expects an error: at save time with invalid_expression, or at run time, its JSONata code
 * kept in details.jsonata_code). Cases with variable bindings are left out (a workflow binds none); the few where the
 * port differs from the reference are listed in known-differences.txt with why, and checked to still differ, so the
 * list cannot go stale (target/jsonata-differences.txt has what differs on each run).
 */
class JsonataReferenceSuiteTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Path SUITE = suite();

    @Test
    void everyCaseGivesTheReferenceResultButTheKnownDifferences() throws IOException {
        List<String> known = knownDifferences();
        List<Path> files;
        try (Stream<Path> walk = Files.walk(SUITE.resolve("groups"))) {
            files = walk.filter(f -> f.toString().endsWith(".json")).sorted().toList();
        }
        Map<String, String> differing = new TreeMap<>();
        int checked = 0;
        for (Path file : files) {
            String name = SUITE.resolve("groups").relativize(file).toString().replace(".json", "");
            JsonNode test = JSON.readTree(file.toFile());
            List<JsonNode> cases = new ArrayList<>();
            if (test.isArray()) {
                test.forEach(cases::add);
            } else {
                cases.add(test);
            }
            for (int i = 0; i < cases.size(); i++) {
                JsonNode each = cases.get(i);
                if (each.path("bindings").size() > 0) {
                    continue; // a workflow binds no variables
                }
                String expr = each.has("expr") ? each.path("expr").asText()
                        : Files.readString(file.resolveSibling(each.path("expr-file").asText()));
                checked++;
                String failure = outcome(expr, each);
                if (failure != null) {
                    differing.put(cases.size() == 1 ? name : name + "#" + i, expr.replace('\n', ' ') + " -> "
                            + failure.replace('\n', ' '));
                }
            }
        }
        // What differs now, to bring the list up to date when the port changes.
        Files.write(Path.of("target", "jsonata-differences.txt"), (differing.entrySet().stream()
                .map(e -> e.getKey() + "   # " + e.getValue()).collect(java.util.stream.Collectors.joining("\n"))
                + "\n").getBytes(java.nio.charset.StandardCharsets.UTF_8));
        assertThat(checked).as("cases checked").isGreaterThan(1000);
        assertThat(differing.keySet()).as("cases that differ from the reference and are not known to")
                .isSubsetOf(known);
        assertThat(known).as("known differences that now agree with the reference: take them off the list")
                .isSubsetOf(differing.keySet());
    }

    /** Null when the expression behaves as the reference says, else how it differs. */
    private String outcome(String expr, JsonNode test) throws IOException {
        JsonNode data = test.has("data") ? test.get("data") : dataset(test.path("dataset"));
        ExpressionBounds bounds = new ExpressionBounds(test.path("timelimit").asLong(5_000),
                test.path("depth").asInt(500), 10L * 1024 * 1024);
        if (test.has("code") || test.has("error")) {
            Throwable refused = org.assertj.core.api.Assertions.catchThrowable(
                    () -> JsonataExpression.compile(expr).evaluate(data, bounds));
            if (refused == null) {
                return "no error, expected " + test.path("code").asText(test.path("error").path("code").asText());
            }
            return refused instanceof CodedException ? null : "threw " + refused;
        }
        JsonNode actual;
        try {
            actual = JsonataExpression.compile(expr).evaluate(data, bounds);
        } catch (CodedException e) {
            return e.code() + ": " + e.getMessage();
        }
        JsonNode expected = test.path("undefinedResult").asBoolean(false) || !test.has("result")
                ? NullNode.getInstance() : test.get("result");
        return same(expected, actual) ? null : "gave " + actual + ", expected " + expected;
    }

    /** JSON equality with numbers by value (the reference's 1 is the port's 1.0), to 1e-12 of their size. */
    static boolean same(JsonNode expected, JsonNode actual) {
        if (expected.isNumber() && actual.isNumber()) {
            BigDecimal a = expected.decimalValue();
            BigDecimal b = actual.decimalValue();
            return a.compareTo(b) == 0 || a.subtract(b).abs().doubleValue()
                    <= 1e-12 * Math.max(a.abs().doubleValue(), b.abs().doubleValue());
        }
        if (expected.isArray() && actual.isArray()) {
            if (expected.size() != actual.size()) {
                return false;
            }
            for (int i = 0; i < expected.size(); i++) {
                if (!same(expected.get(i), actual.get(i))) {
                    return false;
                }
            }
            return true;
        }
        if (expected.isObject() && actual.isObject()) {
            if (expected.size() != actual.size()) {
                return false;
            }
            for (Iterator<Map.Entry<String, JsonNode>> it = expected.fields(); it.hasNext();) {
                Map.Entry<String, JsonNode> field = it.next();
                if (!actual.has(field.getKey()) || !same(field.getValue(), actual.get(field.getKey()))) {
                    return false;
                }
            }
            return true;
        }
        return expected.equals(actual);
    }

    private JsonNode dataset(JsonNode name) throws IOException {
        if (name.isNull() || name.isMissingNode()) {
            return null;
        }
        return JSON.readTree(SUITE.resolve("datasets").resolve(name.asText() + ".json").toFile());
    }

    private static List<String> knownDifferences() throws IOException {
        try (InputStream in = JsonataReferenceSuiteTest.class.getResourceAsStream(
                "/jsonata-suite/known-differences.txt")) {
            if (in == null) {
                return List.of();
            }
            return new String(in.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8).lines()
                    .filter(line -> !line.startsWith("#")).map(line -> line.split("\\s+#\\s", 2)[0].strip())
                    .filter(line -> !line.isEmpty()).toList();
        }
    }

    private static Path suite() {
        String override = System.getProperty("jsonata.suite");
        if (override != null) {
            return Path.of(override);
        }
        try {
            return Path.of(JsonataReferenceSuiteTest.class.getResource("/jsonata-suite").toURI());
        } catch (URISyntaxException | NullPointerException e) {
            throw new IllegalStateException("The suite's cases are missing from the test resources", e);
        }
    }
}
