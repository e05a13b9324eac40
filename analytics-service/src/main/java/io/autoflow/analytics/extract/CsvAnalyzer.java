package io.autoflow.analytics.extract;

import io.autoflow.analytics.stats.TableProfiler;
import io.autoflow.analytics.stats.TableStatistics;
import io.autoflow.tabular.CsvText;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.function.Supplier;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;

/**
 * Reads a CSV document as {@link CsvText} reads CSV (RFC 4180 quoting, any of the common delimiters, UTF-8 with or
 * without BOM, else Windows-1252) and profiles it as one table in a single streaming pass.
 */
public final class CsvAnalyzer {

    /**
     * @param document opens the document; called again when it must be re-read in another encoding
     * @throws DocumentException for an empty, binary or malformed document
     */
    public TableStatistics analyze(String name, Supplier<InputStream> document) {
        try {
            return CsvText.read(document, parser -> profile(name, parser));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static TableStatistics profile(String name, CSVParser parser) {
        TableProfiler table = null;
        for (CSVRecord record : parser) {
            if (table == null) {
                table = new TableProfiler(name, record.toList());
            } else if (record.size() > table.width()) {
                throw new DocumentException("malformed_csv", "Line " + parser.getCurrentLineNumber() + " has "
                        + record.size() + " fields but the header has " + table.width());
            } else {
                table.add(record.toList());
            }
        }
        if (table == null) {
            throw new DocumentException("empty_document", "The document is empty");
        }
        return table.finish();
    }
}
