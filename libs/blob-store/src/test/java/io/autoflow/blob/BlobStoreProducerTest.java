package io.autoflow.blob;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.smallrye.config.SmallRyeConfigBuilder;
import java.net.URI;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import org.eclipse.microprofile.config.Config;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** autoflow.blob.store chooses the store, as the services' configuration gives it (empty values are unset). */
class BlobStoreProducerTest {

    private static final String KEYS = "k=" + BlobStoreContract.key(1);

    private final BlobStoreProducer producer = new BlobStoreProducer();

    @TempDir
    Path dir;

    @Test
    void theFilesystemStoreIsTheDefault() throws Exception {
        BlobStore store = producer.blobStore(KEYS, config(Map.of("autoflow.blob.dir", dir.toString())));
        assertThat(store).isInstanceOf(FileSystemBlobStore.class);
        store.put("a/b", BlobStoreContract.stream("x"));
        assertThat(dir.resolve("a/b")).exists();
        producer.close(store);
    }

    @Test
    void s3IsChosenWithItsSettings() throws Exception {
        Map<String, String> values = new HashMap<>(Map.of("autoflow.blob.store", "s3",
                "autoflow.blob.s3.endpoint", "http://minio:9000", "autoflow.blob.s3.region", "eu-west-3",
                "autoflow.blob.s3.bucket", "autoflow-files", "autoflow.blob.s3.path-style", "true",
                "autoflow.blob.s3.access-key-id", "id", "autoflow.blob.s3.secret-access-key", "secret"));
        assertThat(BlobStoreProducer.s3Settings(config(values))).isEqualTo(new S3Settings(
                Optional.of(URI.create("http://minio:9000")), Optional.of("eu-west-3"), "autoflow-files", true,
                Optional.of("id"), Optional.of("secret")));
        BlobStore store = producer.blobStore(KEYS, config(values));
        assertThat(store).isInstanceOf(S3BlobStore.class);
        producer.close(store);
    }

    /** As the services' defaults give them: ${AUTOFLOW_BLOB_S3_...:} left empty. */
    @Test
    void emptyS3SettingsMeanTheSdksDefaults() {
        Map<String, String> values = Map.of("autoflow.blob.store", "s3", "autoflow.blob.s3.bucket", "b",
                "autoflow.blob.s3.endpoint", "", "autoflow.blob.s3.region", "", "autoflow.blob.s3.access-key-id", "",
                "autoflow.blob.s3.secret-access-key", "");
        S3Settings settings = BlobStoreProducer.s3Settings(config(values));
        assertThat(settings).isEqualTo(new S3Settings(Optional.empty(), Optional.empty(), "b", false,
                Optional.empty(), Optional.empty()));
        assertThat(settings.toString()).contains("credentials=default chain");
    }

    @Test
    void aWrongOrIncompleteChoiceIsRefusedAtStart() {
        assertThatThrownBy(() -> producer.blobStore(KEYS, config(Map.of("autoflow.blob.store", "ftp"))))
                .hasMessageContaining("filesystem or s3");
        assertThatThrownBy(() -> producer.blobStore(KEYS, config(Map.of("autoflow.blob.store", "s3"))))
                .hasMessageContaining("autoflow.blob.s3.bucket");
        assertThatThrownBy(() -> producer.blobStore(KEYS, config(Map.of("autoflow.blob.store", "s3",
                "autoflow.blob.s3.bucket", "b", "autoflow.blob.s3.access-key-id", "id"))))
                .hasMessageContaining("secret-access-key");
    }

    @Test
    void theSecretIsNotInTheSettingsText() {
        S3Settings settings = new S3Settings(Optional.empty(), Optional.of("eu-west-3"), "b", false, Optional.of("id"),
                Optional.of("the-secret"));
        assertThat(settings.toString()).doesNotContain("the-secret").contains("credentials=given");
    }

    private static Config config(Map<String, String> values) {
        return new SmallRyeConfigBuilder().withDefaultValues(values).build();
    }
}
