package io.autoflow.notification.metrics;

import io.autoflow.events.DeliveryEvent;
import io.autoflow.notification.channel.Channel;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Instance;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * {@code autoflow_deliveries_total{channel,outcome}}: delivery attempts by how they ended, {@code delivered},
 * {@code retrying} (to be tried again later) or {@code failed} (for good). Counted once the attempt is recorded. The
 * channel is one this service has ({@code email}, {@code webhook}) or {@code unknown}, whatever a request names, so
 * the series stay few.
 */
@ApplicationScoped
public class DeliveryMetrics {

    private static final String UNKNOWN = "unknown";

    private final MeterRegistry registry;
    private final Set<String> channels;

    public DeliveryMetrics(MeterRegistry registry, Instance<Channel> channels) {
        this.registry = registry;
        this.channels = channels.stream().map(Channel::name).collect(Collectors.toUnmodifiableSet());
    }

    public void attempted(String channel, DeliveryEvent.Status outcome) {
        Counter.builder("autoflow.deliveries").description("Delivery attempts, by channel and how they ended")
                .tag("channel", channels.contains(channel) ? channel : UNKNOWN)
                .tag("outcome", outcome.name().toLowerCase(Locale.ROOT)).register(registry).increment();
    }
}
