package io.autoflow.gateway.ingest;

import io.autoflow.gateway.config.ClamAvConfig;
import io.autoflow.gateway.ingest.ClamAvScanner.ScannerUnavailableException;
import io.autoflow.gateway.ingest.ClamAvScanner.Verdict;
import io.autoflow.gateway.rest.ApiException;
import jakarta.enterprise.context.ApplicationScoped;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Set;
import org.apache.tika.Tika;
import org.jboss.logging.Logger;

/**
 * Decides whether an uploaded file may enter the platform: its real type, sniffed from its bytes by Tika (the name
 * and the declared content type are not trusted), must be one we analyse, and ClamAV must find it clean. Blocking.
 */
@ApplicationScoped
public class UploadInspector {

    private static final Logger LOG = Logger.getLogger(UploadInspector.class);
    /** Extensions that claim tabular text; such a name on a binary file is a mismatch, not just unsupported. */
    private static final Set<String> TEXT_EXTENSIONS = Set.of("csv", "tsv", "txt");

    private final Tika tika = new Tika();
    private final ClamAvScanner scanner;
    private final boolean failOpen;

    public UploadInspector(ClamAvConfig config) {
        this.scanner = new ClamAvScanner(config.host(), config.port(), config.connectTimeoutMillis(),
                config.readTimeoutMillis());
        this.failOpen = config.failOpen();
    }

    /**
     * @return the content type to analyse the file as
     * @throws ApiException 415 for a type we do not analyse or that contradicts the name, 422 for malware, 503 when
     *         the file cannot be scanned and configuration does not allow that
     */
    public String inspect(Path file, String fileName) throws IOException {
        String detected = detect(file);
        if (!detected.startsWith("text/")) {
            String extension = extension(fileName);
            if (TEXT_EXTENSIONS.contains(extension)) {
                throw new ApiException(415, "file_type_mismatch", "The file is named ." + extension
                        + " but its content is " + detected, null);
            }
            throw new ApiException(415, "unsupported_file_type", "Only CSV documents can be analysed for now; this "
                    + "file is " + detected, null);
        }
        scan(file);
        return "text/csv";
    }

    private String detect(Path file) throws IOException {
        try (InputStream in = Files.newInputStream(file)) {
            // Bytes only: a file name would let Tika trust the extension.
            return tika.detect(in);
        }
    }

    private void scan(Path file) throws IOException {
        Verdict verdict;
        try (InputStream in = Files.newInputStream(file)) {
            verdict = scanner.scan(in);
        } catch (ScannerUnavailableException e) {
            if (failOpen) {
                LOG.warnf("Upload accepted without a malware scan (autoflow.clamav.fail-open): %s", e.getMessage());
                return;
            }
            LOG.errorf("Upload refused, malware scan unavailable: %s", e.getMessage());
            throw new ApiException(503, "malware_scan_unavailable",
                    "Uploads cannot be checked for malware right now; try again shortly", null);
        }
        if (!verdict.clean()) {
            throw new ApiException(422, "malware_detected", "The file contains malware (" + verdict.signature()
                    + ") and was not stored", null);
        }
    }

    private static String extension(String fileName) {
        if (fileName == null || fileName.lastIndexOf('.') < 0) {
            return "";
        }
        return fileName.substring(fileName.lastIndexOf('.') + 1).toLowerCase(Locale.ROOT);
    }
}
