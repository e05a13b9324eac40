package io.autoflow.gateway.rest;

import static org.assertj.core.api.Assertions.assertThat;

import io.autoflow.blob.BlobStoreUnavailableException;
import java.io.UncheckedIOException;
import org.junit.jupiter.api.Test;

class ErrorMappersTest {

    @Test
    void anObjectStoreOutOfReachIsA503ToRetryNotOurFailure() {
        var unavailable = new BlobStoreUnavailableException("503 SlowDown", null);
        for (var response : new jakarta.ws.rs.core.Response[] {new ErrorMappers().io(unavailable),
                new ErrorMappers().unexpected(new UncheckedIOException(unavailable))}) {
            assertThat(response.getStatus()).isEqualTo(503);
            assertThat(((ApiError) response.getEntity()).code()).isEqualTo("storage_unavailable");
            assertThat(response.getHeaderString("Retry-After")).isEqualTo("5");
        }
        assertThat(new ErrorMappers().unexpected(new IllegalStateException("bug")).getStatus()).isEqualTo(500);
    }
}
