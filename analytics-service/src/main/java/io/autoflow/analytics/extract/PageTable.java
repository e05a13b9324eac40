package io.autoflow.analytics.extract;

import java.util.List;

/**
 * A table found on a page, before its header is read.
 *
 * @param page the page number, from 1
 * @param area where it is on the page: top, left, bottom, right in points from the page's top left corner
 * @param cells its rows of cell texts as printed (whitespace collapsed), without empty rows
 * @param ruled whether ruling lines bound its cells (lattice) rather than the alignment of its text (stream)
 * @param confidence how sure we are that it is a table
 */
record PageTable(int page, float[] area, List<List<String>> cells, boolean ruled,
        TableConfidence confidence) {
}
