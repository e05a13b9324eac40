package io.autoflow.gateway.service;

import io.autoflow.events.EventJson;
import io.autoflow.events.IntentParsed;
import io.autoflow.gateway.domain.Job;
import io.autoflow.gateway.messaging.IntentPublisher;
import io.autoflow.service.VertxContexts;
import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.quarkus.hibernate.reactive.panache.common.WithTransaction;
import io.quarkus.scheduler.Scheduled;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.jboss.logging.Logger;

/**
 * Transactional outbox for job intents. A job row is committed with its intent before anything is published; the
 * intent is then published and the row marked. If publishing fails or the process dies in between, the sweeper
 * publishes it later. A job is therefore never accepted without its intent eventually reaching Kafka, and a rare
 * double publication is absorbed by the orchestrator's idempotent handling. The intent carries the trace of the request
 * that made the job, kept with it, even when the sweeper publishes it.
 */
@ApplicationScoped
public class JobOutbox {

    private static final Logger LOG = Logger.getLogger(JobOutbox.class);
    private static final Duration SWEEP_AGE = Duration.ofSeconds(5);
    private static final int SWEEP_BATCH = 100;

    private final IntentPublisher publisher;

    public JobOutbox(IntentPublisher publisher) {
        this.publisher = publisher;
    }

    /**
     * Records the job with its intent; true when it is new. A job of that id recorded already is left as it is: a
     * retried request runs as the job id its first try recorded (see {@code JobIds}), and that job stands.
     */
    @WithTransaction
    public Uni<Boolean> record(Job job) {
        return Job.<Job>findById(job.id).chain(recorded -> {
            if (recorded == null) {
                return job.persist().replaceWith(true);
            }
            if (!recorded.userId.equals(job.userId)) {
                return Uni.createFrom().failure(new IllegalStateException("Job " + job.id + " is another user's"));
            }
            return Uni.createFrom().item(false);
        });
    }

    /** Publishes the job's intent and marks it published; a failure is logged and left to the sweeper. */
    public Uni<Void> publish(Job job) {
        var back = VertxContexts.current();
        return publisher.publish(EventJson.read(job.intent, IntentParsed.class), job.traceParent)
                .emitOn(back)
                .chain(() -> markPublished(job.id))
                .onFailure().recoverWithItem(e -> {
                    LOG.warnf(e, "Intent of job %s not published yet; the outbox sweeper will retry", job.id);
                    return null;
                });
    }

    @Scheduled(every = "5s", delayed = "5s", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    Uni<Void> sweep() {
        return unpublished().chain(jobs -> Multi.createFrom().iterable(jobs)
                .onItem().transformToUniAndConcatenate(this::publish)
                .collect().last()).replaceWithVoid();
    }

    @WithSession
    Uni<List<Job>> unpublished() {
        return Job.<Job>find("publishedAt is null and createdAt < ?1 order by createdAt", Instant.now().minus(SWEEP_AGE))
                .page(0, SWEEP_BATCH).list();
    }

    @WithTransaction
    Uni<Void> markPublished(UUID id) {
        return Job.update("publishedAt = ?1 where id = ?2 and publishedAt is null", Instant.now(), id).replaceWithVoid();
    }
}
