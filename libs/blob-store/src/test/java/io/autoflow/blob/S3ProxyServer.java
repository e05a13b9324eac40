package io.autoflow.blob;

import java.net.URI;
import java.nio.file.Path;
import java.util.Optional;
import java.util.Properties;
import org.gaul.s3proxy.S3Proxy;
import org.jclouds.ContextBuilder;
import org.jclouds.blobstore.BlobStoreContext;

/**
 * A real S3 server for tests: s3proxy in this JVM on a free port, keeping objects in a directory (jclouds'
 * filesystem backend) and checking AWS v2/v4 signatures, so requests are signed for real. The properties are those of
 * s3proxy's own command line ({@code java -jar s3proxy --properties s3proxy.conf}).
 */
final class S3ProxyServer implements AutoCloseable {

    static final String ACCESS_KEY = "autoflow-test";
    static final String SECRET_KEY = "autoflow-test-secret-key";

    private final BlobStoreContext backend;
    private final S3Proxy proxy;

    private S3ProxyServer(BlobStoreContext backend, S3Proxy proxy) {
        this.backend = backend;
        this.proxy = proxy;
    }

    static S3ProxyServer start(Path directory) throws Exception {
        return start(directory, 0);
    }

    /** @param port 0 for any free one; a stopped server's port to start it again where its clients look */
    static S3ProxyServer start(Path directory, int port) throws Exception {
        Properties properties = new Properties();
        properties.setProperty("s3proxy.endpoint", "http://127.0.0.1:" + port);
        properties.setProperty("s3proxy.authorization", "aws-v2-or-v4");
        properties.setProperty("s3proxy.identity", ACCESS_KEY);
        properties.setProperty("s3proxy.credential", SECRET_KEY);
        // It answers 501 to headers it does not know, such as the x-amz-checksum-crc32 that SDK 2.30+ sends with
        // DeleteObjects (next to the Content-MD5 it checks).
        properties.setProperty("s3proxy.ignore-unknown-headers", "true");
        properties.setProperty("jclouds.provider", "filesystem");
        properties.setProperty("jclouds.filesystem.basedir", directory.toString());
        BlobStoreContext backend = ContextBuilder.newBuilder("filesystem").overrides(properties)
                .build(BlobStoreContext.class);
        S3Proxy proxy = S3Proxy.Builder.fromProperties(properties).blobStore(backend.getBlobStore()).build();
        proxy.start();
        while (!"STARTED".equals(proxy.getState())) {
            Thread.sleep(10);
        }
        return new S3ProxyServer(backend, proxy);
    }

    URI endpoint() {
        return URI.create("http://127.0.0.1:" + port());
    }

    int port() {
        return proxy.getPort();
    }

    /** How a service would be configured for this server. */
    S3Settings settings(String bucket) {
        return new S3Settings(Optional.of(endpoint()), Optional.of("us-east-1"), bucket, true, Optional.of(ACCESS_KEY),
                Optional.of(SECRET_KEY));
    }

    @Override
    public void close() throws Exception {
        proxy.stop();
        backend.close();
    }
}
