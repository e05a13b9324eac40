package io.autoflow.analytics.text;

import io.autoflow.service.work.Checkpoint;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * An extractive summary without a model: the sentences closest to the text as a whole (the cosine of a sentence's
 * TF-IDF vector with the sum of all of them, linear in the sentences where TextRank's graph of pairs would be
 * quadratic), with a bonus for the opening sentences and a paragraph's first, none too like one already picked,
 * shown in the text's order. Captions, reference entries, fragments, lines of figures, and sentences too short or
 * too long to stand alone are never picked.
 */
final class KeySentences {

    static final int MIN = 3;
    static final int MAX = 5;
    /** One key sentence per this many candidates, from {@link #MIN} to {@link #MAX}. */
    private static final int CANDIDATES_PER_PICK = 10;
    private static final int MIN_WORDS = 6;
    private static final int MAX_WORDS = 60;
    /** Sentences sharing this share of their words say the same thing. */
    private static final double SIMILAR = 0.5;
    /** Words with a digit beyond this share make a line of figures, not a statement. */
    private static final double FIGURES = 0.3;
    private static final int OPENING = 3;
    private static final double OPENING_BONUS = 0.25;
    private static final double PARAGRAPH_BONUS = 0.1;
    private static final double EARLY_BONUS = 0.1;

    private static final Pattern CAPTION = Pattern.compile("(?:figure|fig\\.|table|tab\\.|chart|graph|exhibit|source"
            + "|sources|note|notes|abbildung|abb\\.|tabelle|grafik|quelle|quellen|anmerkung|tableau|graphique"
            + "|remarque|tabla|figura|gráfico|fuente|fuentes|nota)\\s*(?:\\d|[IVX]+\\b|:).*",
            Pattern.CASE_INSENSITIVE | Pattern.UNICODE_CASE | Pattern.DOTALL);

    private KeySentences() {
    }

    /** The text's key sentences (at most {@link #MAX}), in its order. */
    static List<String> pick(List<Sentences.Sentence> sentences) {
        List<Integer> candidates = new ArrayList<>();
        List<Map<String, Integer>> terms = new ArrayList<>();
        Map<String, Integer> documents = new HashMap<>();
        for (int i = 0; i < sentences.size(); i++) {
            if (i % 256 == 0) {
                Checkpoint.check();
            }
            Sentences.Sentence sentence = sentences.get(i);
            if (!candidate(sentence)) {
                continue;
            }
            Map<String, Integer> counts = terms(sentence.text());
            if (counts.isEmpty()) {
                continue;
            }
            candidates.add(i);
            terms.add(counts);
            counts.keySet().forEach(t -> documents.merge(t, 1, Integer::sum));
        }
        int n = candidates.size();
        Map<String, Double> centroid = new HashMap<>();
        List<Map<String, Double>> vectors = new ArrayList<>();
        for (Map<String, Integer> counts : terms) {
            Map<String, Double> vector = new HashMap<>();
            counts.forEach((t, c) -> {
                double weight = c * (Math.log((1.0 + n) / (1.0 + documents.get(t))) + 1);
                vector.put(t, weight);
                centroid.merge(t, weight, Double::sum);
            });
            vectors.add(vector);
        }
        double[] scores = new double[n];
        for (int k = 0; k < n; k++) {
            scores[k] = cosineToCentroid(vectors.get(k), centroid) * (1 + bonus(candidates.get(k),
                    sentences.get(candidates.get(k)), sentences.size()));
        }
        List<Integer> byScore = new ArrayList<>();
        for (int k = 0; k < n; k++) {
            byScore.add(k);
        }
        byScore.sort(Comparator.comparingDouble((Integer k) -> -scores[k]).thenComparingInt(k -> k));
        int wanted = Math.min(n, Math.max(MIN, Math.min(MAX, Math.round(n / (float) CANDIDATES_PER_PICK))));
        List<Integer> picked = new ArrayList<>();
        for (int k : byScore) {
            if (picked.size() == wanted) {
                break;
            }
            if (picked.stream().noneMatch(p -> similar(terms.get(p).keySet(), terms.get(k).keySet()))) {
                picked.add(k);
            }
        }
        return picked.stream().sorted().map(k -> sentences.get(candidates.get(k)).text()).toList();
    }

    /** A sentence that can stand alone: a whole one, of words rather than figures, not a caption or a reference. */
    private static boolean candidate(Sentences.Sentence sentence) {
        String text = sentence.text();
        if (sentence.references() || !Character.isUpperCase(text.charAt(0)) && "\"“«¿¡".indexOf(text.charAt(0)) < 0
                || CAPTION.matcher(text).matches() || text.contains("http") || text.contains("www.")) {
            return false;
        }
        String last = text.replaceAll("[)\\]\"”’»']+$", "");
        if (last.isEmpty() || ".!?…".indexOf(last.charAt(last.length() - 1)) < 0) {
            return false;
        }
        String[] words = text.split("\\s+");
        long figures = Arrays.stream(words).filter(w -> w.chars().anyMatch(Character::isDigit)).count();
        return words.length >= MIN_WORDS && words.length <= MAX_WORDS && figures <= FIGURES * words.length;
    }

    /** The sentence's words that say what it is about (three letters or more, not small words), counted. */
    private static Map<String, Integer> terms(String text) {
        Map<String, Integer> counts = new HashMap<>();
        for (String word : TextLanguage.words(text)) {
            if (word.length() >= 3 && !TextLanguage.isStopWord(word)) {
                counts.merge(word, 1, Integer::sum);
            }
        }
        return counts;
    }

    /** The dot product with the centroid over the sentence's own length (the centroid's is the same for all). */
    private static double cosineToCentroid(Map<String, Double> vector, Map<String, Double> centroid) {
        double dot = 0;
        double norm = 0;
        for (Map.Entry<String, Double> e : vector.entrySet()) {
            dot += e.getValue() * centroid.get(e.getKey());
            norm += e.getValue() * e.getValue();
        }
        return norm == 0 ? 0 : dot / Math.sqrt(norm);
    }

    /** Texts say what they are about first: the opening sentences, then each paragraph's first, then early ones. */
    private static double bonus(int index, Sentences.Sentence sentence, int total) {
        return (index < OPENING ? OPENING_BONUS : 0) + (sentence.leadsBlock() ? PARAGRAPH_BONUS : 0)
                + EARLY_BONUS * (1 - index / (double) total);
    }

    private static boolean similar(Set<String> a, Set<String> b) {
        Set<String> both = new HashSet<>(a);
        both.retainAll(b);
        int union = a.size() + b.size() - both.size();
        return union > 0 && both.size() >= SIMILAR * union;
    }
}
