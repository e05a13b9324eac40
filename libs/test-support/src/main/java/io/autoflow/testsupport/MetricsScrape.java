package io.autoflow.testsupport;

import io.restassured.RestAssured;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * One read of the service's {@code /q/metrics} (Prometheus text format), to look series up by name and labels, in
 * any label order. A series the service does not export has the value 0, as Prometheus's {@code increase()} would
 * see a counter that has not started.
 */
public final class MetricsScrape {

    // Labels up to the first closing brace outside a quoted value: an exemplar after the value ("# {trace_id=...} 1")
    // has braces of its own, and its value is not the sample's.
    private static final Pattern SAMPLE = Pattern.compile(
            "([a-zA-Z_:][a-zA-Z0-9_:]*)(?:\\{((?:[^\"}]|\"(?:[^\"\\\\]|\\\\.)*\")*)})?\\s+(\\S+).*");
    private static final Pattern LABEL = Pattern.compile("([a-zA-Z_][a-zA-Z0-9_]*)=\"((?:[^\"\\\\]|\\\\.)*)\",?");

    /** One line of the exposition: its name, labels and value. */
    public record Sample(String name, Map<String, String> labels, double value) {
    }

    private final List<Sample> samples;
    private final String text;

    private MetricsScrape(String text) {
        this.text = text;
        this.samples = parse(text);
    }

    /** Reads {@code /q/metrics} of the service under test. */
    public static MetricsScrape now() {
        return new MetricsScrape(RestAssured.given().get("/q/metrics").then().statusCode(200).extract().asString());
    }

    public static MetricsScrape of(String text) {
        return new MetricsScrape(text);
    }

    /** The sum of the series of this name whose labels include these (name, value, name, value, ...). */
    public double value(String name, String... labels) {
        Map<String, String> wanted = new LinkedHashMap<>();
        for (int i = 0; i + 1 < labels.length; i += 2) {
            wanted.put(labels[i], labels[i + 1]);
        }
        return samples.stream().filter(s -> s.name().equals(name))
                .filter(s -> s.labels().entrySet().containsAll(wanted.entrySet()))
                .mapToDouble(Sample::value).sum();
    }

    /** Whether any series of this name is exported. */
    public boolean has(String name) {
        return samples.stream().anyMatch(s -> s.name().equals(name));
    }

    public List<Sample> samples() {
        return samples;
    }

    /** The exposition as it came, for a failure message. */
    public String text() {
        return text;
    }

    private static List<Sample> parse(String text) {
        List<Sample> parsed = new ArrayList<>();
        for (String line : text.split("\n")) {
            Matcher sample = SAMPLE.matcher(line.strip());
            if (line.startsWith("#") || !sample.matches()) {
                continue;
            }
            Map<String, String> labels = new LinkedHashMap<>();
            if (sample.group(2) != null) {
                Matcher label = LABEL.matcher(sample.group(2));
                while (label.find()) {
                    labels.put(label.group(1), label.group(2));
                }
            }
            parsed.add(new Sample(sample.group(1), labels, number(sample.group(3))));
        }
        return parsed;
    }

    private static double number(String value) {
        return switch (value) {
            case "+Inf" -> Double.POSITIVE_INFINITY;
            case "-Inf" -> Double.NEGATIVE_INFINITY;
            default -> Double.parseDouble(value);
        };
    }
}
