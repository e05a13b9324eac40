package io.autoflow.orchestrator.workflow;

import io.autoflow.events.EventJson;
import io.autoflow.events.workflow.WorkflowSchedule;
import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;
import io.smallrye.mutiny.Uni;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * The workflow schedules still to tell the scheduler ({@code workflow_schedule_outbox}): written in the transaction
 * that changes a workflow, one row per workflow holding its latest word, removed once Kafka has that word.
 */
@Entity
@Table(name = "workflow_schedule_outbox")
public class ScheduleOutbox extends PanacheEntityBase {

    @Id
    @Column(name = "workflow_id")
    public UUID workflowId;

    /** The {@link WorkflowSchedule} as JSON. */
    @Column(nullable = false)
    public String event;

    @Column(name = "changed_at", nullable = false)
    public Instant changedAt;

    /** Keeps the workflow's latest schedule to send, in the caller's transaction. */
    static Uni<Void> record(WorkflowSchedule schedule) {
        UUID id = UUID.fromString(schedule.workflowId());
        return ScheduleOutbox.<ScheduleOutbox>findById(id).chain(found -> {
            ScheduleOutbox row = found != null ? found : new ScheduleOutbox();
            row.workflowId = id;
            row.event = EventJson.write(schedule);
            row.changedAt = schedule.changedAt();
            return row.persist();
        }).replaceWithVoid();
    }

    /** The oldest words still to send. */
    public static Uni<List<WorkflowSchedule>> pending(int limit) {
        return ScheduleOutbox.<ScheduleOutbox>find("order by changedAt").page(0, limit).list()
                .map(rows -> rows.stream().map(row -> EventJson.read(row.event, WorkflowSchedule.class)).toList());
    }

    /** Removes a word Kafka has, unless a newer one was written meanwhile. */
    public static Uni<Void> sent(WorkflowSchedule schedule) {
        return delete("workflowId = ?1 and changedAt = ?2", UUID.fromString(schedule.workflowId()),
                schedule.changedAt()).replaceWithVoid();
    }
}
