package io.autoflow.gateway.rest;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.autoflow.events.workflow.RunWorkflow;
import io.autoflow.events.workflow.WorkflowDefinition;
import io.autoflow.events.workflow.WorkflowTrigger;
import io.autoflow.events.workflow.WorkflowView;
import io.autoflow.gateway.audit.AuditLog;
import io.autoflow.gateway.auth.CurrentUser;
import io.autoflow.gateway.client.WorkflowApi;
import io.autoflow.gateway.idempotency.Idempotent;
import io.smallrye.mutiny.Uni;
import io.vertx.core.http.HttpServerRequest;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.parameters.RequestBody;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.eclipse.microprofile.rest.client.inject.RestClient;
import org.jboss.resteasy.reactive.RestPath;

/**
 * The caller's workflows (issue 18), kept and checked by the orchestrator: {@code POST /api/workflows} saves one
 * (revision 1), {@code PUT /api/workflows/{id}} a new revision, {@code GET} lists or reads them, {@code PUT
 * /api/workflows/{id}/enabled} turns its trigger on or off, {@code DELETE} removes it. Every definition is checked
 * when saved, so a mistake is refused here, pointing at its step and field, never found by a run. {@code POST
 * /api/workflows/{id}/runs} starts a run now (the manual trigger): a job of workflow type {@code workflow_run}, pinned
 * to the revision current when it is accepted, which the orchestrator drives step by step.
 */
@Tag(name = "Workflows", description = "Multi-step automations: a trigger (manual, schedule, webhook) and steps"
        + " (http, transform, analyse, convert, notify) that read the trigger's payload and earlier steps' results.")
@Path("/api/workflows")
@Produces(MediaType.APPLICATION_JSON)
public class WorkflowResource {

    /** The orchestrator's refusals, each one of our codes. */
    private static final Set<ErrorCode> REFUSALS = Set.of(ErrorCode.INVALID_WORKFLOW, ErrorCode.INVALID_EXPRESSION,
            ErrorCode.INVALID_OPERATION, ErrorCode.TOO_MANY_STEPS, ErrorCode.TOO_MANY_WORKFLOWS,
            ErrorCode.WORKFLOW_NOT_FOUND, ErrorCode.SCHEDULE_TOO_FREQUENT);

    /** The largest payload of a run, as compact JSON: it travels in the run's intent and job record. */
    public static final int MAX_PAYLOAD_BYTES = RunPayloads.MAX_BYTES;

    private final CurrentUser user;
    private final WorkflowApi workflows;
    private final AuditLog audit;
    private final WorkflowRunIntake runs;
    private final ObjectMapper json;
    private final WebhookAddresses webhooks;

    public WorkflowResource(CurrentUser user, @RestClient WorkflowApi workflows, AuditLog audit,
            WorkflowRunIntake runs, ObjectMapper json, WebhookAddresses webhooks) {
        this.user = user;
        this.workflows = workflows;
        this.audit = audit;
        this.runs = runs;
        this.json = json;
        this.webhooks = webhooks;
    }

    /** Whether the workflow's trigger starts runs. */
    @Schema(name = "WorkflowEnabled", requiredProperties = "enabled")
    public record EnabledRequest(boolean enabled) {
    }

    @Operation(operationId = "createWorkflow", summary = "Save a workflow",
            description = "Saves a workflow as revision 1. Everything is checked now: the trigger, each step's"
                    + " fields, that a step reads only the trigger or an earlier step, every {{ JSONata }} template,"
                    + " expression and data operation, the tier's steps per workflow (free 5, pro 20, enterprise 50)."
                    + " A refusal says which step (details.step, from 0) and field (details.field).")
    @APIResponse(responseCode = "201", description = "Saved", content = @Content(mediaType = MediaType.APPLICATION_JSON,
            schema = @Schema(implementation = WorkflowView.class)))
    @APIResponse(responseCode = "422", description = "invalid_workflow, invalid_expression (details.position),"
            + " invalid_operation, too_many_steps, too_many_workflows, schedule_too_frequent (a schedule trigger"
            + " closer than the tier allows)")
    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    public Uni<Response> create(WorkflowDefinition definition, @Context HttpServerRequest http) {
        return save(definition, http).map(made -> Response.status(201).entity(webhooks.absolute(made, http)).build());
    }

    /**
     * Saves a definition as a new workflow of the caller (revision 1), checked by the orchestrator with the caller's
     * tier and owned by their email, and audits it ({@code workflow.created}): the save of {@code POST
     * /api/workflows} and of a workflow drafted in the chat. A refusal is our {@link ApiException} of the
     * orchestrator's code (422); anything else 503 {@code workflows_unavailable}.
     */
    Uni<WorkflowView> save(WorkflowDefinition definition, HttpServerRequest http) {
        String userId = user.id().toString();
        return workflows.create(userId, user.tier(), user.email(), required(definition))
                .onFailure().transform(WorkflowResource::translated)
                .call(made -> audit.record(userId, "workflow.created", made.id(), http,
                        Map.of("revision", made.revision())));
    }

    @Operation(operationId = "listWorkflows", summary = "The caller's workflows, newest first",
            description = "Every workflow of the caller (at most 100), each with its latest revision's definition and"
                    + " whether its trigger is on.")
    @GET
    public Uni<List<WorkflowView>> list(@Context HttpServerRequest http) {
        return workflows.list(user.id().toString()).onFailure().transform(WorkflowResource::translated)
                .map(views -> webhooks.absolute(views, http));
    }

    @Operation(operationId = "getWorkflow", summary = "A workflow and its latest revision",
            description = "The workflow: its name, whether its trigger is on, its revision number and that revision's"
                    + " definition.")
    @APIResponse(responseCode = "200", description = "The workflow",
            content = @Content(mediaType = MediaType.APPLICATION_JSON,
                    schema = @Schema(implementation = WorkflowView.class)))
    @APIResponse(responseCode = "404", description = "workflow_not_found")
    @GET
    @Path("/{id}")
    public Uni<WorkflowView> get(@RestPath String id, @Context HttpServerRequest http) {
        return workflows.get(user.id().toString(), id).onFailure().transform(WorkflowResource::translated)
                .map(view -> webhooks.absolute(view, http));
    }

    @Operation(operationId = "updateWorkflow", summary = "Save a new revision of a workflow",
            description = "Saves the definition as the workflow's next revision, checked as when it was created."
                    + " Runs under way keep the revision they started with.")
    @APIResponse(responseCode = "200", description = "The workflow with its new revision",
            content = @Content(mediaType = MediaType.APPLICATION_JSON,
                    schema = @Schema(implementation = WorkflowView.class)))
    @APIResponse(responseCode = "404", description = "workflow_not_found")
    @APIResponse(responseCode = "422", description = "invalid_workflow, invalid_expression, invalid_operation,"
            + " too_many_steps, schedule_too_frequent")
    @PUT
    @Path("/{id}")
    @Consumes(MediaType.APPLICATION_JSON)
    public Uni<WorkflowView> update(@RestPath String id, WorkflowDefinition definition,
            @Context HttpServerRequest http) {
        String userId = user.id().toString();
        return workflows.update(userId, id, user.tier(), user.email(), required(definition))
                .onFailure().transform(WorkflowResource::translated)
                .call(saved -> audit.record(userId, "workflow.updated", id, http,
                        Map.of("revision", saved.revision())))
                .map(saved -> webhooks.absolute(saved, http));
    }

    @Operation(operationId = "setWorkflowEnabled", summary = "Turn a workflow's trigger on or off",
            description = "A disabled workflow keeps its definition; its schedule and webhook start no run.")
    @APIResponse(responseCode = "200", description = "The workflow",
            content = @Content(mediaType = MediaType.APPLICATION_JSON,
                    schema = @Schema(implementation = WorkflowView.class)))
    @APIResponse(responseCode = "404", description = "workflow_not_found")
    @PUT
    @Path("/{id}/enabled")
    @Consumes(MediaType.APPLICATION_JSON)
    public Uni<WorkflowView> setEnabled(@RestPath String id, EnabledRequest request,
            @Context HttpServerRequest http) {
        if (request == null) {
            throw ApiException.withParam(ErrorCode.INVALID_REQUEST, "Send {\"enabled\": true} or false", "enabled");
        }
        String userId = user.id().toString();
        return workflows.setEnabled(userId, id, new WorkflowApi.Enabled(request.enabled()))
                .onFailure().transform(WorkflowResource::translated)
                .call(saved -> audit.record(userId, request.enabled() ? "workflow.enabled" : "workflow.disabled", id,
                        http, null))
                .map(saved -> webhooks.absolute(saved, http));
    }

    @Operation(operationId = "deleteWorkflow", summary = "Delete a workflow and its revisions",
            description = "Runs under way finish with the revision they started with.")
    @APIResponse(responseCode = "204", description = "Deleted")
    @APIResponse(responseCode = "404", description = "workflow_not_found")
    @DELETE
    @Path("/{id}")
    public Uni<Response> delete(@RestPath String id, @Context HttpServerRequest http) {
        String userId = user.id().toString();
        return workflows.delete(userId, id).onFailure().transform(WorkflowResource::translated)
                .call(() -> audit.record(userId, "workflow.deleted", id, http, null))
                .map(done -> Response.noContent().build());
    }

    @Operation(operationId = "runWorkflow", summary = "Run a workflow now",
            description = "Starts a run of the workflow now (its manual trigger, whatever other trigger it has; a"
                    + " disabled workflow runs too, since enabled only turns its schedule and webhook on or off)."
                    + " The run is pinned to the workflow's revision of this moment: editing or deleting the workflow"
                    + " later changes nothing of it. The body, optional, is any JSON value: the run's payload, which"
                    + " steps read as trigger.payload (no body, or null, is no payload); it holds at most 262,144"
                    + " bytes written as compact JSON, and its strings and names no control character but TAB, LF"
                    + " and CR. The run is a job of workflow_type workflow_run: follow it at /api/jobs/{job_id},"
                    + " whose result lists each step's status and the job it ran as.")
    @RequestBody(required = false, description = "The run's payload: any JSON value (steps read it as"
            + " trigger.payload)", content = @Content(mediaType = MediaType.APPLICATION_JSON,
                    schema = @Schema(implementation = JsonNode.class)))
    @APIResponse(responseCode = "202", description = "The run is queued: follow it at /api/jobs/{job_id}",
            content = @Content(mediaType = MediaType.APPLICATION_JSON,
                    schema = @Schema(implementation = DocumentAnalyticsResource.Accepted.class)))
    @APIResponse(responseCode = "400", description = "invalid_request: the body is not JSON; invalid_character: a"
            + " string or name in it holds a control character (details.field); invalid_idempotency_key")
    @APIResponse(responseCode = "404", description = "workflow_not_found")
    @APIResponse(responseCode = "413", description = "body_too_large: the payload is larger than 262,144 bytes as"
            + " compact JSON (details.max_bytes)")
    @APIResponse(responseCode = "503", description = "workflows_unavailable: the workflow cannot be read right now;"
            + " service_unavailable: runs cannot be handled right now (see Retry-After)")
    @POST
    @Path("/{id}/runs")
    @Idempotent
    @Parameter(ref = Idempotent.PARAMETER)
    @Consumes(MediaType.APPLICATION_JSON)
    public Uni<Response> run(@RestPath String id, JsonNode payload, @Context HttpServerRequest http) {
        UUID jobId = runs.newJobId();
        JsonNode given = RunPayloads.checked(json, payload);
        return workflows.get(user.id().toString(), id).onFailure().transform(WorkflowResource::translated)
                .chain(view -> start(jobId, view, given, http));
    }

    /**
     * A run now, without payload, of a workflow of the caller just saved ({@link #save}): started as {@code POST
     * /api/workflows/{id}/runs} starts one, pinned to the saved revision. Answers the 202 of {@link #run}.
     */
    Uni<Response> runNow(WorkflowView saved, HttpServerRequest http) {
        return start(runs.newJobId(), saved, null, http);
    }

    /** The manual run of the caller's workflow, pinned to the view's revision, accepted as a job. */
    private Uni<Response> start(UUID jobId, WorkflowView view, JsonNode payload, HttpServerRequest http) {
        return runs.accept(jobId, new RunWorkflow(view.id(), view.revision(), view.name(), WorkflowTrigger.MANUAL,
                payload, user.email(), null, null), steps(view), http);
    }

    private static int steps(WorkflowView view) {
        return view.definition() == null || view.definition().steps() == null ? 1 : view.definition().steps().size();
    }

    private static WorkflowDefinition required(WorkflowDefinition definition) {
        if (definition == null) {
            throw new ApiException(ErrorCode.INVALID_REQUEST, "Send the workflow as a JSON object: name, trigger,"
                    + " steps");
        }
        return definition;
    }

    /** The orchestrator's refusal as ours, its details kept; anything else: it is unavailable. */
    private static Throwable translated(Throwable failure) {
        return Refusals.translated(failure, REFUSALS, ErrorCode.WORKFLOWS_UNAVAILABLE,
                "Workflows cannot be read or changed right now; try again");
    }
}
