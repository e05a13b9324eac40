package io.autoflow.events.data;

import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Locale;

/** An aggregate of a group's values; empty cells are left out of each (count counts filled cells). */
public enum AggregateFunction {
    COUNT, SUM, MEAN, MIN, MAX, DISTINCT_COUNT;

    @JsonValue
    public String json() {
        return name().toLowerCase(Locale.ROOT);
    }
}
