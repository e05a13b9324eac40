package io.autoflow.service.failure;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.autoflow.events.MalformedEventException;
import io.autoflow.events.Topics;
import io.vertx.core.Vertx;
import io.vertx.pgclient.PgConnectOptions;
import io.vertx.pgclient.PgPool;
import io.vertx.sqlclient.PoolOptions;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;
import org.hibernate.HibernateException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The transient/poison rule on failures as our infrastructure really raises them: a real PostgreSQL (the local
 * stack's), a real closed pool, a refused connection, a Kafka producer with no broker.
 */
class TransientFailuresTest {

    private final Vertx vertx = Vertx.vertx();

    @AfterEach
    void close() {
        vertx.close();
    }

    @Test
    void aJdbcConnectionThatARestartClosedIsTransientAndABadStatementIsNot() throws Exception {
        try (java.sql.Connection connection = java.sql.DriverManager.getConnection(
                "jdbc:postgresql://localhost:5432/autoflow_test", "autoflow", "autoflow")) {
            assertThat(TransientFailures.isTransient(jdbcFailureOf(connection, "SELECT 1/0"))).isFalse();
            jdbcFailureOf(connection, "SELECT pg_terminate_backend(pg_backend_pid())");
            // As the notification service's store meets it: wrapped, after its rollback failed too.
            assertThat(TransientFailures.isTransient(new IllegalStateException("Could not record attempt 1",
                    jdbcFailureOf(connection, "SELECT 1")))).isTrue();
        }
    }

    private static java.sql.SQLException jdbcFailureOf(java.sql.Connection connection, String sql) {
        try (var statement = connection.createStatement()) {
            statement.execute(sql);
        } catch (java.sql.SQLException e) {
            return e;
        }
        throw new AssertionError(sql + " did not fail");
    }

    @Test
    void postgresqlGoingAwayIsTransientAndABadStatementIsNot() {
        @SuppressWarnings("deprecation")
        PgPool pool = PgPool.pool(vertx, new PgConnectOptions().setHost("localhost").setPort(5432)
                .setDatabase("autoflow_test").setUser("autoflow").setPassword("autoflow"), new PoolOptions());
        // What a restart does to a session: the server ends it (57P01) and the connection closes.
        assertThat(TransientFailures.isTransient(failureOf(pool, "SELECT pg_terminate_backend(pg_backend_pid())")))
                .isTrue();
        assertThat(TransientFailures.isTransient(failureOf(pool, "SELECT 1/0"))).isFalse();
        assertThat(TransientFailures.isTransient(failureOf(pool, "SELEC 1"))).isFalse();
        pool.close().toCompletionStage().toCompletableFuture().join();
        // What a shutdown does to work still queued for its pool.
        assertThat(TransientFailures.isTransient(failureOf(pool, "SELECT 1"))).isTrue();
    }

    @Test
    void aRefusedConnectionIsTransient() {
        @SuppressWarnings("deprecation")
        PgPool nowhere = PgPool.pool(vertx, new PgConnectOptions().setHost("localhost").setPort(1)
                .setDatabase("x").setUser("x").setPassword("x"), new PoolOptions());
        Throwable refused = failureOf(nowhere, "SELECT 1");
        assertThat(TransientFailures.isTransient(new HibernateException("wrapped", refused))).isTrue();
    }

    @Test
    void aBrokerOutOfReachIsTransientAndARecordTooLargeIsNot() throws Exception {
        try (var producer = new KafkaProducer<>(Map.<String, Object>of("bootstrap.servers", "localhost:1",
                "max.block.ms", 300), new StringSerializer(), new StringSerializer())) {
            ExecutionException away = org.junit.jupiter.api.Assertions.assertThrows(ExecutionException.class,
                    () -> producer.send(new ProducerRecord<>("t", "k", "v")).get(5, TimeUnit.SECONDS));
            assertThat(TransientFailures.isTransient(away)).isTrue();
        }
        assertThat(TransientFailures.isTransient(new org.apache.kafka.common.errors.RecordTooLargeException("big")))
                .isFalse();
    }

    @Test
    void anInternalServiceAnswering5xxIsTransientA4xxIsNot() {
        assertThat(TransientFailures.isTransient(new jakarta.ws.rs.WebApplicationException(503))).isTrue();
        assertThat(TransientFailures.isTransient(new jakarta.ws.rs.WebApplicationException(404))).isFalse();
    }

    /** As S3BlobStore raises them: a busy or unreachable object store passes, refused credentials do not. */
    @Test
    void anObjectStoreBrieflyAwayIsTransientARefusalIsNot() {
        var busy = new io.autoflow.blob.BlobStoreUnavailableException("S3 could not read a/b: 503 SlowDown", null);
        assertThat(TransientFailures.isTransient(busy)).isTrue();
        assertThat(TransientFailures.isTransient(new java.io.UncheckedIOException("Job 1 could not be converted",
                busy))).isTrue();
        assertThat(TransientFailures.isTransient(new java.io.IOException("S3 could not read a/b: 403 AccessDenied")))
                .isFalse();
    }

    @Test
    void aRecordThatCannotBeReadIsPoison() {
        assertThat(TransientFailures.isTransient(new MalformedEventException(Topics.INTENTS))).isFalse();
        assertThat(TransientFailures.isTransient(new IllegalArgumentException("no such intent"))).isFalse();
    }

    @Test
    void transientFailuresAreTriedAgainUntilTheyPassAndPoisonIsNot() throws Exception {
        var registry = new io.micrometer.core.instrument.simple.SimpleMeterRegistry();
        TransientRetry retry = new TransientRetry(Duration.ofMillis(10), Duration.ofMillis(50), Duration.ofSeconds(5),
                registry);
        AtomicInteger attempts = new AtomicInteger();
        assertThat(retry.handle(Topics.INTENTS, "test", () -> attempts.incrementAndGet() < 3
                ? io.smallrye.mutiny.Uni.createFrom().failure(new java.net.ConnectException("refused"))
                : io.smallrye.mutiny.Uni.createFrom().item("done")).await().atMost(Duration.ofSeconds(5)))
                .isEqualTo("done");
        assertThat(attempts).hasValue(3);
        // Two retries, counted by the topic of the record handled.
        assertThat(registry.get("autoflow.transient.retries").tag("topic", Topics.INTENTS).counter().count())
                .isEqualTo(2);

        AtomicInteger poisoned = new AtomicInteger();
        assertThatThrownBy(() -> retry.handleBlocking(Topics.INTENTS, "test", () -> {
            poisoned.incrementAndGet();
            throw new IllegalStateException("bad record");
        })).isInstanceOf(IllegalStateException.class);
        assertThat(poisoned).hasValue(1);

        TransientRetry brief = new TransientRetry(Duration.ofMillis(10), Duration.ofMillis(20), Duration.ofMillis(200),
                registry);
        assertThatThrownBy(() -> brief.handleBlocking(Topics.NOTIFICATIONS, "test", () -> {
            throw new java.net.SocketTimeoutException("slow");
        })).isInstanceOf(InfrastructureUnavailableException.class);
        assertThat(registry.get("autoflow.transient.retries").tag("topic", Topics.NOTIFICATIONS).counter().count())
                .isPositive();
    }

    private static Throwable failureOf(PgPool pool, String sql) {
        try {
            pool.query(sql).execute().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
        } catch (ExecutionException e) {
            return e.getCause();
        } catch (Exception e) {
            return e;
        }
        throw new AssertionError(sql + " did not fail");
    }
}
