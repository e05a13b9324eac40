package io.autoflow.events;

/**
 * Request to the transform service: convert a stored document's data to another format. It is also the
 * {@code parameters} of a {@code data_transform} intent, with the ids left out.
 *
 * @param blobKey where the uploaded document lives; files never travel in events
 * @param contentType the type sniffed at ingestion (CSV or XLSX)
 * @param targetFormat csv, json or xlsx
 * @param output how the converted file is handed over (its format is unused)
 */
public record TransformData(String executionId, String userId, String tier, String fileName, String blobKey,
        String contentType, long sizeBytes, String targetFormat, AnalyzeDocument.Output output) {

    public static final String TYPE = "io.autoflow.workflow.transform-data.v1";

    public static final java.util.List<String> TARGET_FORMATS = java.util.List.of("csv", "json", "xlsx");
}
