package io.autoflow.service.metrics;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.Locale;

/**
 * {@code autoflow_llm_fallbacks_total{purpose,reason}}: answers a language model was asked for but our own engine gave
 * (the offline parser, the engine's narrative). The model's calls themselves (their time, tokens and errors) are
 * quarkus-langchain4j's {@code gen_ai_client_operation_duration_seconds} and {@code gen_ai_client_token_usage}.
 */
@ApplicationScoped
public class LlmFallbacks {

    /** What the model was asked to do. */
    public enum Purpose {
        ROUTING, NARRATIVE
    }

    /** Why its answer was not used. */
    public enum Reason {
        /** An error, a time-out, an answer that could not be read, or the circuit open after repeated failures. */
        FAILED,
        /** An answer with numbers the analysis did not compute. */
        UNGROUNDED
    }

    private final MeterRegistry registry;

    public LlmFallbacks(MeterRegistry registry) {
        this.registry = registry;
    }

    public void fellBack(Purpose purpose, Reason reason) {
        Counter.builder("autoflow.llm.fallbacks").description("Language model answers our own engine gave instead")
                .tag("purpose", purpose.name().toLowerCase(Locale.ROOT))
                .tag("reason", reason.name().toLowerCase(Locale.ROOT)).register(registry).increment();
    }
}
