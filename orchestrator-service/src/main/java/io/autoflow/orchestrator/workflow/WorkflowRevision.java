package io.autoflow.orchestrator.workflow;

import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Embeddable;
import jakarta.persistence.EmbeddedId;
import jakarta.persistence.Entity;
import jakarta.persistence.Table;
import java.io.Serializable;
import java.time.Instant;
import java.util.UUID;
import org.hibernate.annotations.JdbcTypeCode;
import org.hibernate.type.SqlTypes;

/** One saved version of a workflow's definition, never changed once written. */
@Entity
@Table(name = "workflow_revisions")
public class WorkflowRevision extends PanacheEntityBase {

    @EmbeddedId
    public Key key;

    /** The {@link io.autoflow.events.workflow.WorkflowDefinition} as JSON. */
    @JdbcTypeCode(SqlTypes.JSON)
    @Column(nullable = false)
    public String definition;

    @Column(name = "created_at", nullable = false)
    public Instant createdAt;

    @Embeddable
    public record Key(@Column(name = "workflow_id") UUID workflowId, int revision) implements Serializable {
    }
}
