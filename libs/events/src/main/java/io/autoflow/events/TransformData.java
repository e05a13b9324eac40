package io.autoflow.events;

import io.autoflow.events.data.DataOperation;
import java.util.List;

/**
 * Request to the transform service: convert a stored document's data to another format. It is also the
 * {@code parameters} of a {@code data_transform} intent, with the ids left out.
 *
 * @param blobKey where the uploaded document lives; files never travel in events. Null when the document is to be
 *        fetched from {@code sourceUrl} when the job runs (a conversion asked for in a conversation, each run of a
 *        scheduled conversion)
 * @param contentType the type sniffed at ingestion (CSV or XLSX)
 * @param targetFormat csv, json or xlsx
 * @param output how the converted file is handed over (its format is unused)
 * @param sourceUrl the document's web address, fetched afresh by the transform service when there is no blobKey
 * @param operations applied in order to each table before it is written (none: the data as it is)
 * @param jsonata for a JSON document (an API's answer, in a workflow): a JSONata expression applied to it first, whose
 *        value (an array of objects, or one object) is the table; null: the document's own array or object
 */
public record TransformData(String executionId, String userId, String tier, String fileName, String blobKey,
        String contentType, long sizeBytes, String targetFormat, AnalyzeDocument.Output output, String sourceUrl,
        List<DataOperation> operations, String jsonata) {

    public static final String TYPE = "io.autoflow.workflow.transform-data.v1";

    public static final List<String> TARGET_FORMATS = List.of("csv", "json", "xlsx");

    /** The document types whose data can be converted. */
    public static final List<String> SOURCE_TYPES = List.of(DocumentTypes.CSV, DocumentTypes.XLSX);

    public TransformData {
        operations = operations == null ? List.of() : List.copyOf(operations);
    }

    /** A conversion of the data as it is, without operations. */
    public TransformData(String executionId, String userId, String tier, String fileName, String blobKey,
            String contentType, long sizeBytes, String targetFormat, AnalyzeDocument.Output output, String sourceUrl) {
        this(executionId, userId, tier, fileName, blobKey, contentType, sizeBytes, targetFormat, output, sourceUrl,
                List.of(), null);
    }
}
