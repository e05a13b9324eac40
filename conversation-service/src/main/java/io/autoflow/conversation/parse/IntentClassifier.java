package io.autoflow.conversation.parse;

import dev.langchain4j.data.embedding.Embedding;
import dev.langchain4j.model.embedding.EmbeddingModel;
import dev.langchain4j.model.embedding.onnx.allminilml6v2q.AllMiniLmL6V2QuantizedEmbeddingModel;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Tells which intent a message expresses, offline: all-MiniLM-L6-v2, quantized (a sentence-embedding model that
 * runs in process from its Maven artifact) embeds the message, and its nearest labelled example utterances vote, weighted by
 * similarity. A message close to no example is {@code unknown}. Thread-safe once built.
 */
public final class IntentClassifier {

    /** The labelled examples, one {@code intent<TAB>utterance} a line. */
    static final String EXAMPLES = "/intents/examples.tsv";
    /** Below this cosine similarity to every example, a message is not understood. */
    static final double MIN_SIMILARITY = 0.35;
    private static final int NEIGHBOURS = 5;
    private static final String OUT_OF_SCOPE = "out_of_scope";
    /** Below this mean similarity, out of scope does not win: the next intent does. */
    static final double MIN_OUT_OF_SCOPE = 0.5;

    private final EmbeddingModel model;
    private final List<Example> examples = new ArrayList<>();

    /** What a message was classified as, and how sure the classifier is (the winning neighbours' mean similarity). */
    public record Classification(String intent, double confidence) {
    }

    private record Example(String intent, float[] vector) {
    }

    public IntentClassifier() {
        this(new AllMiniLmL6V2QuantizedEmbeddingModel());
    }

    IntentClassifier(EmbeddingModel model) {
        this.model = model;
        for (String[] example : read(EXAMPLES)) {
            examples.add(new Example(example[0],
                    normalised(model.embed(example[1].toLowerCase(Locale.ROOT)).content())));
        }
    }

    public Classification classify(String message) {
        float[] query = normalised(model.embed(message.toLowerCase(Locale.ROOT)).content());
        List<double[]> scored = new ArrayList<>(); // [example index, similarity]
        for (int i = 0; i < examples.size(); i++) {
            scored.add(new double[] {i, dot(query, examples.get(i).vector())});
        }
        scored.sort(Comparator.comparingDouble((double[] s) -> s[1]).reversed());
        if (scored.isEmpty() || scored.get(0)[1] < MIN_SIMILARITY) {
            return new Classification("unknown", scored.isEmpty() ? 0 : scored.get(0)[1]);
        }
        Map<String, double[]> votes = new HashMap<>(); // intent -> [weight sum, count]
        for (double[] s : scored.subList(0, Math.min(NEIGHBOURS, scored.size()))) {
            double[] vote = votes.computeIfAbsent(examples.get((int) s[0]).intent(), k -> new double[2]);
            vote[0] += s[1];
            vote[1]++;
        }
        Map.Entry<String, double[]> best = votes.entrySet().stream()
                .max(Comparator.comparingDouble(e -> e.getValue()[0])).orElseThrow();
        if (best.getKey().equals(OUT_OF_SCOPE) && best.getValue()[0] / best.getValue()[1] < MIN_OUT_OF_SCOPE) {
            // declining needs more certainty than doing: a short message in another language lands near anything
            votes.remove(OUT_OF_SCOPE);
            best = votes.entrySet().stream().max(Comparator.comparingDouble(e -> e.getValue()[0])).orElse(null);
            if (best == null) {
                return new Classification("unknown", scored.get(0)[1]);
            }
        }
        return new Classification(best.getKey(), best.getValue()[0] / best.getValue()[1]);
    }

    private static float[] normalised(Embedding embedding) {
        float[] v = embedding.vector();
        double norm = 0;
        for (float x : v) {
            norm += x * x;
        }
        float scale = (float) (1 / Math.sqrt(norm));
        float[] unit = new float[v.length];
        for (int i = 0; i < v.length; i++) {
            unit[i] = v[i] * scale;
        }
        return unit;
    }

    private static double dot(float[] a, float[] b) {
        double sum = 0;
        for (int i = 0; i < a.length; i++) {
            sum += a[i] * b[i];
        }
        return sum;
    }

    /** Tab-separated lines of a resource, without blank lines and {@code #} comments. */
    static List<String[]> read(String resource) {
        try (InputStream in = IntentClassifier.class.getResourceAsStream(resource);
                BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))) {
            return reader.lines().filter(l -> !l.isBlank() && !l.startsWith("#")).map(l -> l.split("\t"))
                    .toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
