package io.autoflow.ingest;

import io.autoflow.events.DocumentTypes;
import io.autoflow.ingest.ClamAvScanner.ScannerUnavailableException;
import io.autoflow.ingest.ClamAvScanner.Verdict;
import jakarta.enterprise.context.ApplicationScoped;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.zip.ZipFile;
import org.apache.tika.Tika;
import org.jboss.logging.Logger;

/**
 * Decides whether a document, uploaded or downloaded, may enter the platform: its real type, sniffed from its bytes by Tika (the name
 * and the declared content type are not trusted), must be one we analyse (CSV, XLSX, DOCX, PDF) and agree with the file's
 * extension, and ClamAV must find it clean. Blocking.
 */
@ApplicationScoped
public class DocumentInspector {

    private static final Logger LOG = Logger.getLogger(DocumentInspector.class);
    public static final String CSV = DocumentTypes.CSV;
    public static final String XLSX = DocumentTypes.XLSX;
    public static final String DOCX = DocumentTypes.DOCX;
    public static final String PDF = DocumentTypes.PDF;
    private static final Set<String> SUPPORTED = Set.of(CSV, XLSX, DOCX, PDF);
    /** What a file's extension claims; a name that contradicts the bytes is a mismatch, not just unsupported. */
    private static final Map<String, String> EXTENSIONS = Map.of("csv", CSV, "tsv", CSV, "txt", CSV, "xlsx", XLSX, "docx",
            DOCX, "pdf", PDF);

    private final Tika tika = new Tika();
    private final ClamAvScanner scanner;
    private final boolean failOpen;

    public DocumentInspector(ClamAvConfig config) {
        this.scanner = new ClamAvScanner(config.host(), config.port(), config.connectTimeoutMillis(),
                config.readTimeoutMillis());
        this.failOpen = config.failOpen();
    }

    /**
     * @return the content type to analyse the file as
     * @throws IngestException {@code unsupported_file_type} or {@code file_type_mismatch} for a type we do not
     *         analyse or that contradicts the name, {@code malware_detected}, or {@code malware_scan_unavailable} when
     *         the file cannot be scanned and configuration does not allow that
     */
    public String inspect(Path file, String fileName) throws IOException {
        String actual = realType(file);
        String extension = extension(fileName);
        String named = EXTENSIONS.get(extension);
        if (!SUPPORTED.contains(actual)) {
            if (named != null) {
                throw mismatch(extension, actual);
            }
            throw new IngestException("unsupported_file_type", "CSV, XLSX, DOCX and PDF documents can be analysed; this"
                    + " file is " + actual);
        }
        if (named != null && !named.equals(actual)) {
            throw mismatch(extension, actual);
        }
        scan(file);
        return actual;
    }

    /** The type the bytes show; a file name would let Tika trust the extension, so none is given. */
    private String realType(Path file) throws IOException {
        String detected;
        try (InputStream in = Files.newInputStream(file)) {
            detected = tika.detect(in);
        }
        if (detected.startsWith("text/")) {
            return CSV;
        }
        if (detected.equals("application/zip") || detected.equals("application/x-tika-ooxml")) {
            return officeType(file, detected);
        }
        return detected;
    }

    /** Tells OOXML documents apart by their main part, read from the zip's directory without inflating anything. */
    private static String officeType(Path file, String detected) {
        try (ZipFile zip = new ZipFile(file.toFile())) {
            if (zip.getEntry("xl/workbook.xml") != null) {
                return XLSX;
            }
            if (zip.getEntry("word/document.xml") != null) {
                return DOCX;
            }
            return detected;
        } catch (IOException e) {
            return detected;
        }
    }

    private static IngestException mismatch(String extension, String actual) {
        return new IngestException("file_type_mismatch", "The file is named ." + extension + " but its content is "
                + actual);
    }

    private void scan(Path file) throws IOException {
        Verdict verdict;
        try (InputStream in = Files.newInputStream(file)) {
            verdict = scanner.scan(in);
        } catch (ScannerUnavailableException e) {
            if (failOpen) {
                LOG.warnf("Document accepted without a malware scan (autoflow.clamav.fail-open): %s", e.getMessage());
                return;
            }
            LOG.errorf("Document refused, malware scan unavailable: %s", e.getMessage());
            throw new IngestException("malware_scan_unavailable",
                    "Documents cannot be checked for malware right now; try again shortly");
        }
        if (!verdict.clean()) {
            throw new IngestException("malware_detected", "The file contains malware (" + verdict.signature()
                    + ") and was not stored");
        }
    }

    private static String extension(String fileName) {
        if (fileName == null || fileName.lastIndexOf('.') < 0) {
            return "";
        }
        return fileName.substring(fileName.lastIndexOf('.') + 1).toLowerCase(Locale.ROOT);
    }
}
