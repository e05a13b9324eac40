package io.autoflow.gateway.messaging;

import io.autoflow.events.EventJson;
import io.autoflow.events.IntentParsed;
import io.autoflow.events.MalformedEventException;
import io.autoflow.events.Topics;
import io.autoflow.service.failure.TransientRetry;
import io.autoflow.service.tracing.JobContext;
import io.smallrye.mutiny.Uni;
import io.vertx.core.json.JsonObject;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.UUID;
import org.eclipse.microprofile.reactive.messaging.Incoming;

/**
 * Records the jobs the platform starts on its own, the runs of schedules, as jobs of their users here, so that the
 * jobs list, the job's page and its email link know them as they know jobs submitted through the API. An intent
 * this gateway published itself is already recorded and changes nothing; one of a user who is gone is dropped.
 */
@ApplicationScoped
public class ScheduledJobs {

    private final Pool db;
    private final TransientRetry retry;

    public ScheduledJobs(Pool db, TransientRetry retry) {
        this.db = db;
        this.retry = retry;
    }

    @Incoming("recorded-intents")
    public Uni<Void> onIntent(IntentParsed intent) {
        if (intent == null || intent.executionId() == null || intent.userId() == null) {
            throw new MalformedEventException(Topics.INTENTS);
        }
        JobContext.enter(intent.executionId(), intent.userId(), intent.intent());
        Instant now = Instant.now();
        Instant created = intent.occurredAt() != null ? intent.occurredAt() : now;
        String what = "Record of scheduled job " + intent.executionId();
        return retry.handle(Topics.INTENTS, what, () -> db.preparedQuery("""
                INSERT INTO gateway.jobs (id, user_id, workflow_type, file_name, intent, created_at, published_at)
                SELECT $1, $2, $3, $4, $5, $6, $7 WHERE EXISTS (SELECT 1 FROM gateway.users WHERE id = $2)
                ON CONFLICT (id) DO NOTHING""")
                .execute(Tuple.tuple()
                        .addUUID(UUID.fromString(intent.executionId()))
                        .addUUID(UUID.fromString(intent.userId()))
                        .addString(intent.intent())
                        .addString(IntentParsed.jobName(intent.parameters()))
                        .addJsonObject(new JsonObject(EventJson.write(intent)))
                        .addOffsetDateTime(created.atOffset(ZoneOffset.UTC))
                        .addOffsetDateTime(now.atOffset(ZoneOffset.UTC)))
                .replaceWithVoid());
    }
}
