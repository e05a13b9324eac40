package io.autoflow.transform.operate;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import io.autoflow.events.CodedException;

/**
 * What a group-by, a pivot or a join may hold in memory: their groups (or the other table) must fit, since several
 * conversions share the service's heap. Past it the job fails with a code that says what to change.
 */
final class GroupBudget {

    static final long MEMORY_BUDGET_BYTES = 32L * 1024 * 1024;

    private final String code;
    private final String advice;
    private long bytes;

    GroupBudget(String code, String advice) {
        this.code = code;
        this.advice = advice;
    }

    void add(long more) {
        bytes += more;
        if (bytes > MEMORY_BUDGET_BYTES) {
            throw new CodedException(code, "More than " + MEMORY_BUDGET_BYTES / (1024 * 1024) + " MB would be held"
                    + " in memory; " + advice, JsonNodeFactory.instance.objectNode()
                    .put("max_bytes", MEMORY_BUDGET_BYTES));
        }
    }
}
