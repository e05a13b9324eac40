package io.autoflow.gateway.rest;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.autoflow.gateway.auth.CurrentUser;
import io.autoflow.gateway.client.JobStatusClient;
import io.autoflow.gateway.config.TierLimits;
import io.autoflow.gateway.usage.UsageMeter;
import io.smallrye.mutiny.Uni;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/**
 * {@code GET /api/me/usage?days=30}: the caller's tier and limits, and per UTC day their requests, bytes uploaded,
 * jobs and processing seconds (the last from the orchestrator; left out, with {@code processing_available: false},
 * when it cannot answer).
 */
@Tag(name = "Account")
@Path("/api/me/usage")
@Produces(MediaType.APPLICATION_JSON)
public class UsageResource {

    private final CurrentUser user;
    private final TierLimits tiers;
    private final UsageMeter meter;
    private final JobStatusClient orchestrator;
    private final ObjectMapper json;

    public UsageResource(CurrentUser user, TierLimits tiers, UsageMeter meter, JobStatusClient orchestrator,
            ObjectMapper json) {
        this.user = user;
        this.tiers = tiers;
        this.meter = meter;
        this.orchestrator = orchestrator;
        this.json = json;
    }

    @Operation(operationId = "getUsage", summary = "The caller's tier, limits and use per day")
    @GET
    public Uni<JsonNode> usage(@QueryParam("days") @DefaultValue("30") int days) {
        int window = Math.max(1, Math.min(days, 366));
        Uni<List<JsonNode>> processing = orchestrator.processingByDay(user.id().toString(), window)
                .onFailure().recoverWithNull();
        return Uni.combine().all().unis(meter.days(user.id(), window), processing).asTuple().map(both -> {
            Map<String, ObjectNode> byDay = new TreeMap<>();
            for (UsageMeter.Day day : both.getItem1()) {
                day(byDay, day.day().toString()).put("requests", day.requests())
                        .put("bytes_uploaded", day.bytesUploaded()).put("jobs", day.jobs());
            }
            if (both.getItem2() != null) {
                for (JsonNode day : both.getItem2()) {
                    day(byDay, day.path("day").asText()).put("processing_seconds",
                            day.path("processing_seconds").asDouble());
                }
            }
            ObjectNode answer = json.createObjectNode();
            answer.put("tier", user.tier());
            TierLimits.Tier limits = tiers.of(user.tier());
            answer.putObject("limits").put("requests_per_day", limits.requestsPerDay())
                    .put("max_file_bytes", limits.maxFileBytes());
            answer.put("processing_available", both.getItem2() != null);
            answer.set("today", byDay.getOrDefault(UsageMeter.today().toString(), empty(UsageMeter.today()
                    .toString())));
            ArrayNode list = answer.putArray("days");
            byDay.values().forEach(list::add);
            return answer;
        });
    }

    private ObjectNode day(Map<String, ObjectNode> byDay, String day) {
        return byDay.computeIfAbsent(day, this::empty);
    }

    private ObjectNode empty(String day) {
        return json.createObjectNode().put("day", day).put("requests", 0).put("bytes_uploaded", 0).put("jobs", 0)
                .put("processing_seconds", 0.0);
    }
}
