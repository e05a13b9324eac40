package io.autoflow.blob;

import java.net.URI;
import java.time.Duration;
import java.util.Optional;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.auth.credentials.DefaultCredentialsProvider;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.checksums.RequestChecksumCalculation;
import software.amazon.awssdk.core.checksums.ResponseChecksumValidation;
import software.amazon.awssdk.core.retry.RetryMode;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.LegacyMd5Plugin;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.S3ClientBuilder;

/**
 * Where the S3 store keeps blobs ({@code autoflow.blob.s3.*}, see the README of libs/blob-store).
 *
 * @param endpoint the store's URL, for S3-compatible stores (MinIO, Ceph, s3proxy); empty for AWS S3
 * @param region the region; empty for the SDK's default (AWS_REGION, the profile)
 * @param bucket the bucket, which must exist
 * @param pathStyle {@code http://host/bucket/key} rather than {@code http://bucket.host/key} (most S3-compatible
 *        stores)
 * @param accessKeyId with {@code secretAccessKey}, the credentials; both empty for the SDK's default chain
 *        (environment, profile, web identity in Kubernetes, instance role)
 */
public record S3Settings(Optional<URI> endpoint, Optional<String> region, String bucket, boolean pathStyle,
        Optional<String> accessKeyId, Optional<String> secretAccessKey) {

    public S3Settings {
        if (bucket == null || bucket.isBlank()) {
            throw new IllegalArgumentException("No bucket configured for the S3 blob store (autoflow.blob.s3.bucket)");
        }
        if (accessKeyId.isPresent() != secretAccessKey.isPresent()) {
            throw new IllegalArgumentException("Give both autoflow.blob.s3.access-key-id and"
                    + " autoflow.blob.s3.secret-access-key, or neither (the SDK's default credentials)");
        }
    }

    /** A client for these settings; the caller closes it. */
    public S3Client newClient() {
        S3ClientBuilder client = S3Client.builder()
                // The JDK's HttpURLConnection: no Netty or Apache client next to Quarkus' own.
                .httpClientBuilder(UrlConnectionHttpClient.builder().connectionTimeout(Duration.ofSeconds(5))
                        .socketTimeout(Duration.ofSeconds(60)))
                .forcePathStyle(pathStyle)
                .credentialsProvider(credentials())
                // 3 attempts with backoff for 5xx, throttling and connection failures before a call fails.
                .overrideConfiguration(o -> o.retryStrategy(RetryMode.STANDARD))
                // Checksums only where S3 demands them, and as Content-MD5, which S3-compatible stores all accept;
                // our own encryption authenticates every byte anyway.
                .requestChecksumCalculation(RequestChecksumCalculation.WHEN_REQUIRED)
                .responseChecksumValidation(ResponseChecksumValidation.WHEN_REQUIRED)
                .addPlugin(LegacyMd5Plugin.create());
        endpoint.ifPresent(client::endpointOverride);
        region.map(Region::of).ifPresent(client::region);
        return client.build();
    }

    private AwsCredentialsProvider credentials() {
        return accessKeyId.isPresent()
                ? StaticCredentialsProvider.create(AwsBasicCredentials.create(accessKeyId.get(), secretAccessKey.get()))
                : DefaultCredentialsProvider.builder().build();
    }

    @Override
    public String toString() {
        return "S3Settings[endpoint=" + endpoint.map(URI::toString).orElse("AWS") + ", region="
                + region.orElse("default") + ", bucket=" + bucket + ", pathStyle=" + pathStyle + ", credentials="
                + (accessKeyId.isPresent() ? "given" : "default chain") + "]";
    }
}
