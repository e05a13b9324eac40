package io.autoflow.notification.service;

import io.autoflow.events.DeliveryEvent;
import io.autoflow.events.ErrorInfo;
import io.autoflow.events.Topics;
import io.autoflow.notification.channel.Channel;
import io.autoflow.notification.channel.Outcome;
import io.autoflow.notification.config.DeliveryConfig;
import io.autoflow.notification.messaging.DeliveryEvents;
import io.autoflow.notification.metrics.DeliveryMetrics;
import io.autoflow.notification.store.Attempt;
import io.autoflow.notification.store.Notification;
import io.autoflow.notification.store.NotificationStore;
import io.autoflow.service.failure.TransientRetry;
import io.autoflow.service.tracing.ResumedTrace;
import io.quarkus.scheduler.Scheduled;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Instance;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.jboss.logging.Logger;

/**
 * Attempts due notifications: a new one at once, a failed one again when {@link RetryRules} says, until it is
 * delivered, fails permanently, or is given up. Every attempt is recorded and reported; the state lives in the database,
 * so a restart resumes where it stopped.
 */
@ApplicationScoped
public class DeliveryWorker {

    private static final Logger LOG = Logger.getLogger(DeliveryWorker.class);
    /** Longer than any attempt can take (SMTP timeout 30 s); a crashed sender's claim lapses after it. */
    private static final Duration LEASE = Duration.ofMinutes(2);
    private static final int BATCH = 10;

    private final NotificationStore store;
    /**
     * Our own threads, outside Vert.x: the blocking mailer waits for Vert.x work that it may queue behind the very
     * Vert.x worker it is called from, which deadlocked the first email until its timeout.
     */
    private final ExecutorService senders;
    private final AtomicInteger queued = new AtomicInteger();
    private final int parallelism;
    private final Map<String, Channel> channels;
    private final DeliveryEvents events;
    private final RetryRules retries;
    private final TransientRetry transientRetry;
    private final DeliveryMetrics metrics;
    private final ResumedTrace traces;

    public DeliveryWorker(NotificationStore store, Instance<Channel> channels, DeliveryEvents events,
            RetryRules retries, TransientRetry transientRetry, DeliveryConfig config, DeliveryMetrics metrics,
            ResumedTrace traces) {
        this.store = store;
        this.traces = traces;
        this.metrics = metrics;
        this.transientRetry = transientRetry;
        this.channels = channels.stream().collect(Collectors.toMap(Channel::name, Function.identity()));
        this.events = events;
        this.retries = retries;
        this.parallelism = config.senders();
        this.senders = Executors.newFixedThreadPool(parallelism, r -> {
            Thread thread = new Thread(r, "delivery-sender");
            thread.setDaemon(true);
            return thread;
        });
    }

    @PreDestroy
    void stop() {
        senders.shutdownNow();
    }

    /** Has due notifications attempted soon, on the sender threads; at most one queued run per sender. */
    public void wake() {
        if (queued.incrementAndGet() > parallelism) {
            queued.decrementAndGet();
            return;
        }
        senders.execute(() -> {
            queued.decrementAndGet();
            try {
                attemptDue();
            } catch (RuntimeException e) {
                LOG.error("Delivery run failed; due notifications are tried again on the next tick", e);
            }
        });
    }

    @Scheduled(every = "${autoflow.delivery.poll-every:1s}", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void sendDue() {
        wake();
    }

    /** Attempts everything due now, a batch at a time. */
    void attemptDue() {
        for (List<Notification> due = store.claimDue(Instant.now(), LEASE, BATCH); !due.isEmpty();
                due = store.claimDue(Instant.now(), LEASE, BATCH)) {
            due.forEach(this::attemptAlone);
        }
    }

    /**
     * One notification's unforeseen failure never stops the others': its claim lapses and it is tried again. Each
     * attempt continues the job's trace (kept with the notification): the webhook call and the delivery report too.
     */
    private void attemptAlone(Notification notification) {
        var request = notification.request();
        try {
            traces.run("DeliveryWorker.attempt", notification.traceParent(), request.executionId(), request.userId(),
                    request.workflowType(), () -> {
                        attempt(notification);
                        return null;
                    });
        } catch (Exception e) {
            LOG.errorf(e, "Notification %s could not be attempted; it is tried again once its claim lapses",
                    notification.request().notificationId());
        }
    }

    private void attempt(Notification notification) {
        Instant started = Instant.now();
        Channel channel = channels.get(notification.request().channel());
        Outcome outcome = channel == null
                ? Outcome.fail(null, "unknown_channel", "No channel '" + notification.request().channel() + "'")
                : channel.send(notification);
        Instant finished = Instant.now();
        int number = notification.attempts() + 1;
        Instant next = null;
        DeliveryEvent.Status status;
        String error = outcome.error();
        switch (outcome.kind()) {
            case DELIVERED -> status = DeliveryEvent.Status.DELIVERED;
            case PERMANENT -> status = DeliveryEvent.Status.FAILED;
            default -> {
                next = retries.nextAttempt(notification, outcome, finished).orElse(null);
                if (next == null) {
                    status = DeliveryEvent.Status.FAILED;
                    error = error + "; gave up after " + number + " attempts over "
                            + Duration.between(notification.createdAt(), finished).toSeconds() + " s";
                } else {
                    status = DeliveryEvent.Status.RETRYING;
                }
            }
        }
        String recorded = status.name().toLowerCase(java.util.Locale.ROOT);
        Attempt attempt = new Attempt(number, recorded, outcome.responseCode(), outcome.errorCode(), error, started,
                finished);
        // What was sent must be recorded, through a database restart: unrecorded, its claim would lapse and the
        // email or webhook would go out a second time.
        recordThroughFaults(notification, attempt, next);
        metrics.attempted(notification.request().channel(), status);
        var request = notification.request();
        LOG.infof("Notification %s attempt %d by %s: %s in %d ms", request.notificationId(), number,
                request.channel(), recorded, Duration.between(started, finished).toMillis());
        events.publish(new DeliveryEvent(request.notificationId(), request.executionId(), request.channel(),
                request.target(), status, number, outcome.responseCode(),
                outcome.errorCode() == null ? null : ErrorInfo.of(outcome.errorCode(), error), next, finished));
        if (status == DeliveryEvent.Status.FAILED) {
            LOG.warnf("Notification %s failed for good after %d attempts: %s", request.notificationId(), number,
                    error);
            events.deadLetter(request);
        }
    }

    private void recordThroughFaults(Notification notification, Attempt attempt, Instant next) {
        try {
            transientRetry.handleBlocking(Topics.NOTIFICATIONS, "Recording attempt " + attempt.number() + " of "
                    + notification.request().notificationId(), () -> {
                        store.record(notification, attempt, next);
                        return null;
                    });
        } catch (RuntimeException e) {
            throw e;
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
