package io.autoflow.transform.service;

import io.autoflow.blob.BlobStore;
import io.autoflow.events.CodedException;
import io.autoflow.events.DocumentTypes;
import io.autoflow.events.ErrorInfo;
import io.autoflow.events.ExecutionEvent;
import io.autoflow.events.TransformData;
import io.autoflow.expressions.JsonataExpression;
import io.autoflow.events.result.Narrative;
import io.autoflow.events.result.StoredFile;
import io.autoflow.events.result.TransformResult;
import io.autoflow.service.failure.TransientFailures;
import io.autoflow.service.metrics.DocumentMetrics;
import io.autoflow.service.work.Checkpoint;
import io.autoflow.transform.convert.Counts;
import io.autoflow.transform.convert.CsvSink;
import io.autoflow.transform.convert.CsvSource;
import io.autoflow.transform.convert.JsonSource;
import io.autoflow.transform.convert.JsonSink;
import io.autoflow.transform.convert.TableSink;
import io.autoflow.transform.convert.TransformException;
import io.autoflow.transform.convert.XlsxSink;
import io.autoflow.transform.convert.XlsxSource;
import io.autoflow.transform.operate.Inputs;
import io.autoflow.transform.operate.OperatingSink;
import io.autoflow.transform.operate.OperationReport;
import jakarta.enterprise.context.ApplicationScoped;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
import java.util.Locale;
import java.util.function.Supplier;
import org.jboss.logging.Logger;

/**
 * Converts a stored CSV or XLSX document to CSV, JSON or XLSX, applying the request's data operations to each table
 * on the way ({@link OperatingSink}), streaming through a temporary file, and stores the
 * result under the job's own prefix. The same request gives the same file, so a redelivered request is simply
 * converted again, and so is one the blob store failed transiently: that failure is thrown (for the caller's
 * {@code TransientRetry}), every other becomes the job's failure with a code. Blocking: run it on a worker thread.
 */
@ApplicationScoped
public class DataTransform {

    private static final Logger LOG = Logger.getLogger(DataTransform.class);

    /** Where a user's files are: uploads, API answers, conversions, each under the user's id. */
    private static final List<String> OWN_FILES = List.of("uploads/", "automations/", "transforms/");

    private final BlobStore blobs;
    private final DocumentMetrics metrics;

    public DataTransform(BlobStore blobs, DocumentMetrics metrics) {
        this.blobs = blobs;
        this.metrics = metrics;
    }

    public ExecutionEvent run(TransformData request) {
        return metrics.measured(request.contentType(), request.sizeBytes(),
                event -> event.status() == ExecutionEvent.Status.FAILED, () -> convert(request));
    }

    private ExecutionEvent convert(TransformData request) {
        String id = request.executionId();
        String target = request.targetFormat() == null ? "" : request.targetFormat().toLowerCase(Locale.ROOT);
        if (!TransformData.TARGET_FORMATS.contains(target)) {
            return ExecutionEvent.failed(id, ErrorInfo.of("invalid_target_format",
                    "target_format must be csv, json or xlsx"));
        }
        if (!ownedBy(request.blobKey(), request.userId())) {
            return ExecutionEvent.failed(id, ErrorInfo.of("document_not_found", "The document is not this user's"));
        }
        Path input = null;
        Path output = null;
        try {
            input = Files.createTempFile("autoflow-transform-", ".in");
            output = Files.createTempFile("autoflow-transform-", ".out");
            try (InputStream in = blobs.open(request.blobKey()).orElseThrow(
                    () -> new TransformException("document_not_found", "The document is no longer stored"))) {
                Files.copy(in, input, StandardCopyOption.REPLACE_EXISTING);
            }
            long started = System.nanoTime();
            Counts counts;
            OperationReport operated = new OperationReport();
            try (OutputStream out = Files.newOutputStream(output);
                    TableSink sink = operated(request, sink(target, out), operated)) {
                counts = read(request, input, sink);
            }
            String extension = target.equals("csv") && counts.tables() != 1 ? "zip" : target;
            String mediaType = mediaType(target, counts.tables());
            String key = "transforms/" + request.userId() + "/" + id + "/" + baseName(request.fileName()) + "."
                    + extension;
            try (InputStream converted = Files.newInputStream(output)) {
                blobs.put(key, converted);
            }
            long size = Files.size(output);
            LOG.infof("Job %s: %s to %s, %d tables, %d rows, %d bytes in %d ms", id, request.fileName(), target,
                    counts.tables(), counts.rows(), size, (System.nanoTime() - started) / 1_000_000);
            return ExecutionEvent.completed(id, result(request, target, key, mediaType, size, counts, operated));
        } catch (CodedException e) { // a table's or a conversion's failure, with its code
            return ExecutionEvent.failed(id, e.toErrorInfo());
        } catch (Checkpoint.WorkAbandonedException e) {
            throw e; // past its deadline: nobody waits for this outcome
        } catch (IOException | RuntimeException e) {
            TransientFailures.throwIfTransient(e); // the store briefly away: the consumer converts it again
            // A document nothing above foresaw, or a store that refuses us (403, no bucket), still ends its job, with
            // a code, rather than going nowhere.
            LOG.errorf(e, "Job %s could not be converted", id);
            return ExecutionEvent.failed(id, ErrorInfo.of("transform_failed", "The document could not be converted"));
        } finally {
            delete(input);
            delete(output);
        }
    }

    private static Counts read(TransformData request, Path input, TableSink sink) throws IOException {
        if (DocumentTypes.XLSX.equals(request.contentType())) {
            return XlsxSource.read(input, sink);
        }
        Supplier<InputStream> document = () -> {
            try {
                return Files.newInputStream(input);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        };
        if (DocumentTypes.CSV.equals(request.contentType())) {
            return CsvSource.read(baseName(request.fileName()), document, sink);
        }
        if (DocumentTypes.JSON.equals(request.contentType())) {
            JsonataExpression jsonata = request.jsonata() == null ? null
                    : JsonataExpression.compile(request.jsonata());
            return JsonSource.read(baseName(request.fileName()), document, Files.size(input), jsonata, sink);
        }
        throw new TransformException("unsupported_file_type", "Data can be converted from CSV, XLSX and JSON"
                + " documents; this one is " + request.contentType());
    }

    /** The writer, behind the request's data operations when it has any. */
    private static TableSink operated(TransformData request, TableSink writer, OperationReport report) {
        return request.operations().isEmpty() ? writer
                : new OperatingSink(request.operations(), Inputs.NONE, writer, report);
    }

    private static TableSink sink(String target, OutputStream out) throws IOException {
        return switch (target) {
            case "json" -> new JsonSink(out);
            case "xlsx" -> new XlsxSink(out);
            default -> new CsvSink(out);
        };
    }

    private static String mediaType(String target, int tables) {
        return switch (target) {
            case "json" -> "application/json";
            case "xlsx" -> DocumentTypes.XLSX;
            default -> CsvSink.mediaType(tables);
        };
    }

    private static TransformResult result(TransformData request, String target, String key, String mediaType,
            long size, Counts counts, OperationReport operated) {
        String tables = counts.tables() + (counts.tables() == 1 ? " table, " : " tables, ");
        int operations = request.operations().size();
        long rows = operations == 0 ? counts.rows() : operated.rowsWritten();
        String text = operations == 0
                ? "Converted " + request.fileName() + " (" + tables + counts.rows() + " rows) to "
                        + target.toUpperCase(Locale.ROOT) + "."
                : "Read " + request.fileName() + " (" + tables + counts.rows() + " rows), applied " + operations
                        + (operations == 1 ? " operation" : " operations") + " and wrote " + rows
                        + (rows == 1 ? " row" : " rows") + " as " + target.toUpperCase(Locale.ROOT) + ".";
        if (counts.droppedCells() != 0) {
            text += " " + counts.droppedCells() + " filled cells right of their sheet's header had no column and were"
                    + " left out.";
        }
        for (String note : operated.notes()) {
            text += " " + note;
        }
        return new TransformResult(target, counts.tables(), rows, counts.droppedCells(),
                new StoredFile(key, mediaType, size), Narrative.of(text));
    }

    /** The user's upload, or a file one of their jobs made (an API's answer, a conversion) that a workflow reads. */
    private static boolean ownedBy(String key, String user) {
        return OWN_FILES.stream().anyMatch(folder -> key.startsWith(folder + user + "/"));
    }

    /** The document's name without its extension, safe as a file name. */
    private static String baseName(String fileName) {
        String base = fileName == null || fileName.isBlank() ? "data" : fileName.replaceAll("\\.[^.]*$", "");
        String safe = base.replaceAll("[^A-Za-z0-9._-]", "_");
        return safe.isEmpty() || safe.startsWith(".") ? "data" + safe : safe;
    }

    private static void delete(Path file) {
        if (file != null) {
            try {
                Files.deleteIfExists(file);
            } catch (IOException e) {
                LOG.warnf("Temporary file %s left behind: %s", file, e.getMessage());
            }
        }
    }
}
