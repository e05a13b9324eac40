package io.autoflow.ingest;

/**
 * A document let in and stored for a job: where it is in the blob store and what it is.
 *
 * @param contentType the type sniffed from its bytes, not the one a client claimed
 */
public record StoredDocument(String key, String fileName, String contentType, long sizeBytes) {
}
