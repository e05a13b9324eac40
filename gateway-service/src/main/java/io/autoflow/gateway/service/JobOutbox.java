package io.autoflow.gateway.service;

import io.autoflow.events.EventJson;
import io.autoflow.events.IntentParsed;
import io.autoflow.gateway.domain.Job;
import io.autoflow.gateway.messaging.IntentPublisher;
import io.autoflow.service.VertxContexts;
import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.quarkus.scheduler.Scheduled;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.UUID;
import org.jboss.logging.Logger;

/**
 * Transactional outbox for job intents. A job row is committed with its intent before anything is published; the
 * intent is then published and the row marked. If publishing fails or the process dies in between, the sweeper
 * publishes it later. A job is therefore never accepted without its intent eventually reaching Kafka, and a rare
 * double publication is absorbed by the orchestrator's idempotent handling. The intent carries the trace of the request
 * that made the job, kept with it, even when the sweeper publishes it. The two writes of every submission are one
 * statement each (issue 19: the entity's find-then-persist and update took three round trips and a transaction each).
 */
@ApplicationScoped
public class JobOutbox {

    private static final Logger LOG = Logger.getLogger(JobOutbox.class);
    private static final Duration SWEEP_AGE = Duration.ofSeconds(5);
    private static final int SWEEP_BATCH = 100;

    private static final String INSERT = "INSERT INTO gateway.jobs (id, user_id, workflow_type, file_name,"
            + " size_bytes, intent, created_at, trace_parent) VALUES ($1, $2, $3, $4, $5, $6::text::jsonb, $7, $8)"
            + " ON CONFLICT (id) DO NOTHING";

    private final IntentPublisher publisher;
    private final Pool db;

    public JobOutbox(IntentPublisher publisher, Pool db) {
        this.publisher = publisher;
        this.db = db;
    }

    /**
     * Records the job with its intent; true when it is new. A job of that id recorded already is left as it is: a
     * retried request runs as the job id its first try recorded (see {@code JobIds}), and that job stands.
     */
    public Uni<Boolean> record(Job job) {
        Tuple values = Tuple.tuple().addUUID(job.id).addUUID(job.userId).addString(job.workflowType)
                .addString(job.fileName).addLong(job.sizeBytes).addString(job.intent)
                .addOffsetDateTime(job.createdAt.atOffset(ZoneOffset.UTC)).addString(job.traceParent);
        return db.preparedQuery(INSERT).execute(values).chain(inserted -> inserted.rowCount() == 1
                ? Uni.createFrom().item(true)
                : db.preparedQuery("SELECT user_id FROM gateway.jobs WHERE id = $1").execute(Tuple.of(job.id))
                        .map(found -> {
                            UUID owner = found.size() == 0 ? null : found.iterator().next().getUUID("user_id");
                            if (!job.userId.equals(owner)) {
                                throw new IllegalStateException("Job " + job.id + " is another user's");
                            }
                            return false;
                        }));
    }

    /** Publishes the job's intent and marks it published; a failure is logged and left to the sweeper. */
    public Uni<Void> publish(Job job) {
        return publish(job, EventJson.read(job.intent, IntentParsed.class));
    }

    /** The same, with the intent at hand (not read back from the job's JSON). */
    public Uni<Void> publish(Job job, IntentParsed intent) {
        var back = VertxContexts.current();
        return publisher.publish(intent, job.traceParent)
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

    Uni<Void> markPublished(UUID id) {
        return db.preparedQuery("UPDATE gateway.jobs SET published_at = $1 WHERE id = $2 AND published_at IS NULL")
                .execute(Tuple.of(Instant.now().atOffset(ZoneOffset.UTC), id)).replaceWithVoid();
    }
}
