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
 * the intent of a new job ({@code intents}). Blocking: both return once Kafka has the record.
 */
@ApplicationScoped
public class SchedulerEvents {

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

    public void publish(IntentParsed intent) {
        intents.sendMessageAndAwait(EventMessages.forExecution(intent.executionId(), IntentParsed.TYPE, intent));
    }
}
