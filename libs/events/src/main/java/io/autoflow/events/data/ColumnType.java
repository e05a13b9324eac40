package io.autoflow.events.data;

import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Locale;

/** What a {@link DataOperation.Cast} reads a column as. */
public enum ColumnType {
    /** A decimal number (a dot for decimals, no thousands separators). */
    NUMBER,
    /** A whole number. */
    INTEGER,
    /** true or false (also yes/no, 1/0). */
    BOOLEAN,
    /** Text as it is, compared and sorted as text even when it looks like a number. */
    TEXT,
    /** A calendar date, written as ISO 8601 (2026-03-29). */
    DATE;

    @JsonValue
    public String json() {
        return name().toLowerCase(Locale.ROOT);
    }
}
