package io.autoflow.analytics.stats;

import java.util.List;

/**
 * What one document may become, whatever it holds, so that no upload can exhaust a worker's memory or time. Past a
 * structural limit the analysis stops with {@code document_too_complex}, naming the limit; what is only shown
 * (alerts, findings, charts) is cut to the first that fit.
 */
public final class DocumentLimits {

    /** Tables per document: sheets of a workbook, tables of a PDF or DOCX. */
    public static final int MAX_TABLES = 100;
    /** Columns per table. */
    public static final int MAX_COLUMNS = 300;
    /** Characters of a cell that are read as its value; the rest of a longer cell is not kept. */
    public static final int MAX_CELL_CHARS = 1_000;
    /** Characters of a column or table name. */
    public static final int MAX_NAME_CHARS = 200;
    /** Numbers a table's row sample keeps at most (rows x columns), for correlations and associations. */
    public static final int MAX_SAMPLE_CELLS = 2_000_000;
    /** Columns compared pairwise (correlations, associations), the first ones of a table: pairs grow as a square. */
    public static final int MAX_CORRELATED_COLUMNS = 30;
    /** Data-quality alerts kept per document. */
    public static final int MAX_ALERTS = 100;
    /** Written findings kept per document. */
    public static final int MAX_INSIGHTS = 50;
    /** Charts drawn per document. */
    public static final int MAX_CHARTS = 40;
    /** The largest report written. */
    public static final long MAX_REPORT_BYTES = 50L * 1024 * 1024;

    private DocumentLimits() {
    }

    /** @throws DocumentTooComplexException when the document already has {@link #MAX_TABLES} tables */
    public static void checkAnotherTable(int tablesSoFar) {
        if (tablesSoFar >= MAX_TABLES) {
            throw new DocumentTooComplexException("tables", MAX_TABLES, "The document has more than " + MAX_TABLES
                    + " tables; at most " + MAX_TABLES + " can be analysed");
        }
    }

    /** @throws DocumentTooComplexException when a table is wider than {@link #MAX_COLUMNS} */
    static void checkColumns(String table, int columns) {
        if (columns > MAX_COLUMNS) {
            throw new DocumentTooComplexException("columns", MAX_COLUMNS, "Table " + shortName(table) + " has "
                    + columns + " columns; at most " + MAX_COLUMNS + " can be analysed");
        }
    }

    /** @throws DocumentTooComplexException when the report came out larger than {@link #MAX_REPORT_BYTES} */
    public static void checkReport(long bytes) {
        if (bytes > MAX_REPORT_BYTES) {
            throw new DocumentTooComplexException("report_bytes", MAX_REPORT_BYTES, "The report would be "
                    + bytes / (1024 * 1024) + " MB; at most " + MAX_REPORT_BYTES / (1024 * 1024) + " MB are written");
        }
    }

    /** A cell's text as far as it is read (its length is still measured whole). */
    static String cell(String value) {
        return value.length() <= MAX_CELL_CHARS ? value : value.substring(0, MAX_CELL_CHARS);
    }

    /** The row's cells as far as they are read: the row itself unless a cell is longer. */
    static List<String> cells(List<String> row) {
        for (String cell : row) {
            if (cell != null && cell.length() > MAX_CELL_CHARS) {
                return row.stream().map(c -> c == null || c.length() <= MAX_CELL_CHARS ? c
                        : c.substring(0, MAX_CELL_CHARS)).toList();
            }
        }
        return row;
    }

    /** A name shortened for the result and the report. */
    public static String name(String value) {
        return value == null || value.length() <= MAX_NAME_CHARS ? value : value.substring(0, MAX_NAME_CHARS - 1)
                + "…";
    }

    private static String shortName(String table) {
        return table.length() <= 60 ? table : table.substring(0, 59) + "…";
    }
}
