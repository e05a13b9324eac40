package io.autoflow.transform.operate;

import java.io.IOException;
import java.util.List;

/**
 * One operation on one table as rows stream through it: {@link #start} with the columns, {@link #row} for each row
 * (exactly as wide as the columns), {@link #end} when the table is complete. A stage hands its own table on to the
 * next; one that needs every row first (a sort, a group) does so in {@code end}.
 */
abstract class Stage {

    protected final Stage next;

    Stage(Stage next) {
        this.next = next;
    }

    abstract void start(Columns columns) throws IOException;

    abstract void row(List<String> cells) throws IOException;

    void end() throws IOException {
        next.end();
    }

    /** Frees what the stage holds (temporary files) whether or not the table was completed. */
    void close() {
        if (next != null) {
            next.close();
        }
    }
}
