package io.autoflow.conversation.llm;

import io.autoflow.conversation.parse.OfflineParser;
import io.autoflow.conversation.parse.ParsedMessage;
import io.autoflow.service.metrics.LlmFallbacks;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.temporal.ChronoUnit;
import org.eclipse.microprofile.faulttolerance.CircuitBreaker;
import org.eclipse.microprofile.faulttolerance.Fallback;
import org.eclipse.microprofile.faulttolerance.Timeout;

/**
 * Parses a message with the language model, within a time limit and behind a circuit breaker; a model that fails,
 * is slow, answers something unreadable or is known to be down leaves the message to the offline parser, and the
 * result says which one understood it (and {@code autoflow_llm_fallbacks_total{purpose="routing"}} counts it). Only
 * what {@link RoutedRequests} accepts of the model's answer is used.
 */
@ApplicationScoped
public class RoutedParser {

    private final LlmRouter router;
    private final OfflineParser offline;
    private final LlmFallbacks fallbacks;

    public RoutedParser(LlmRouter router, OfflineParser offline, LlmFallbacks fallbacks) {
        this.router = router;
        this.offline = offline;
        this.fallbacks = fallbacks;
    }

    @Timeout(value = 8, unit = ChronoUnit.SECONDS)
    @CircuitBreaker(requestVolumeThreshold = 4, failureRatio = 0.5, delay = 30, delayUnit = ChronoUnit.SECONDS)
    @Fallback(fallbackMethod = "offline")
    public ParsedMessage parse(String message) {
        return RoutedRequests.accept(router.route(message));
    }

    ParsedMessage offline(String message) {
        fallbacks.fellBack(LlmFallbacks.Purpose.ROUTING, LlmFallbacks.Reason.FAILED);
        return offline.parse(message);
    }
}
