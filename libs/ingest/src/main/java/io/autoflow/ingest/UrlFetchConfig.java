package io.autoflow.ingest;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;

/** How documents given by URL are downloaded ({@code autoflow.url-fetch.*}). */
@ConfigMapping(prefix = "autoflow.url-fetch")
public interface UrlFetchConfig {

    /** The whole download, redirects included, must finish within this time. */
    @WithDefault("60s")
    Duration timeout();

    @WithDefault("10s")
    Duration connectTimeout();

    @WithDefault("5")
    int maxRedirects();

    /**
     * Lets URLs reach this machine's loopback addresses. For tests only, which serve documents from a local HTTP
     * server; private, link-local and metadata addresses stay refused whatever this says.
     */
    @WithDefault("false")
    boolean allowLoopback();
}
