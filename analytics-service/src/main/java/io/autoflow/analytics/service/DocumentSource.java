package io.autoflow.analytics.service;

import io.autoflow.events.AnalyzeDocument;
import io.autoflow.events.Topics;
import io.autoflow.ingest.DocumentIntake;
import io.autoflow.ingest.TierFileSizes;
import io.autoflow.service.failure.TransientRetry;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * Where a job's document comes from: stored already (an upload, or a URL the gateway fetched when the request came
 * in), or fetched now from its web address, as each run of a scheduled analysis does so it analyses the document as
 * it is that day. A fetched document passes the same checks as an upload (public addresses only, the tier's size,
 * its real type, a malware scan) and is stored with the job, like an upload; the blob store briefly away is waited
 * out, not a failed job.
 */
@ApplicationScoped
public class DocumentSource {

    private final DocumentIntake intake;
    private final TierFileSizes sizes;
    private final TransientRetry retry;

    public DocumentSource(DocumentIntake intake, TierFileSizes sizes, TransientRetry retry) {
        this.intake = intake;
        this.sizes = sizes;
        this.retry = retry;
    }

    /** Where the job's document is, or will be once fetched: with the job, as an upload is. */
    public static String storedAt(AnalyzeDocument request) {
        return request.blobKey() != null ? request.blobKey()
                : "uploads/" + request.userId() + "/" + request.executionId() + "/document";
    }

    /**
     * The request with its document stored. Call it on a Vert.x context.
     *
     * @return a failure with {@link io.autoflow.ingest.IngestException} when the document cannot be let in
     */
    public Uni<AnalyzeDocument> stored(AnalyzeDocument request) {
        if (request.blobKey() != null || request.sourceUrl() == null) {
            return Uni.createFrom().item(request);
        }
        return intake.fetchForJob(request.sourceUrl(), sizes.maxBytes(request.tier()), storedAt(request), retry,
                Topics.WORKFLOW_DOCUMENT_ANALYTICS)
                .map(stored -> new AnalyzeDocument(request.executionId(), request.userId(), request.tier(),
                        stored.key(), stored.fileName(), stored.contentType(), stored.sizeBytes(),
                        request.analyses(), request.output(), request.sourceUrl()));
    }
}
