package io.autoflow.transform.convert;

/**
 * How much a conversion carried over.
 *
 * @param droppedCells filled cells to the right of their sheet's header, which have no column to go to
 */
public record Counts(int tables, long rows, long droppedCells) {
}
