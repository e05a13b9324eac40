package io.autoflow.transform.operate;

import java.io.IOException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.PriorityQueue;
import java.util.function.Supplier;

/**
 * Sorts any number of rows, stably, within a memory budget: rows are held until the budget is reached, then sorted
 * in the order known so far and written as a run to a temporary file ({@link RowSpool}); at the end the runs are
 * merged. What fits is sorted in memory. The order may change while rows come (a column thought numeric has text
 * after all): a run written in an older order is sorted again before the merge. Keys are taken from each row once.
 */
final class ExternalSort implements AutoCloseable {

    /** Each sort holds about this much: several conversions run at once within the service's heap. */
    static final long MEMORY_BUDGET_BYTES = 16L * 1024 * 1024;

    /** What one key is taken to hold besides its row, to stay within the budget. */
    private static final long KEY_BYTES = 64;

    private final long budget;
    private final Supplier<RowOrder> orderSoFar;
    private List<List<String>> held = new ArrayList<>();
    private long heldBytes;
    private final List<Run> runs = new ArrayList<>();

    /** @param orderSoFar the order as far as the rows so far tell, asked each time a run is written */
    ExternalSort(long budget, Supplier<RowOrder> orderSoFar) {
        this.budget = budget;
        this.orderSoFar = orderSoFar;
    }

    private record Run(RowSpool rows, RowOrder order) {
    }

    /** A row with its keys. */
    private record Keyed(Object[] keys, List<String> row) {
    }

    void add(List<String> row) throws IOException {
        held.add(row);
        heldBytes += RowSpool.bytes(row) + KEY_BYTES;
        if (heldBytes > budget) {
            RowOrder order = orderSoFar.get();
            runs.add(new Run(write(sorted(held, order)), order));
            held = new ArrayList<>();
            heldBytes = 0;
        }
    }

    /** A consumer of sorted rows. */
    interface Rows {
        void row(List<String> row) throws IOException;
    }

    /** Hands every row on in the final order (ties in the order they came). */
    void sorted(RowOrder order, Rows out) throws IOException {
        if (runs.isEmpty()) {
            for (Keyed keyed : sorted(held, order)) {
                out.row(keyed.row());
            }
            return;
        }
        if (!held.isEmpty()) {
            runs.add(new Run(write(sorted(held, order)), order));
            held = List.of();
        }
        for (int i = 0; i < runs.size(); i++) {
            Run run = runs.get(i);
            if (!run.order().equals(order)) { // written before the order was known for sure
                runs.set(i, new Run(write(sorted(read(run.rows()), order)), order));
                run.rows().close();
            }
        }
        merge(order, out);
    }

    private static List<Keyed> sorted(List<List<String>> rows, RowOrder order) {
        List<Keyed> keyed = new ArrayList<>(rows.size());
        for (List<String> row : rows) {
            keyed.add(new Keyed(order.keys(row), row));
        }
        keyed.sort((a, b) -> order.compare(a.keys(), b.keys())); // List.sort is stable
        return keyed;
    }

    private static RowSpool write(List<Keyed> sorted) throws IOException {
        RowSpool spool = new RowSpool();
        for (Keyed keyed : sorted) {
            spool.add(keyed.row());
        }
        return spool;
    }

    private static List<List<String>> read(RowSpool spool) throws IOException {
        List<List<String>> rows = new ArrayList<>();
        try (RowSpool.Reader reader = spool.reader()) {
            for (List<String> row = reader.next(); row != null; row = reader.next()) {
                rows.add(row);
            }
        }
        return rows;
    }

    /** The head row of each run; equal rows come from the earlier run first, which keeps the sort stable. */
    private record Head(Keyed keyed, int run, RowSpool.Reader reader) {
    }

    private void merge(RowOrder order, Rows out) throws IOException {
        PriorityQueue<Head> heads = new PriorityQueue<>(Comparator.<Head, Object[]>comparing(h -> h.keyed().keys(),
                order::compare).thenComparingInt(Head::run));
        List<RowSpool.Reader> readers = new ArrayList<>();
        try {
            for (int i = 0; i < runs.size(); i++) {
                RowSpool.Reader reader = runs.get(i).rows().reader();
                readers.add(reader);
                List<String> first = reader.next();
                if (first != null) {
                    heads.add(new Head(new Keyed(order.keys(first), first), i, reader));
                }
            }
            while (!heads.isEmpty()) {
                Head head = heads.poll();
                out.row(head.keyed().row());
                List<String> following = head.reader().next();
                if (following != null) {
                    heads.add(new Head(new Keyed(order.keys(following), following), head.run(), head.reader()));
                }
            }
        } finally {
            for (RowSpool.Reader reader : readers) {
                reader.close();
            }
        }
    }

    @Override
    public void close() {
        runs.forEach(run -> run.rows().close());
    }
}
