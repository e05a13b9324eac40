package io.autoflow.gateway.rest;

import io.autoflow.events.DailyProcessing;
import io.autoflow.gateway.auth.CurrentUser;
import io.autoflow.gateway.client.JobStatusClient;
import io.autoflow.gateway.config.TierLimits;
import io.autoflow.gateway.storage.UserStorage;
import io.autoflow.gateway.usage.UsageMeter;
import io.autoflow.service.VertxContexts;
import io.smallrye.mutiny.Uni;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import java.time.Duration;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.jboss.logging.Logger;

/**
 * {@code GET /api/me/usage?days=30}: the caller's tier and limits, the bytes their files take in the blob store now
 * (0, with {@code storage_available: false}, when the store cannot answer within {@link #STORAGE_TIMEOUT}), and per
 * UTC day their requests, bytes uploaded, jobs and processing seconds (the last from the orchestrator; left out, with
 * {@code processing_available: false}, when it cannot answer).
 */
@Tag(name = "Account")
@Path("/api/me/usage")
@Produces(MediaType.APPLICATION_JSON)
public class UsageResource {

    private static final Logger LOG = Logger.getLogger(UsageResource.class);

    static final int DEFAULT_DAYS = 30;
    static final int MAX_DAYS = 366;
    /** A store slower than this (S3 retrying) makes the figure unavailable rather than the whole answer late. */
    static final Duration STORAGE_TIMEOUT = Duration.ofSeconds(5);

    private final CurrentUser user;
    private final TierLimits tiers;
    private final UsageMeter meter;
    private final JobStatusClient orchestrator;
    private final UserStorage storage;

    public UsageResource(CurrentUser user, TierLimits tiers, UsageMeter meter, JobStatusClient orchestrator,
            UserStorage storage) {
        this.user = user;
        this.tiers = tiers;
        this.meter = meter;
        this.orchestrator = orchestrator;
        this.storage = storage;
    }

    @Schema(requiredProperties = {"tier", "limits", "stored_bytes", "storage_available", "processing_available",
        "today", "days"})
    public record Usage(@Schema(enumeration = {"free", "pro", "enterprise"}) String tier, Limits limits,
            @Schema(description = "Bytes the caller's files (documents, charts, results, reports, API answers, "
                    + "converted files) take in storage now, as kept (encrypted: a little more than the files); 0 "
                    + "when storage_available is false") long storedBytes,
            @Schema(description = "false when the storage cannot be read right now (stored_bytes is then 0)")
            boolean storageAvailable,
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
            description = "The caller's tier, its limits (requests per day, largest document), the bytes their "
                    + "files take in storage now and, per UTC day, the requests, bytes uploaded, jobs and processing"
                    + " seconds: today and the last days (1 to 366, default 30).")
    @GET
    public Uni<Usage> usage(@Parameter(description = "How many days back, today included: 1 to " + MAX_DAYS
            + ", default " + DEFAULT_DAYS, schema = @Schema(type = SchemaType.INTEGER, minimum = "1",
            maximum = "" + MAX_DAYS)) @QueryParam("days") String daysAsked) {
        int window = QueryNumbers.between(daysAsked, "days", 1, MAX_DAYS, DEFAULT_DAYS);
        // Read now: the answer may be put together off the request's context (after the storage timeout).
        UUID id = user.id();
        String tier = user.tier();
        Uni<List<DailyProcessing>> processing = orchestrator.processingByDay(id.toString(), window)
                .onFailure().recoverWithNull();
        Uni<Long> stored = VertxContexts.blocking(() -> storage.usedBy(id))
                .ifNoItem().after(STORAGE_TIMEOUT).fail()
                .onFailure().invoke(e -> LOG.warnf("Storage of user %s not measured: %s", id, e.getMessage()))
                .onFailure().recoverWithNull();
        return Uni.combine().all().unis(meter.days(id, window), processing, stored).asTuple().map(parts -> {
            Map<LocalDate, UsageDay> byDay = new TreeMap<>();
            for (UsageMeter.Day day : parts.getItem1()) {
                UsageDay known = byDay.getOrDefault(day.day(), UsageDay.none(day.day()));
                byDay.put(day.day(), new UsageDay(day.day(), day.requests(), day.bytesUploaded(), day.jobs(),
                        known.processingSeconds()));
            }
            if (parts.getItem2() != null) {
                for (DailyProcessing day : parts.getItem2()) {
                    UsageDay known = byDay.getOrDefault(day.day(), UsageDay.none(day.day()));
                    byDay.put(day.day(), new UsageDay(day.day(), known.requests(), known.bytesUploaded(),
                            known.jobs(), day.processingSeconds()));
                }
            }
            TierLimits.Tier limits = tiers.of(tier);
            LocalDate today = UsageMeter.today();
            Long storedBytes = parts.getItem3();
            return new Usage(tier, new Limits(limits.requestsPerDay(), limits.maxFileBytes()),
                    storedBytes == null ? 0 : storedBytes, storedBytes != null, parts.getItem2() != null,
                    byDay.getOrDefault(today, UsageDay.none(today)),
                    List.copyOf(byDay.values()));
        });
    }
}
