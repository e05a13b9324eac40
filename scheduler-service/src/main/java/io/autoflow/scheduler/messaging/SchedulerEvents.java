package io.autoflow.scheduler.messaging;

import io.autoflow.events.EventMessages;
import io.autoflow.events.ExecutionEvent;
import io.autoflow.events.IntentParsed;
import io.autoflow.service.messaging.ExecutionEvents;
import io.smallrye.reactive.messaging.MutinyEmitter;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.reactive.messaging.Channel;

/**
 * What the scheduler tells the platform: how a schedule request went ({@code execution-events}) and each run, as
 * the intent of a new job ({@code intents}). Blocking: both return once Kafka has the record (a run's within a bound).
 */
@ApplicationScoped
public class SchedulerEvents {

    static final java.time.Duration RUN_PUBLISH_WAIT = java.time.Duration.ofSeconds(10);

    private final ExecutionEvents executionEvents;
    private final MutinyEmitter<IntentParsed> intents;

    public SchedulerEvents(ExecutionEvents executionEvents,
            @Channel("scheduled-intents") MutinyEmitter<IntentParsed> intents) {
        this.executionEvents = executionEvents;
        this.intents = intents;
    }

    public void publish(ExecutionEvent event) {
        executionEvents.publishAndAwait(event);
    }

    /**
     * A run's intent, waited for at most {@link #RUN_PUBLISH_WAIT}: a send Kafka has not taken by then fails here, and
     * the sweep publishes the run again (the same job id, recorded once), so one stuck send never holds up every
     * schedule's firing (seen: a send that took 120 s, the producer's delivery timeout, while nothing else fired).
     */
    public void publish(IntentParsed intent) {
        intents.sendMessage(EventMessages.forExecution(intent.executionId(), IntentParsed.TYPE, intent))
                .await().atMost(RUN_PUBLISH_WAIT);
    }
}
