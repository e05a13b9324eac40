package io.autoflow.blob;

import static io.autoflow.blob.S3Failures.call;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.CompletedPart;

/**
 * A blob's stored bytes on their way to S3 with one part in memory at a time, whatever the blob's size, known or not:
 * a blob smaller than a part is one PutObject; a larger one a multipart upload, completed on close and aborted on
 * failure. Either way S3 shows the previous object until the new one is whole.
 */
final class S3Upload extends PendingBlob {

    private final S3Client s3;
    private final String bucket;
    private final String key;
    private final int partBytes;
    private final Part part = new Part();
    private final List<CompletedPart> parts = new ArrayList<>();
    private String uploadId;

    S3Upload(S3Client s3, String bucket, String key, int partBytes) {
        this.s3 = s3;
        this.bucket = bucket;
        this.key = key;
        this.partBytes = partBytes;
    }

    @Override
    public void write(int b) throws IOException {
        write(new byte[] {(byte) b}, 0, 1);
    }

    @Override
    public void write(byte[] b, int off, int len) throws IOException {
        while (len > 0) {
            if (part.size() == partBytes) { // only once more bytes come, so the last part is never empty
                send();
            }
            int n = Math.min(len, partBytes - part.size());
            part.write(b, off, n);
            off += n;
            len -= n;
        }
    }

    @Override
    void commit() throws IOException {
        if (uploadId == null) {
            call("store " + key, () -> s3.putObject(r -> r.bucket(bucket).key(key), part.body()));
            return;
        }
        send();
        call("complete the upload of " + key, () -> s3.completeMultipartUpload(r -> r.bucket(bucket).key(key)
                .uploadId(uploadId).multipartUpload(u -> u.parts(parts))));
    }

    @Override
    void abort() throws IOException {
        if (uploadId != null) {
            call("abort the upload of " + key, () -> s3.abortMultipartUpload(r -> r.bucket(bucket).key(key)
                    .uploadId(uploadId)));
        }
    }

    private void send() throws IOException {
        if (uploadId == null) {
            uploadId = call("start uploading " + key, () -> s3.createMultipartUpload(r -> r.bucket(bucket).key(key)))
                    .uploadId();
        }
        int number = parts.size() + 1;
        String eTag = call("upload part " + number + " of " + key, () -> s3.uploadPart(r -> r.bucket(bucket).key(key)
                .uploadId(uploadId).partNumber(number), part.body())).eTag();
        parts.add(CompletedPart.builder().partNumber(number).eTag(eTag).build());
        part.reset();
    }

    /** The part being filled; it grows to the part size only for blobs that large, and is reused. */
    private static final class Part extends ByteArrayOutputStream {

        Part() {
            super(64 * 1024);
        }

        /** Its bytes without a copy; the SDK may read them more than once (signing, retries). */
        RequestBody body() {
            byte[] bytes = buf;
            int length = count;
            return RequestBody.fromContentProvider(() -> new ByteArrayInputStream(bytes, 0, length), length,
                    "application/octet-stream");
        }
    }
}
