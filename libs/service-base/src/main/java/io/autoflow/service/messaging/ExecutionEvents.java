package io.autoflow.service.messaging;

import io.autoflow.events.EventMessages;
import io.autoflow.events.ExecutionEvent;
import io.autoflow.events.Topics;
import io.quarkus.arc.properties.IfBuildProperty;
import io.smallrye.mutiny.Uni;
import io.smallrye.reactive.messaging.MutinyEmitter;
import io.vertx.core.Vertx;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.eclipse.microprofile.reactive.messaging.Channel;

/**
 * The one publisher of job events on {@code execution-events} (key = the job's id, CloudEvents type from the event),
 * for the services that run jobs. Only those have it ({@code autoflow.messaging.execution-events=true} at build time),
 * so no other service opens a producer for the channel.
 */
@ApplicationScoped
@IfBuildProperty(name = "autoflow.messaging.execution-events", stringValue = "true")
public class ExecutionEvents {

    private final MutinyEmitter<ExecutionEvent> emitter;
    private final Vertx vertx;
    private final Duration announceStartAfter;

    public ExecutionEvents(@Channel(Topics.EXECUTION_EVENTS) MutinyEmitter<ExecutionEvent> emitter, Vertx vertx,
            @ConfigProperty(name = "autoflow.jobs.announce-start-after") Duration announceStartAfter) {
        this.emitter = emitter;
        this.vertx = vertx;
        this.announceStartAfter = announceStartAfter;
    }

    /** The job begins now; its start is announced only if it is still at work after a while ({@link DeferredStart}). */
    public DeferredStart starting(String executionId) {
        return new DeferredStart(this, vertx, executionId, announceStartAfter);
    }

    /** The Uni completes once Kafka has the record. */
    public Uni<Void> publish(ExecutionEvent event) {
        return emitter.sendMessage(EventMessages.forExecution(event.executionId(), event.type(), event));
    }

    /** For blocking code: returns once Kafka has the record. */
    public void publishAndAwait(ExecutionEvent event) {
        publish(event).await().indefinitely();
    }
}
