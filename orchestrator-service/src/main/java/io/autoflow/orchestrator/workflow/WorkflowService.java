package io.autoflow.orchestrator.workflow;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import io.autoflow.events.CodedException;
import io.autoflow.events.ErrorInfo;
import io.autoflow.events.EventJson;
import io.autoflow.events.workflow.WorkflowDefinition;
import io.autoflow.events.workflow.WorkflowHook;
import io.autoflow.events.workflow.WorkflowSchedule;
import io.autoflow.events.workflow.WorkflowTrigger;
import io.autoflow.events.workflow.WorkflowView;
import io.autoflow.expressions.WorkflowCheck;
import io.autoflow.service.schedule.ScheduleRules;
import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.quarkus.hibernate.reactive.panache.common.WithTransaction;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * Users' workflows and their revisions. Every definition is checked ({@link WorkflowCheck}) before it is stored, so a
 * run never meets a malformed one; an update adds a revision and never changes an earlier one.
 */
@ApplicationScoped
public class WorkflowService {

    private final WorkflowLimits limits;
    private final ScheduleRules scheduleRules;

    public WorkflowService(WorkflowLimits limits, ScheduleRules scheduleRules) {
        this.limits = limits;
        this.scheduleRules = scheduleRules;
    }

    /**
     * @param ownerEmail the owner's address now, where a scheduled or webhook run's email goes by default
     */
    @WithTransaction
    public Uni<WorkflowView> create(String userId, String tier, String ownerEmail, WorkflowDefinition definition) {
        return checked(definition, tier).chain(() -> Workflow.count("userId", userId)).chain(count -> {
            if (count >= WorkflowLimits.MAX_WORKFLOWS) {
                throw new CodedException("too_many_workflows", "An account has at most " + WorkflowLimits.MAX_WORKFLOWS
                        + " workflows; delete one first", JsonNodeFactory.instance.objectNode()
                                .put("max_workflows", WorkflowLimits.MAX_WORKFLOWS));
            }
            Workflow workflow = new Workflow();
            workflow.id = UUID.randomUUID();
            workflow.userId = userId;
            workflow.enabled = true;
            workflow.createdAt = Instant.now();
            return saveRevision(workflow, 1, definition, tier, ownerEmail);
        });
    }

    /** A new revision of the user's workflow; runs under way keep theirs. */
    @WithTransaction
    public Uni<WorkflowView> update(String userId, String tier, String ownerEmail, UUID id,
            WorkflowDefinition definition) {
        return checked(definition, tier).chain(() -> owned(userId, id))
                .chain(workflow -> saveRevision(workflow, workflow.revision + 1, definition, tier, ownerEmail));
    }

    @WithTransaction
    public Uni<WorkflowView> setEnabled(String userId, UUID id, boolean enabled) {
        return owned(userId, id).chain(workflow -> {
            workflow.enabled = enabled;
            workflow.updatedAt = changeTime();
            return latest(workflow).call(definition -> ScheduleOutbox.record(schedule(workflow, definition)))
                    .map(definition -> view(workflow, definition));
        });
    }

    @WithSession
    public Uni<WorkflowView> get(String userId, UUID id) {
        return owned(userId, id).chain(workflow -> latest(workflow).map(definition -> view(workflow, definition)));
    }

    /** The user's workflows, newest first, each with its latest revision. */
    @WithSession
    public Uni<List<WorkflowView>> list(String userId) {
        return Workflow.<Workflow>find("userId = ?1 order by createdAt desc, id", userId).list()
                .chain(workflows -> {
                    if (workflows.isEmpty()) {
                        return Uni.createFrom().item(List.of());
                    }
                    return WorkflowRevision.<WorkflowRevision>find("key.workflowId in ?1",
                            workflows.stream().map(w -> w.id).toList()).list().map(revisions -> {
                                Map<UUID, WorkflowRevision> latest = revisions.stream().collect(Collectors.toMap(
                                        r -> r.key.workflowId(), Function.identity(),
                                        (a, b) -> a.key.revision() >= b.key.revision() ? a : b));
                                return workflows.stream().map(w -> view(w, definition(latest.get(w.id)))).toList();
                            });
                });
    }

    /**
     * A revision of the user's workflow, as a run pins it.
     *
     * @param mustBeEnabled a run its trigger started (schedule, webhook): refused with {@code workflow_disabled} when
     *                      the workflow was disabled meanwhile
     */
    @WithSession
    public Uni<WorkflowDefinition> revision(String userId, UUID id, int revision, boolean mustBeEnabled) {
        return owned(userId, id).invoke(workflow -> {
            if (mustBeEnabled && !workflow.enabled) {
                throw new CodedException("workflow_disabled", "The workflow is disabled: its trigger starts no run");
            }
        }).chain(workflow -> WorkflowRevision.<WorkflowRevision>find(
                "key.workflowId = ?1 and key.revision = ?2", id, revision).firstResult()
                .map(found -> {
                    if (found == null) {
                        throw notFound();
                    }
                    return definition(found);
                }));
    }

    /** Deletes the workflow, its revisions and its schedule; runs under way finish with the revision they have. */
    @WithTransaction
    public Uni<Void> delete(String userId, UUID id) {
        return owned(userId, id).chain(workflow -> WorkflowRevision.delete("key.workflowId", id)
                .chain(workflow::delete)
                .chain(() -> {
                    workflow.updatedAt = changeTime();
                    return ScheduleOutbox.record(schedule(workflow, null));
                }));
    }

    /** The internal lookup of a webhook trigger's secret URL. */
    @WithSession
    public Uni<WorkflowHook> hook(String token) {
        return Workflow.<Workflow>find("hookToken", token).firstResult().chain(workflow -> {
            if (workflow == null) {
                throw notFound();
            }
            return latest(workflow).map(definition -> new WorkflowHook(workflow.id.toString(), workflow.userId,
                    workflow.name, workflow.revision, workflow.enabled,
                    Boolean.TRUE.equals(definition.trigger().verifySignature()), workflow.hookSecret,
                    workflow.ownerEmail, definition.steps().size()));
        });
    }

    /** Removes every workflow of a user who asked to be forgotten. */
    @WithTransaction
    public Uni<Void> forget(String userId) {
        return Workflow.<Workflow>find("userId", userId).list().chain(workflows -> workflows.isEmpty()
                ? Uni.createFrom().voidItem()
                : WorkflowRevision.delete("key.workflowId in ?1", workflows.stream().map(w -> w.id).toList())
                        .chain(() -> Workflow.delete("userId", userId)).replaceWithVoid());
    }

    /**
     * The definition checked as a failed Uni, not a thrown exception, so the transaction ends cleanly; a schedule
     * trigger also by the tier's shortest time between runs ({@code schedule_too_frequent}), as any schedule is.
     */
    private Uni<Void> checked(WorkflowDefinition definition, String tier) {
        return Uni.createFrom().voidItem().invoke(() -> {
            WorkflowCheck.check(definition, limits.maxSteps(tier));
            WorkflowTrigger trigger = definition.trigger();
            if (WorkflowTrigger.SCHEDULE.equals(trigger.type())) {
                try {
                    scheduleRules.check(trigger.cron(), trigger.timeZone() == null ? "UTC" : trigger.timeZone(), tier);
                } catch (ScheduleRules.Refused refused) {
                    ErrorInfo error = refused.error();
                    throw new CodedException(error.code(), error.message(), error.details());
                }
            }
        });
    }

    private Uni<WorkflowView> saveRevision(Workflow workflow, int revision, WorkflowDefinition definition,
            String tier, String ownerEmail) {
        Instant now = changeTime();
        workflow.name = definition.name().strip();
        workflow.revision = revision;
        workflow.updatedAt = now;
        workflow.tier = tier;
        workflow.ownerEmail = ownerEmail;
        WebhookSecrets.keepFor(workflow, definition.trigger());
        WorkflowRevision saved = new WorkflowRevision();
        saved.key = new WorkflowRevision.Key(workflow.id, revision);
        saved.definition = EventJson.write(definition);
        saved.createdAt = now;
        return workflow.<Workflow>persist().chain(() -> saved.<WorkflowRevision>persist())
                .chain(() -> ScheduleOutbox.record(schedule(workflow, definition)))
                .map(done -> view(workflow, definition));
    }

    private static Uni<Workflow> owned(String userId, UUID id) {
        return Workflow.<Workflow>findById(id).map(workflow -> {
            if (workflow == null || !workflow.userId.equals(userId)) {
                throw notFound();
            }
            return workflow;
        });
    }

    private static Uni<WorkflowDefinition> latest(Workflow workflow) {
        return WorkflowRevision.<WorkflowRevision>find("key.workflowId = ?1 and key.revision = ?2", workflow.id,
                workflow.revision).firstResult().map(WorkflowService::definition);
    }

    private static WorkflowDefinition definition(WorkflowRevision revision) {
        return revision == null ? null : EventJson.read(revision.definition, WorkflowDefinition.class);
    }

    private static WorkflowView view(Workflow workflow, WorkflowDefinition definition) {
        return new WorkflowView(workflow.id.toString(), workflow.name, workflow.enabled, workflow.revision,
                workflow.createdAt, workflow.updatedAt, definition, workflow.hookToken == null ? null
                        : new WorkflowView.WorkflowWebhook(WebhookSecrets.PATH + workflow.hookToken,
                                workflow.hookSecret));
    }

    /**
     * What the scheduler should now do for the workflow: fire its schedule, or (disabled, another trigger, deleted:
     * {@code definition} null) nothing.
     */
    private static WorkflowSchedule schedule(Workflow workflow, WorkflowDefinition definition) {
        WorkflowTrigger trigger = definition == null ? null : definition.trigger();
        boolean active = workflow.enabled && trigger != null && WorkflowTrigger.SCHEDULE.equals(trigger.type());
        // a workflow saved before owners' tiers were kept runs as the free tier until it is saved again
        String tier = workflow.tier == null ? "free" : workflow.tier;
        return new WorkflowSchedule(workflow.id.toString(), workflow.userId, tier, workflow.name, active,
                active ? trigger.cron() : null, active && trigger.timeZone() != null ? trigger.timeZone() : "UTC",
                workflow.revision, workflow.ownerEmail, workflow.updatedAt);
    }

    /** A change's time as PostgreSQL keeps it (microseconds), so the outbox finds the word it wrote. */
    private static Instant changeTime() {
        return Instant.now().truncatedTo(ChronoUnit.MICROS);
    }

    static CodedException notFound() {
        return new CodedException("workflow_not_found", "No such workflow");
    }
}
