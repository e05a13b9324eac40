package io.autoflow.gateway.rest;

import io.autoflow.events.DailyProcessing;
import io.autoflow.gateway.auth.CurrentUser;
import io.autoflow.gateway.client.JobStatusClient;
import io.autoflow.gateway.config.TierLimits;
import io.autoflow.gateway.usage.UsageMeter;
import io.smallrye.mutiny.Uni;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
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

    static final int DEFAULT_DAYS = 30;
    static final int MAX_DAYS = 366;

    private final CurrentUser user;
    private final TierLimits tiers;
    private final UsageMeter meter;
    private final JobStatusClient orchestrator;

    public UsageResource(CurrentUser user, TierLimits tiers, UsageMeter meter, JobStatusClient orchestrator) {
        this.user = user;
        this.tiers = tiers;
        this.meter = meter;
        this.orchestrator = orchestrator;
    }

    @Schema(requiredProperties = {"tier", "limits", "processing_available", "today", "days"})
    public record Usage(@Schema(enumeration = {"free", "pro", "enterprise"}) String tier, Limits limits,
            @Schema(description = "false when processing seconds cannot be read right now (they are then 0)")
            boolean processingAvailable,
            UsageDay today,
            @Schema(description = "Only days with use, oldest first") List<UsageDay> days) {
    }

    @Schema(requiredProperties = {"requests_per_day", "max_file_bytes"})
    public record Limits(long requestsPerDay, long maxFileBytes) {
    }

    @Schema(requiredProperties = {"day", "requests", "bytes_uploaded", "jobs", "processing_seconds"})
    public record UsageDay(@Schema(description = "A UTC day") LocalDate day, long requests, long bytesUploaded,
            long jobs, double processingSeconds) {

        static UsageDay none(LocalDate day) {
            return new UsageDay(day, 0, 0, 0, 0.0);
        }
    }

    @Operation(operationId = "getUsage", summary = "The caller's tier, limits and use per day",
            description = "The caller's tier, its limits (requests per day, largest document) and, per UTC day, the "
                    + "requests, bytes uploaded, jobs and processing seconds: today and the last days (1 to 366,"
                    + " default 30).")
    @GET
    public Uni<Usage> usage(@Parameter(description = "How many days back, today included: 1 to " + MAX_DAYS
            + ", default " + DEFAULT_DAYS, schema = @Schema(type = SchemaType.INTEGER, minimum = "1",
            maximum = "" + MAX_DAYS)) @QueryParam("days") String daysAsked) {
        int window = QueryNumbers.between(daysAsked, "days", 1, MAX_DAYS, DEFAULT_DAYS);
        Uni<List<DailyProcessing>> processing = orchestrator.processingByDay(user.id().toString(), window)
                .onFailure().recoverWithNull();
        return Uni.combine().all().unis(meter.days(user.id(), window), processing).asTuple().map(both -> {
            Map<LocalDate, UsageDay> byDay = new TreeMap<>();
            for (UsageMeter.Day day : both.getItem1()) {
                UsageDay known = byDay.getOrDefault(day.day(), UsageDay.none(day.day()));
                byDay.put(day.day(), new UsageDay(day.day(), day.requests(), day.bytesUploaded(), day.jobs(),
                        known.processingSeconds()));
            }
            if (both.getItem2() != null) {
                for (DailyProcessing day : both.getItem2()) {
                    UsageDay known = byDay.getOrDefault(day.day(), UsageDay.none(day.day()));
                    byDay.put(day.day(), new UsageDay(day.day(), known.requests(), known.bytesUploaded(),
                            known.jobs(), day.processingSeconds()));
                }
            }
            TierLimits.Tier limits = tiers.of(user.tier());
            LocalDate today = UsageMeter.today();
            return new Usage(user.tier(), new Limits(limits.requestsPerDay(), limits.maxFileBytes()),
                    both.getItem2() != null, byDay.getOrDefault(today, UsageDay.none(today)),
                    List.copyOf(byDay.values()));
        });
    }
}
