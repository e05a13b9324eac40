package io.autoflow.transform.service;

import io.autoflow.blob.BlobStore;
import io.autoflow.events.Topics;
import io.autoflow.events.TransformData;
import io.autoflow.ingest.DocumentIntake;
import io.autoflow.ingest.IngestException;
import io.autoflow.ingest.StoredDocument;
import io.autoflow.ingest.TierFileSizes;
import io.autoflow.service.failure.TransientRetry;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * Where a conversion's document comes from: stored already (an upload, an attachment, a URL the public API fetched
 * when the request came in), or fetched now from its web address, as a conversion asked for in a conversation and
 * each run of a scheduled one do, so nothing is fetched before the job runs and each run converts the document as it
 * is then. A fetched document passes the same checks as an upload (public addresses only, the tier's size, its real
 * type, a malware scan) and is stored with the job, like an upload; the blob store briefly away is waited out, not a
 * failed job. One whose data cannot be converted (not CSV or XLSX) is not kept.
 */
@ApplicationScoped
public class DocumentSource {

    private final DocumentIntake intake;
    private final TierFileSizes sizes;
    private final TransientRetry retry;
    private final BlobStore blobs;

    public DocumentSource(DocumentIntake intake, TierFileSizes sizes, TransientRetry retry, BlobStore blobs) {
        this.intake = intake;
        this.sizes = sizes;
        this.retry = retry;
        this.blobs = blobs;
    }

    /**
     * The request with its document stored. Blocking: call it on a worker thread.
     *
     * @throws IngestException when the document cannot be let in, or its data cannot be converted
     */
    public TransformData stored(TransformData request) throws Exception {
        if (request.blobKey() != null || request.sourceUrl() == null) {
            return request;
        }
        String key = "uploads/" + request.userId() + "/" + request.executionId() + "/document";
        StoredDocument stored = intake.fetchForJob(request.sourceUrl(), sizes.maxBytes(request.tier()), key, retry,
                Topics.WORKFLOW_DATA_TRANSFORM).await().indefinitely();
        if (!TransformData.SOURCE_TYPES.contains(stored.contentType())) {
            retry.handleBlocking(Topics.WORKFLOW_DATA_TRANSFORM, "Removal of " + key, () -> {
                blobs.delete(key);
                return null;
            });
            throw new IngestException("unsupported_file_type", "Data can be converted from CSV and XLSX documents; "
                    + stored.fileName() + " is not one");
        }
        return new TransformData(request.executionId(), request.userId(), request.tier(), stored.fileName(),
                stored.key(), stored.contentType(), stored.sizeBytes(), request.targetFormat(), request.output(),
                request.sourceUrl(), request.operations(),
                request.jsonata());
    }
}
