package io.autoflow.analytics.stats;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.PriorityQueue;

/** The few smallest and largest values of a column with their rows, kept in bounded heaps as rows stream by. */
final class Extremes {

    private record Entry(long row, double value) {
    }

    private final int capacity;
    private final PriorityQueue<Entry> largest = new PriorityQueue<>(Comparator.comparingDouble(Entry::value));
    private final PriorityQueue<Entry> smallest = new PriorityQueue<>(
            Comparator.comparingDouble(Entry::value).reversed());

    Extremes(int capacity) {
        this.capacity = capacity;
    }

    void add(long row, double value) {
        offer(largest, new Entry(row, value), value > peek(largest, Double.NEGATIVE_INFINITY));
        offer(smallest, new Entry(row, value), value < peek(smallest, Double.POSITIVE_INFINITY));
    }

    /** The kept values outside [low, high], most extreme first. */
    List<Outliers.Outlier> outside(double low, double high, double iqr) {
        List<Outliers.Outlier> found = new ArrayList<>();
        for (Entry e : largest) {
            if (e.value() > high) {
                found.add(new Outliers.Outlier(e.row(), e.value(), (e.value() - high) / iqr));
            }
        }
        for (Entry e : smallest) {
            if (e.value() < low) {
                found.add(new Outliers.Outlier(e.row(), e.value(), (low - e.value()) / iqr));
            }
        }
        found.sort(Comparator.comparingDouble(Outliers.Outlier::score).reversed());
        return found.subList(0, Math.min(found.size(), Outliers.LISTED));
    }

    private void offer(PriorityQueue<Entry> heap, Entry entry, boolean beatsWorst) {
        if (heap.size() < capacity) {
            heap.add(entry);
        } else if (beatsWorst) {
            heap.poll();
            heap.add(entry);
        }
    }

    private static double peek(PriorityQueue<Entry> heap, double none) {
        return heap.isEmpty() ? none : heap.peek().value();
    }
}
