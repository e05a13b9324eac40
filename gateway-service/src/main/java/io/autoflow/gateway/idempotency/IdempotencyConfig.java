package io.autoflow.gateway.idempotency;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;

/** How long idempotency keys live ({@code autoflow.idempotency.*}). */
@ConfigMapping(prefix = "autoflow.idempotency")
public interface IdempotencyConfig {

    /**
     * {@code autoflow.idempotency.retention} (24h, Stripe's): how long a key and its answer are kept. A retry within
     * it gets the same answer; past it the key is forgotten and may start new work.
     */
    @WithDefault("24h")
    Duration retention();

    /**
     * {@code autoflow.idempotency.claim-timeout} (5m): the longest a request holds its key before its answer is known.
     * Past it the request is taken for lost and its key is free again. It must outlast the slowest request, or a retry
     * could run beside a slow first one: a URL fetch alone may take 60 s, then the document is scanned and stored.
     */
    @WithDefault("5m")
    Duration claimTimeout();

    /**
     * {@code autoflow.idempotency.claim-lease} (15s): how long a claim lives unless the gateway running its request
     * renews it (every {@code autoflow.idempotency.claim-renewal}, 5s). A gateway that died renews nothing, so a
     * client retrying on another one waits this long, not {@link #claimTimeout()}. At least three renewals long.
     */
    @WithDefault("15s")
    Duration claimLease();

    /**
     * {@code autoflow.idempotency.claim-renewal} (5s, in application.properties, which the renewal's schedule reads
     * too): how often a gateway renews the claims of its requests.
     */
    Duration claimRenewal();
}
