package io.autoflow.gateway.domain;

import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;
import java.util.UUID;
import org.hibernate.annotations.JdbcTypeCode;
import org.hibernate.type.SqlTypes;

/** A job accepted by the gateway, and the outbox entry of its intent until Kafka has it. */
@Entity
@Table(name = "jobs")
public class Job extends PanacheEntityBase {

    @Id
    public UUID id;

    @Column(name = "user_id", nullable = false)
    public UUID userId;

    @Column(name = "workflow_type", nullable = false)
    public String workflowType;

    @Column(name = "file_name")
    public String fileName;

    @Column(name = "size_bytes")
    public Long sizeBytes;

    /** The {@code IntentParsed} event to publish, as JSON. */
    @JdbcTypeCode(SqlTypes.JSON)
    @Column(nullable = false)
    public String intent;

    @Column(name = "created_at", nullable = false)
    public Instant createdAt;

    @Column(name = "published_at")
    public Instant publishedAt;

    /** The W3C traceparent of the request that made the job: its intent, published later, continues that trace. */
    @Column(name = "trace_parent")
    public String traceParent;
}
