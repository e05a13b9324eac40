package io.autoflow.expressions;

/**
 * What one evaluation may take: time, nesting of calls, and the size of its result as JSON.
 *
 * @param timeoutMillis wall time of one evaluation
 * @param maxDepth nested function calls (a recursive function without an end stops here)
 * @param maxOutputBytes the result, written as JSON
 */
public record ExpressionBounds(long timeoutMillis, int maxDepth, long maxOutputBytes) {

    /** For a step's expression on an API's answer or a document: a second, 200 calls deep, 10 MB out. */
    public static final ExpressionBounds DEFAULT = new ExpressionBounds(1_000, 200, 10L * 1024 * 1024);
}
