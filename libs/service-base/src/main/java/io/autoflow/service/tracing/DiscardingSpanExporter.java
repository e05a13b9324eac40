package io.autoflow.service.tracing;

import io.opentelemetry.sdk.common.CompletableResultCode;
import io.opentelemetry.sdk.trace.data.SpanData;
import io.opentelemetry.sdk.trace.export.SpanExporter;
import io.quarkus.arc.lookup.LookupIfProperty;
import jakarta.inject.Singleton;
import java.util.Collection;

/**
 * Where no OTLP endpoint is configured (the local stack runs no collector, nor do the tests), spans are still made, so
 * trace ids are in every log line and every Kafka and HTTP header, but they go nowhere: without this, Quarkus's OTLP
 * exporter would send them to {@code localhost:4317} and log a failure every few seconds. Quarkus uses its own OTLP
 * exporter only while no other exporter bean can be looked up, so setting {@code OTEL_EXPORTER_OTLP_ENDPOINT} (or
 * {@code quarkus.otel.exporter.otlp.endpoint}) puts this one aside, at run time.
 */
@Singleton
@LookupIfProperty(name = "quarkus.otel.exporter.otlp.endpoint", stringValue = "none", lookupIfMissing = true)
public class DiscardingSpanExporter implements SpanExporter {

    @Override
    public CompletableResultCode export(Collection<SpanData> spans) {
        return CompletableResultCode.ofSuccess();
    }

    @Override
    public CompletableResultCode flush() {
        return CompletableResultCode.ofSuccess();
    }

    @Override
    public CompletableResultCode shutdown() {
        return CompletableResultCode.ofSuccess();
    }
}
