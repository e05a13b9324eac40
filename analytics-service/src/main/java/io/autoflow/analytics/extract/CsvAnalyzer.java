package io.autoflow.analytics.extract;

import io.autoflow.analytics.stats.TableProfiler;
import io.autoflow.tabular.CsvDialect;
import io.autoflow.analytics.stats.TableStatistics;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.Charset;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.function.Supplier;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;

/**
 * Reads a CSV document with Apache Commons CSV (RFC 4180 quoting, any of the common delimiters, UTF-8 with or without
 * BOM, else Windows-1252) and profiles it as one table in a single streaming pass.
 */
public final class CsvAnalyzer {

    private static final int SAMPLE_CHARS = 64 * 1024;
    private static final Charset FALLBACK = Charset.forName("windows-1252");

    /**
     * @param document opens the document; called again when it must be re-read in another encoding
     * @throws DocumentException for an empty, binary or malformed document
     */
    public TableStatistics analyze(String name, Supplier<InputStream> document) {
        try {
            return analyze(name, document, StandardCharsets.UTF_8);
        } catch (UndecodableException e) {
            return analyze(name, document, FALLBACK);
        }
    }

    private TableStatistics analyze(String name, Supplier<InputStream> document, Charset charset) {
        try (InputStream in = document.get();
                BufferedReader reader = new BufferedReader(new InputStreamReader(in, decoder(charset)))) {
            reader.mark(SAMPLE_CHARS + 1);
            char[] buffer = new char[SAMPLE_CHARS];
            int read = reader.read(buffer);
            String sample = read <= 0 ? "" : new String(buffer, 0, read);
            reader.reset();
            if (sample.isBlank()) {
                throw new DocumentException("empty_document", "The document is empty");
            }
            if (sample.indexOf('\0') >= 0) {
                throw new DocumentException("unsupported_file_type", "The document is binary, not CSV text");
            }
            if (sample.charAt(0) == '\uFEFF') {
                reader.skip(1);
            }
            return parse(name, reader, CsvDialect.detectDelimiter(sample));
        } catch (CharacterCodingException e) {
            throw new UndecodableException();
        } catch (UncheckedIOException e) {
            if (e.getCause() instanceof CharacterCodingException) {
                throw new UndecodableException();
            }
            throw new DocumentException("malformed_csv", "The CSV is malformed: " + e.getCause().getMessage());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static TableStatistics parse(String name, BufferedReader reader, char delimiter) throws IOException {
        CSVFormat format = CSVFormat.RFC4180.builder()
                .setDelimiter(delimiter)
                .setIgnoreEmptyLines(true)
                .setIgnoreSurroundingSpaces(true)
                .get();
        try (CSVParser parser = CSVParser.parse(reader, format)) {
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

    /** UTF-8 must be valid, so a legacy file falls back; the fallback replaces the few bytes it cannot map. */
    private static CharsetDecoder decoder(Charset charset) {
        CodingErrorAction action = charset == FALLBACK ? CodingErrorAction.REPLACE : CodingErrorAction.REPORT;
        return charset.newDecoder().onMalformedInput(action).onUnmappableCharacter(action);
    }

    /** The bytes are not valid in the charset tried; the caller tries the next one. */
    private static final class UndecodableException extends RuntimeException {
        UndecodableException() {
            super(null, null, false, false);
        }
    }
}
