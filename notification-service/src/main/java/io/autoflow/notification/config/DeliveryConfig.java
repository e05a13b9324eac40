package io.autoflow.notification.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;

/** How jobs are handed to their users ({@code autoflow.delivery.*}). */
@ConfigMapping(prefix = "autoflow.delivery")
public interface DeliveryConfig {

    /** The wait before the second attempt; each later wait doubles, with jitter. */
    @WithDefault("5s")
    Duration firstRetry();

    @WithDefault("10m")
    Duration maxBackoff();

    /** After this long since the request, a delivery that still fails transiently is failed for good. */
    @WithDefault("2h")
    Duration retryWindow();

    /**
     * A webhook whose host does not resolve is attempted this many times in a row (DNS can flap), then the delivery
     * fails with {@code url_unreachable}: a name that is gone is not looked up for the whole retry window.
     */
    @WithDefault("3")
    int unresolvedHostAttempts();

    /**
     * The wait between attempts to a host that does not resolve: 3 attempts 30 s apart span about a minute. Longer
     * than the JVM's cache of failed look-ups (10 s), so each attempt asks DNS again.
     */
    @WithDefault("30s")
    Duration unresolvedHostRetry();

    /** How often due retries are looked for. */
    @WithDefault("1s")
    Duration pollEvery();

    /** A report up to this size is attached to the email; a larger one is linked. */
    @WithDefault("10485760")
    long attachMaxBytes();

    /** How long the download links in emails and webhooks work. */
    @WithDefault("168h")
    Duration linkValidity();

    /** How many deliveries run at once (each waits on a mail server or a webhook receiver). */
    @WithDefault("4")
    int senders();

    /** A webhook receiver must answer within this time. */
    @WithDefault("10s")
    Duration webhookTimeout();

    /** After a webhook secret is replaced, the old one keeps signing next to the new one for this long. */
    @WithDefault("24h")
    Duration secretRotationOverlap();
}
