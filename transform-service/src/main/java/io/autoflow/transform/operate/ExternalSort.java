package io.autoflow.transform.operate;

import java.io.IOException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.PriorityQueue;

/**
 * Sorts any number of rows, stably, within a memory budget: rows are held until the budget is reached, then go to a
 * temporary file; at the end, sorted runs of a budget each are written and merged. What fits is sorted in memory.
 * The order is given at the end, when the rows (and so the columns' kinds) are known.
 */
final class ExternalSort implements AutoCloseable {

    /** Each sort holds about this much: several conversions run at once within the service's heap. */
    static final long MEMORY_BUDGET_BYTES = 16L * 1024 * 1024;

    private final long budget;
    private List<List<String>> held = new ArrayList<>();
    private long heldBytes;
    private RowSpool spooled;
    private final List<RowSpool> runs = new ArrayList<>();

    ExternalSort(long budget) {
        this.budget = budget;
    }

    void add(List<String> row) throws IOException {
        held.add(row);
        heldBytes += RowSpool.bytes(row);
        if (heldBytes > budget) {
            if (spooled == null) {
                spooled = new RowSpool();
            }
            for (List<String> kept : held) {
                spooled.add(kept);
            }
            held = new ArrayList<>();
            heldBytes = 0;
        }
    }

    /** A consumer of sorted rows. */
    interface Rows {
        void row(List<String> row) throws IOException;
    }

    /** Hands every row on in this order (ties in the order they came). */
    void sorted(Comparator<List<String>> order, Rows out) throws IOException {
        if (spooled == null) {
            held.sort(order);
            for (List<String> row : held) {
                out.row(row);
            }
            return;
        }
        for (List<String> row : held) {
            spooled.add(row);
        }
        held = null;
        writeRuns(order);
        merge(order, out);
    }

    private void writeRuns(Comparator<List<String>> order) throws IOException {
        try (RowSpool.Reader reader = spooled.reader()) {
            List<List<String>> run = new ArrayList<>();
            long bytes = 0;
            for (List<String> row = reader.next(); row != null; row = reader.next()) {
                run.add(row);
                bytes += RowSpool.bytes(row);
                if (bytes > budget) {
                    writeRun(run, order);
                    run = new ArrayList<>();
                    bytes = 0;
                }
            }
            if (!run.isEmpty()) {
                writeRun(run, order);
            }
        }
        spooled.close();
        spooled = null;
    }

    private void writeRun(List<List<String>> run, Comparator<List<String>> order) throws IOException {
        run.sort(order);
        RowSpool spool = new RowSpool();
        runs.add(spool);
        for (List<String> row : run) {
            spool.add(row);
        }
    }

    /** The head row of each run; equal rows come from the earlier run first, which keeps the sort stable. */
    private record Head(List<String> row, int run, RowSpool.Reader reader) {
    }

    private void merge(Comparator<List<String>> order, Rows out) throws IOException {
        PriorityQueue<Head> heads = new PriorityQueue<>(
                Comparator.comparing(Head::row, order).thenComparingInt(Head::run));
        List<RowSpool.Reader> readers = new ArrayList<>();
        try {
            for (int i = 0; i < runs.size(); i++) {
                RowSpool.Reader reader = runs.get(i).reader();
                readers.add(reader);
                List<String> first = reader.next();
                if (first != null) {
                    heads.add(new Head(first, i, reader));
                }
            }
            while (!heads.isEmpty()) {
                Head head = heads.poll();
                out.row(head.row());
                List<String> following = head.reader().next();
                if (following != null) {
                    heads.add(new Head(following, head.run(), head.reader()));
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
        if (spooled != null) {
            spooled.close();
        }
        runs.forEach(RowSpool::close);
    }
}
