package io.autoflow.blob;

import jakarta.enterprise.context.ApplicationScoped;
import java.io.IOException;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Readiness;

/**
 * A service whose files cannot be read or written is not ready ({@code /q/health/ready}), and ready again once they
 * can: the bucket answers a HeadBucket, or the directory takes a small file ({@link BlobStore#probe}). The answer is
 * kept a few seconds, so probes from Kubernetes, the supervisor and a load balancer cost the store one request per
 * period between them. Readiness only: a store that is away is no reason to restart the service.
 */
@Readiness
@ApplicationScoped
public class BlobStoreReadiness implements HealthCheck {

    static final String NAME = "blob store";

    private final BlobStore store;
    private final long keepNanos;
    private Answer last;

    /** @param keep {@code autoflow.blob.readiness-cache}: how long one probe's answer stands, 5 s by default */
    public BlobStoreReadiness(BlobStore store,
            @ConfigProperty(name = "autoflow.blob.readiness-cache", defaultValue = "5s") Duration keep) {
        this.store = store;
        this.keepNanos = keep.toNanos();
    }

    @Override
    public synchronized HealthCheckResponse call() {
        long now = System.nanoTime();
        if (last == null || now - last.at >= keepNanos) {
            last = new Answer(now, failureOfProbe());
        }
        return last.failure == null ? new HealthCheckResponse(NAME, HealthCheckResponse.Status.UP, Optional.empty())
                : new HealthCheckResponse(NAME, HealthCheckResponse.Status.DOWN,
                        Optional.of(Map.of("error", last.failure)));
    }

    /** Null when the store answered; otherwise why not, e.g. "S3 could not reach the bucket b: 403 AccessDenied …". */
    private String failureOfProbe() {
        try {
            store.probe();
            return null;
        } catch (IOException | RuntimeException e) {
            return e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
        }
    }

    private record Answer(long at, String failure) {
    }
}
