package io.autoflow.gateway.messaging;

import io.autoflow.events.EventJson;
import io.autoflow.events.IntentParsed;
import io.autoflow.events.MalformedEventException;
import io.autoflow.events.Topics;
import io.autoflow.service.failure.TransientRetry;
import io.autoflow.service.tracing.JobContext;
import io.smallrye.mutiny.Uni;
import io.smallrye.reactive.messaging.kafka.api.IncomingKafkaRecordMetadata;
import io.vertx.core.json.JsonObject;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.nio.charset.StandardCharsets;
import java.time.ZoneOffset;
import java.util.UUID;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.eclipse.microprofile.reactive.messaging.Incoming;

/**
 * Records the jobs the platform starts on its own, the runs of schedules, as jobs of their users here, so that the
 * jobs list, the job's page and its email link know them as they know jobs submitted through the API. An intent a
 * gateway published itself (its CloudEvents source is this service's own) was recorded before it was sent, so it is
 * passed over without a write; one of a user who is gone is dropped.
 */
@ApplicationScoped
public class ScheduledJobs {

    private final Pool db;
    private final TransientRetry retry;
    /** What every gateway's records say as their CloudEvents source (libs/service-base). */
    private final String gatewaySource;

    public ScheduledJobs(Pool db, TransientRetry retry,
            @ConfigProperty(name = "mp.messaging.connector.smallrye-kafka.cloud-events-source") String gatewaySource) {
        this.db = db;
        this.retry = retry;
        this.gatewaySource = gatewaySource;
    }

    @Incoming("recorded-intents")
    public Uni<Void> onIntent(IntentParsed intent, IncomingKafkaRecordMetadata<String, IntentParsed> record) {
        if (publishedByAGateway(record)) {
            return Uni.createFrom().voidItem();
        }
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

    private boolean publishedByAGateway(IncomingKafkaRecordMetadata<String, IntentParsed> record) {
        var source = record == null ? null : record.getHeaders().lastHeader("ce_source");
        return source != null && gatewaySource.equals(new String(source.value(), StandardCharsets.UTF_8));
    }
}
