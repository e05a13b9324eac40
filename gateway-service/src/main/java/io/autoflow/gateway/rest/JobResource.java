package io.autoflow.gateway.rest;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.autoflow.gateway.auth.CurrentUser;
import io.autoflow.gateway.client.JobStatusClient;
import io.autoflow.gateway.domain.Job;
import io.autoflow.gateway.service.Jobs;
import io.smallrye.mutiny.Uni;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.jboss.resteasy.reactive.RestPath;

/**
 * The caller's jobs: {@code GET /api/jobs} and {@code GET /api/jobs/{id}}. Ownership is checked against the gateway's
 * own record first, so another user's job is a 404; status and results come from the orchestrator, and a job it has
 * not recorded yet is shown as queued.
 */
@Path("/api/jobs")
@Produces(MediaType.APPLICATION_JSON)
public class JobResource {

    private static final int MAX_PAGE = 200;

    private final CurrentUser user;
    private final Jobs jobs;
    private final JobStatusClient status;
    private final ObjectMapper json;

    public JobResource(CurrentUser user, Jobs jobs, JobStatusClient status, ObjectMapper json) {
        this.user = user;
        this.jobs = jobs;
        this.status = status;
        this.json = json;
    }

    /** A page of jobs, newest first. */
    public record JobList(List<JsonNode> jobs) {
    }

    @GET
    @Path("/{id}")
    public Uni<JsonNode> get(@RestPath String id) {
        UUID jobId = parse(id);
        return jobs.find(jobId, user.id()).chain(job -> {
            if (job == null) {
                throw notFound();
            }
            return status.get(id, user.id().toString())
                    .onFailure().transform(JobResource::unavailable)
                    .map(known -> view(job, known));
        });
    }

    @GET
    public Uni<JobList> list(@QueryParam("limit") @DefaultValue("50") int limit) {
        int page = Math.max(1, Math.min(limit, MAX_PAGE));
        return jobs.newestFirst(user.id(), page).chain(mine -> status.list(user.id().toString(), page)
                .onFailure().transform(JobResource::unavailable)
                .map(known -> {
                    Map<String, JsonNode> byId = known.stream()
                            .collect(Collectors.toMap(j -> j.path("job_id").asText(), Function.identity()));
                    return new JobList(mine.stream().map(job -> view(job, byId.get(job.id.toString()))).toList());
                }));
    }

    /** The orchestrator's view with the gateway's own facts added, or a queued view when it has none yet. */
    private JsonNode view(Job job, JsonNode known) {
        ObjectNode view;
        if (known != null) {
            view = (ObjectNode) known.deepCopy();
        } else {
            view = json.createObjectNode().put("job_id", job.id.toString()).put("workflow_type", job.workflowType)
                    .put("status", "queued");
            view.set("created_at", json.valueToTree(job.createdAt));
        }
        if (job.fileName != null) {
            view.put("file_name", job.fileName);
        }
        return view;
    }

    private static UUID parse(String id) {
        try {
            return UUID.fromString(id);
        } catch (IllegalArgumentException e) {
            throw notFound();
        }
    }

    private static ApiException notFound() {
        return new ApiException(404, "job_not_found", "No such job");
    }

    private static Throwable unavailable(Throwable cause) {
        return new ApiException(503, "orchestrator_unavailable", "Job status is unavailable right now; try again");
    }
}
