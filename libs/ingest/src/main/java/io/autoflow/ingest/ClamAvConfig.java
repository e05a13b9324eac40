package io.autoflow.ingest;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** Where clamd listens and what to do when it cannot scan. */
@ConfigMapping(prefix = "autoflow.clamav")
public interface ClamAvConfig {

    /** {@code autoflow.clamav.host} ({@code AUTOFLOW_CLAMAV_HOST}). */
    @WithDefault("localhost")
    String host();

    /** {@code autoflow.clamav.port} ({@code AUTOFLOW_CLAMAV_PORT}). */
    @WithDefault("3310")
    int port();

    @WithDefault("2000")
    int connectTimeoutMillis();

    @WithDefault("60000")
    int readTimeoutMillis();

    /**
     * {@code autoflow.clamav.fail-open}: accept uploads unscanned when clamd is unreachable. Off by default: an upload
     * that cannot be scanned is refused.
     */
    @WithDefault("false")
    boolean failOpen();
}
