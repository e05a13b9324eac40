package io.autoflow.notification.messaging;

import io.autoflow.events.MalformedEventException;
import io.autoflow.events.NotificationRequested;
import io.autoflow.events.Topics;
import io.autoflow.notification.config.DeliveryConfig;
import io.autoflow.notification.service.DeliveryWorker;
import io.autoflow.notification.store.NotificationStore;
import io.autoflow.service.failure.TransientRetry;
import io.autoflow.service.tracing.JobContext;
import io.autoflow.service.tracing.TraceParents;
import io.smallrye.common.annotation.Blocking;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import org.eclipse.microprofile.reactive.messaging.Incoming;

/**
 * Accepts delivery requests. The request is stored before its offset is committed, so none is lost; a redelivered
 * one finds its row and changes nothing, so none is sent twice. It is attempted at once.
 */
@ApplicationScoped
public class NotificationConsumer {

    private final NotificationStore store;
    private final DeliveryWorker worker;
    private final DeliveryConfig config;
    private final TransientRetry retry;

    public NotificationConsumer(NotificationStore store, DeliveryWorker worker, DeliveryConfig config,
            TransientRetry retry) {
        this.store = store;
        this.worker = worker;
        this.config = config;
        this.retry = retry;
    }

    @Incoming(Topics.NOTIFICATIONS)
    @Blocking
    public void onRequest(NotificationRequested request) throws Exception {
        if (request == null || request.notificationId() == null || request.executionId() == null
                || request.userId() == null || request.channel() == null || request.target() == null) {
            throw new MalformedEventException(Topics.NOTIFICATIONS);
        }
        JobContext.enter(request.executionId(), request.userId(), request.workflowType());
        // Delivery happens later, on a sender thread: the trace is kept with the notification to go on there.
        String traceParent = TraceParents.current();
        if (retry.handleBlocking(Topics.NOTIFICATIONS, "Notification of job " + request.executionId(),
                () -> store.accept(request, traceParent, Instant.now(), config.retryWindow()))) {
            worker.wake();
        }
    }
}
