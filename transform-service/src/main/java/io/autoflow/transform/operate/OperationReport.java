package io.autoflow.transform.operate;

import io.autoflow.events.data.ColumnType;
import java.util.ArrayList;
import java.util.List;

/** What the operations tell the person besides the data: cells a cast could not read, and the rows written. */
public final class OperationReport {

    private final List<String> notes = new ArrayList<>();
    private long rowsWritten;

    void unreadable(String column, ColumnType type, long cells) {
        if (cells > 0) {
            notes.add(cells + (cells == 1 ? " cell" : " cells") + " of '" + column + "' could not be read as "
                    + type.json() + " and " + (cells == 1 ? "was" : "were") + " left empty.");
        }
    }

    void rowWritten() {
        rowsWritten++;
    }

    public long rowsWritten() {
        return rowsWritten;
    }

    public List<String> notes() {
        return List.copyOf(notes);
    }
}
