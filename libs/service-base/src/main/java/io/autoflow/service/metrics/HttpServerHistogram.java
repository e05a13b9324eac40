package io.autoflow.service.metrics;

import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.config.MeterFilter;
import io.micrometer.core.instrument.distribution.DistributionStatisticConfig;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;
import java.time.Duration;
import java.util.stream.Stream;

/**
 * Gives Quarkus's {@code http_server_requests_seconds} a few histogram buckets (50 ms to 10 s), so Prometheus can
 * compute the API's p95 across replicas ({@code histogram_quantile}); by default it has only count, sum and max. A
 * few fixed buckets rather than Micrometer's percentile histogram (about 70 per route and status) keep the series few.
 */
@Singleton
public class HttpServerHistogram {

    static final String HTTP_SERVER_REQUESTS = "http.server.requests";
    static final double[] BUCKETS_NANOS = Stream.of(Duration.ofMillis(50), Duration.ofMillis(100),
            Duration.ofMillis(250), Duration.ofMillis(500), Duration.ofSeconds(1), Duration.ofMillis(2500),
            Duration.ofSeconds(5), Duration.ofSeconds(10)).mapToDouble(Duration::toNanos).toArray();

    @Produces
    @Singleton
    MeterFilter httpServerBuckets() {
        return new MeterFilter() {
            @Override
            public DistributionStatisticConfig configure(Meter.Id id, DistributionStatisticConfig config) {
                if (!HTTP_SERVER_REQUESTS.equals(id.getName())) {
                    return config;
                }
                return DistributionStatisticConfig.builder().serviceLevelObjectives(BUCKETS_NANOS).build()
                        .merge(config);
            }
        };
    }
}
