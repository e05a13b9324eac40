package io.autoflow.tabular;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.Charset;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.function.Supplier;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;

/**
 * Reads a CSV document's records with Apache Commons CSV, streaming: RFC 4180 quoting, the delimiter the document uses
 * ({@link CsvDialect}), UTF-8 with or without BOM, else Windows-1252; empty lines and spaces around values ignored.
 */
public final class CsvText {

    private static final int SAMPLE_CHARS = 64 * 1024;
    private static final Charset FALLBACK = Charset.forName("windows-1252");

    /** What is done with the records, as they stream. */
    @FunctionalInterface
    public interface Records<T> {
        T read(CSVParser parser) throws IOException;
    }

    private CsvText() {
    }

    /**
     * Reads in UTF-8 and, when the document turns out not to be, starts over in Windows-1252: {@code records} must
     * be able to start over (e.g. it builds a value, and writes nothing).
     *
     * @param document opens the document; opened again when it must be read in the fallback charset
     * @throws TabularException {@code empty_document}, {@code unsupported_file_type} (binary) or {@code malformed_csv}
     */
    public static <T> T read(Supplier<InputStream> document, Records<T> records) throws IOException {
        try {
            return read(document, StandardCharsets.UTF_8, records);
        } catch (CharacterCodingException e) {
            return read(document, FALLBACK, records);
        }
    }

    /**
     * The charset a document is read in: UTF-8 when every byte of it is valid UTF-8, else Windows-1252. A reader whose
     * records cannot simply start over (output already written) asks this first, at the cost of one more pass.
     */
    public static Charset charsetOf(Supplier<InputStream> document) throws IOException {
        var decoder = StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT);
        try (var reader = new InputStreamReader(document.get(), decoder)) {
            char[] buffer = new char[SAMPLE_CHARS];
            while (reader.read(buffer) >= 0) {
                // decoding is the check
            }
            return StandardCharsets.UTF_8;
        } catch (CharacterCodingException e) {
            return FALLBACK;
        }
    }

    /** Reads the records in the given charset, without falling back. */
    public static <T> T read(Supplier<InputStream> document, Charset charset, Records<T> records)
            throws IOException {
        // UTF-8 must be valid, so a legacy file falls back; the fallback replaces the few bytes it cannot map.
        CodingErrorAction onError = charset == FALLBACK ? CodingErrorAction.REPLACE : CodingErrorAction.REPORT;
        try (InputStream in = document.get(); BufferedReader reader = new BufferedReader(new InputStreamReader(in,
                charset.newDecoder().onMalformedInput(onError).onUnmappableCharacter(onError)))) {
            reader.mark(SAMPLE_CHARS + 1);
            char[] buffer = new char[SAMPLE_CHARS];
            int read = reader.read(buffer);
            String sample = read <= 0 ? "" : new String(buffer, 0, read);
            reader.reset();
            if (sample.isBlank()) {
                throw new TabularException("empty_document", "The document is empty");
            }
            if (sample.indexOf('\0') >= 0) {
                throw new TabularException("unsupported_file_type", "The document is binary, not CSV text");
            }
            if (sample.charAt(0) == '\uFEFF') {
                reader.skip(1);
            }
            CSVFormat format = CSVFormat.RFC4180.builder()
                    .setDelimiter(CsvDialect.detectDelimiter(sample))
                    .setIgnoreEmptyLines(true)
                    .setIgnoreSurroundingSpaces(true)
                    .get();
            try (CSVParser parser = CSVParser.parse(reader, format)) {
                return records.read(parser);
            } catch (UncheckedIOException e) {
                // The parser wraps what goes wrong while it reads: bytes the charset cannot decode, or bad quoting.
                if (e.getCause() instanceof CharacterCodingException undecodable) {
                    throw undecodable;
                }
                throw new TabularException("malformed_csv", "The CSV is malformed: " + e.getCause().getMessage());
            }
        }
    }
}
