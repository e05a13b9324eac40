package io.autoflow.transform.convert;

import io.autoflow.tabular.CsvDialect;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.Charset;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.function.Supplier;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;

/**
 * Reads a CSV document as one table, streaming, with Apache Commons CSV: RFC 4180 quoting, the delimiter the
 * document uses, UTF-8 (with or without BOM) or else Windows-1252. The first record is the header.
 */
public final class CsvSource {

    private static final int SAMPLE_CHARS = 64 * 1024;
    private static final Charset FALLBACK = Charset.forName("windows-1252");

    private CsvSource() {
    }

    /** @param document opens the document; opened again when it must be read in the fallback charset */
    public static Counts read(String name, Supplier<InputStream> document, TableSink sink) throws IOException {
        try {
            return read(name, document, StandardCharsets.UTF_8, sink);
        } catch (CharacterCodingException e) {
            return read(name, document, FALLBACK, sink);
        }
    }

    private static Counts read(String name, Supplier<InputStream> document, Charset charset, TableSink sink)
            throws IOException {
        CodingErrorAction onError = charset == FALLBACK ? CodingErrorAction.REPLACE : CodingErrorAction.REPORT;
        try (InputStream in = document.get(); BufferedReader reader = new BufferedReader(new InputStreamReader(in,
                charset.newDecoder().onMalformedInput(onError).onUnmappableCharacter(onError)))) {
            reader.mark(SAMPLE_CHARS + 1);
            char[] buffer = new char[SAMPLE_CHARS];
            int read = reader.read(buffer);
            String sample = read <= 0 ? "" : new String(buffer, 0, read);
            reader.reset();
            if (sample.isBlank()) {
                throw new TransformException("empty_document", "The document is empty");
            }
            if (sample.indexOf('\0') >= 0) {
                throw new TransformException("unsupported_file_type", "The document is binary, not CSV text");
            }
            if (sample.charAt(0) == '\uFEFF') {
                reader.skip(1);
            }
            CSVFormat format = CSVFormat.RFC4180.builder().setDelimiter(CsvDialect.detectDelimiter(sample))
                    .setIgnoreEmptyLines(true).get();
            // Decoding errors surface from the parser wrapped; they mean: try the fallback charset.
            try (CSVParser parser = CSVParser.parse(reader, format)) {
                return copy(name, parser, sink);
            } catch (UncheckedIOException e) {
                if (e.getCause() instanceof CharacterCodingException undecodable) {
                    throw undecodable;
                }
                throw new TransformException("malformed_csv", "The CSV is malformed: " + e.getCause().getMessage());
            }
        }
    }

    private static Counts copy(String name, CSVParser parser, TableSink sink) throws IOException {
        List<String> header = null;
        long rows = 0;
        for (CSVRecord record : parser) {
            if (header == null) {
                header = Cells.header(record.toList());
                sink.begin(1);
                sink.table(name, header);
            } else if (record.size() > header.size()) {
                throw new TransformException("malformed_csv", "Line " + parser.getCurrentLineNumber() + " has "
                        + record.size() + " fields but the header has " + header.size());
            } else {
                sink.row(Cells.fit(record.toList(), header.size()));
                rows++;
            }
        }
        if (header == null) {
            throw new TransformException("empty_document", "The document is empty");
        }
        return new Counts(1, rows, 0);
    }
}
