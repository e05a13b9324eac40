package io.autoflow.conversation.parse;

import static org.assertj.core.api.Assertions.assertThat;

import io.autoflow.testsupport.KafkaTestResource;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

/**
 * Runs the service's offline parser (a Quarkus test: the tokenizer's native library can live in one class loader
 * per JVM only) over the labelled evaluation set and reports intent and slot accuracy. The thresholds
 * stand below what the parser reaches today, with room for a few changed answers, so that a change that makes it
 * understand people worse fails here.
 */
@QuarkusTest
@WithTestResource(KafkaTestResource.class)
class OfflineParserEvaluationTest {

    /** An assistant that misreads more than one message in ten is not one people keep using. */
    static final double MIN_INTENT_ACCURACY = 0.85;
    /** A wrong parameter starts the wrong thing: slots must be right far more often. */
    static final double MIN_SLOT_ACCURACY = 0.95;

    @Inject
    OfflineParser parser;

    @Test
    void understandsTheEvaluationSet() {
        List<String[]> cases = IntentClassifier.read("/evaluation/utterances.tsv");
        int intentsRight = 0;
        int slotsExpected = 0;
        int slotsRight = 0;
        List<String> errors = new ArrayList<>();
        Map<String, int[]> perIntent = new TreeMap<>();
        for (String[] c : cases) {
            ParsedMessage parsed = parser.parse(c[1]);
            int[] tally = perIntent.computeIfAbsent(c[0], k -> new int[2]);
            tally[1]++;
            if (c[0].equals("unknown")) {
                System.out.printf("  unknown [%s] scored %.2f as %s%n", c[1], parsed.confidence(), parsed.intent());
            }
            // out of scope is declined as unknown: both are "not something we do"
            String heard = parsed.intent().equals("out_of_scope") ? "unknown" : parsed.intent();
            if (heard.equals(c[0])) {
                intentsRight++;
                tally[0]++;
            } else {
                errors.add("intent " + parsed.intent() + " (" + String.format("%.2f", parsed.confidence())
                        + ") for [" + c[0] + "] " + c[1]);
            }
            if (c.length > 2 && !c[2].isBlank()) {
                for (String slot : c[2].split(";")) {
                    String[] kv = slot.split("=", 2);
                    slotsExpected++;
                    Object actual = parsed.parameters().get(kv[0]);
                    String value = actual instanceof List<?> list ? String.join(",", list.stream()
                            .map(Object::toString).toList()) : String.valueOf(actual);
                    if (value.equals(kv[1])) {
                        slotsRight++;
                    } else {
                        errors.add("slot " + kv[0] + "=" + value + ", expected " + kv[1] + ": " + c[1]);
                    }
                }
            }
        }
        double intentAccuracy = (double) intentsRight / cases.size();
        double slotAccuracy = (double) slotsRight / slotsExpected;
        System.out.printf("%nOffline parser on %d utterances: intent accuracy %.3f, slot accuracy %.3f (%d of %d)%n",
                cases.size(), intentAccuracy, slotAccuracy, slotsRight, slotsExpected);
        perIntent.forEach((intent, t) -> System.out.printf("  %-20s %d/%d%n", intent, t[0], t[1]));
        errors.forEach(e -> System.out.println("  miss: " + e));

        assertThat(cases).hasSizeGreaterThanOrEqualTo(150);
        assertThat(intentAccuracy).isGreaterThanOrEqualTo(MIN_INTENT_ACCURACY);
        assertThat(slotAccuracy).isGreaterThanOrEqualTo(MIN_SLOT_ACCURACY);
    }
}
