package io.autoflow.gateway.rest;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.annotation.JsonIgnore;
import io.autoflow.blob.BlobStore;
import io.autoflow.events.ExecutionView;
import io.autoflow.events.TimeZones;
import io.autoflow.events.UserDeleted;
import io.autoflow.gateway.audit.AuditLog;
import io.autoflow.gateway.auth.ApiKeys;
import io.autoflow.gateway.auth.CurrentUser;
import io.autoflow.gateway.client.JobStatusClient;
import io.autoflow.gateway.client.NotificationUserApi;
import io.autoflow.gateway.limits.RateLimiter;
import io.autoflow.gateway.messaging.UserEventPublisher;
import io.autoflow.gateway.storage.UserStorage;
import io.autoflow.service.VertxContexts;
import io.smallrye.common.annotation.Blocking;
import io.smallrye.mutiny.Uni;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.PATCH;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.StreamingOutput;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.eclipse.microprofile.rest.client.inject.RestClient;

/**
 * The caller's account: {@code GET /api/me} (who am I), {@code PATCH /api/me} (their time zone),
 * {@code GET /api/me/export} (everything we hold about them, as a zip: GDPR access and portability) and
 * {@code DELETE /api/me} (erasure, in every service).
 */
@Tag(name = "Account",
        description = "The caller's own account: profile and time zone, usage against the tier's limits, the webhook"
                + " signing secret, an export of everything Autoflow holds about them, and erasure.")
@Path("/api/me")
public class AccountResource {

    private static final Duration CALL_TIMEOUT = Duration.ofSeconds(10);
    /** The orchestrator's largest page. */
    private static final int EXECUTIONS_PAGE = 200;
    /** The caller's rows in the gateway's tables, as JSON. */
    private static final Map<String, String> OWN_ROWS = Map.of(
            "profile.json", "SELECT row_to_json(t) FROM gateway.users t WHERE id = $1::uuid",
            "api-keys.json", "SELECT row_to_json(t) FROM (SELECT id, prefix, name, created_at, last_used_at,"
                    + " expires_at, revoked_at FROM gateway.api_keys WHERE user_id = $1::uuid) t",
            "jobs.json", "SELECT row_to_json(t) FROM gateway.jobs t WHERE user_id = $1::uuid",
            "usage.json", "SELECT row_to_json(t) FROM gateway.usage_metrics t WHERE user_id = $1::uuid",
            "idempotency-keys.json", "SELECT row_to_json(t) FROM (SELECT key, created_at, status, location, body"
                    + " FROM gateway.idempotency_keys WHERE user_id = $1::uuid) t",
            "audit-log.json", "SELECT row_to_json(t) FROM gateway.audit_log t WHERE actor = $1");

    private final CurrentUser user;
    private final Pool db;
    private final BlobStore blobs;
    private final JobStatusClient orchestrator;
    private final NotificationUserApi notification;
    private final UserEventPublisher events;
    private final RateLimiter rateLimiter;
    private final AuditLog audit;
    private final ApiKeys apiKeys;
    private final ObjectMapper json;

    public AccountResource(CurrentUser user, Pool db, BlobStore blobs, JobStatusClient orchestrator,
            @RestClient NotificationUserApi notification, UserEventPublisher events, RateLimiter rateLimiter,
            AuditLog audit, ApiKeys apiKeys, ObjectMapper json) {
        this.user = user;
        this.db = db;
        this.blobs = blobs;
        this.orchestrator = orchestrator;
        this.notification = notification;
        this.events = events;
        this.rateLimiter = rateLimiter;
        this.audit = audit;
        this.apiKeys = apiKeys;
        this.json = json.copy().enable(SerializationFeature.INDENT_OUTPUT);
    }

    public record Me(String id, String email, String name, String tier, String timeZone, Instant createdAt) {
    }

    /**
     * What the caller may change about themselves; what is left out stays as it is. A class, not a record: a record
     * cannot tell a field left out (keep it) from one given as null (clear it).
     */
    public static final class Changes {

        @Schema(description = "An IANA time zone such as Europe/Paris; null or empty: UTC", nullable = true)
        private String timeZone;
        @JsonIgnore
        @Schema(hidden = true)
        private boolean timeZoneGiven;

        public String getTimeZone() {
            return timeZone;
        }

        public void setTimeZone(String timeZone) {
            this.timeZone = timeZone;
            this.timeZoneGiven = true;
        }
    }

    @Operation(operationId = "getMe", summary = "Who the caller is: id, email, name, tier and time zone",
            description = "The signed-in user as Autoflow knows them: id, email, name, tier and time zone (the zone "
                    + "schedules use when they name none).")
    @GET
    @Produces(MediaType.APPLICATION_JSON)
    public Uni<Me> me() {
        return db.preparedQuery("SELECT id, email, name, tier, time_zone, created_at FROM gateway.users WHERE id = $1")
                .execute(Tuple.of(user.id())).map(rows -> {
                    Row row = rows.iterator().next();
                    return new Me(row.getUUID("id").toString(), row.getString("email"), row.getString("name"),
                            row.getString("tier"), row.getString("time_zone"),
                            row.getOffsetDateTime("created_at").toInstant());
                });
    }

    /** {@code PATCH /api/me}: the time zone (an IANA id such as {@code Europe/Paris}; null or empty: UTC). */
    @Operation(operationId = "updateMe", summary = "Change the caller's profile (time zone)",
            description = "Sets the caller's time zone, an IANA id such as Europe/Paris; null or empty means UTC. A"
                    + " zone Java does not know is 422 invalid_time_zone.")
    @APIResponse(responseCode = "200", description = "The profile as changed")
    @APIResponse(responseCode = "422", description = "invalid_time_zone: not an IANA time zone")
    @PATCH
    @Consumes(MediaType.APPLICATION_JSON)
    @Produces(MediaType.APPLICATION_JSON)
    public Uni<Me> change(Changes changes) {
        if (changes == null || !changes.timeZoneGiven) {
            throw ApiException.withParam(ErrorCode.INVALID_REQUEST, "Nothing to change: send time_zone (an IANA zone"
                    + " such as Europe/Paris, or null for UTC)", "time_zone");
        }
        String asked = changes.timeZone;
        String zone = asked == null || asked.isBlank() ? null : validZone(asked.trim());
        return db.preparedQuery("UPDATE gateway.users SET time_zone = $2 WHERE id = $1")
                .execute(Tuple.of(user.id(), zone)).call(apiKeys::ownersChanged).chain(this::me);
    }

    private static String validZone(String zone) {
        return TimeZones.iana(zone).map(ZoneId::getId)
                .orElseThrow(() -> new ApiException(ErrorCode.INVALID_TIME_ZONE, TimeZones.refusal(zone)));
    }

    /** Every job the orchestrator keeps for the user, page by page. */
    private List<ExecutionView> allExecutions(String userId) {
        List<ExecutionView> all = new ArrayList<>();
        for (int page = 0;; page++) {
            List<ExecutionView> some = orchestrator.page(userId, EXECUTIONS_PAGE, page).await().atMost(CALL_TIMEOUT);
            all.addAll(some);
            if (some.size() < EXECUTIONS_PAGE) {
                return all;
            }
        }
    }

    /**
     * A zip of everything Autoflow holds about the caller: their rows here, their jobs as the orchestrator keeps them
     * (with results), their deliveries and webhook secret's date from notification-service, and every file they own
     * ({@link UserStorage#AREAS}), decrypted.
     */
    @Operation(operationId = "exportMyData", summary = "Everything Autoflow holds about the caller, as a zip",
            description = "A zip of everything Autoflow holds about the caller: profile, API keys (never the keys), "
                    + "jobs with their results, usage, audit records, notifications and deliveries, and every "
                    + "file they own (documents, charts, reports, API answers, converted files), decrypted. The "
                    + "export is audited.")
    @GET
    @Path("/export")
    @Produces("application/zip")
    @Blocking
    public Response export(@Context HttpServerRequest http) {
        UUID id = user.id();
        Map<String, Object> parts = new java.util.LinkedHashMap<>();
        OWN_ROWS.forEach((file, sql) -> parts.put(file, rows(sql, id)));
        try {
            parts.put("executions.json", allExecutions(id.toString()));
            parts.put("notifications.json", notification.export(id.toString()).await().atMost(CALL_TIMEOUT));
        } catch (RuntimeException e) {
            // A partial export would look complete: none at all until every service answers.
            throw new ApiException(ErrorCode.EXPORT_UNAVAILABLE, "Not every service can answer right now; try again");
        }
        audit.record(id.toString(), "data.exported", id.toString(), http, null).await().atMost(CALL_TIMEOUT);
        StreamingOutput zip = out -> write(out, id, parts);
        return Response.ok(zip).header("Content-Disposition",
                ContentDisposition.attachment("autoflow-export-" + id + ".zip")).build();
    }

    private void write(OutputStream out, UUID id, Map<String, Object> parts) throws IOException {
        try (ZipOutputStream zip = new ZipOutputStream(out)) {
            for (Map.Entry<String, Object> part : parts.entrySet()) {
                zip.putNextEntry(new ZipEntry(part.getKey()));
                zip.write(json.writeValueAsBytes(part.getValue()));
                zip.closeEntry();
            }
            for (String folder : UserStorage.AREAS) {
                for (String key : blobs.list(folder + "/" + id + "/")) {
                    zip.putNextEntry(new ZipEntry("files/" + key));
                    try (InputStream in = blobs.open(key).orElseThrow()) {
                        in.transferTo(zip);
                    }
                    zip.closeEntry();
                }
            }
        }
    }

    private List<JsonNode> rows(String sql, UUID id) {
        List<JsonNode> found = new ArrayList<>();
        for (Row row : db.preparedQuery(sql).execute(Tuple.of(id.toString())).await().atMost(CALL_TIMEOUT)) {
            found.add(json.valueToTree(row.getJsonObject(0).getMap()));
        }
        return found;
    }

    /**
     * Erases the caller. Every service hears it first (so if Kafka cannot take the event, nothing is deleted and the
     * caller may try again); then the gateway's rows and the uploaded documents go, and the audit log keeps only
     * what happened, under an id that no longer names anyone.
     */
    @Operation(operationId = "deleteMe", summary = "Erase the caller and their data in every service",
            description = "Erases the caller in every service: each service hears it first (if that cannot be "
                    + "announced, nothing is deleted and the caller may try again), then the rows and files go. "
                    + "The audit log keeps what happened under an id that no longer names anyone.")
    @APIResponse(responseCode = "204", description = "Erased in every service")
    @DELETE
    public Uni<Response> delete() {
        UUID id = user.id();
        return events.deleted(new UserDeleted(id.toString(), Instant.now()))
                .chain(() -> audit.record(id.toString(), "user.deleted", id.toString(), null, null))
                .chain(() -> db.withTransaction(tx -> tx.preparedQuery("UPDATE gateway.audit_log SET ip = NULL,"
                        + " user_agent = NULL WHERE actor = $1 AND (ip IS NOT NULL OR user_agent IS NOT NULL)")
                        .execute(Tuple.of(id.toString()))
                        .chain(() -> tx.preparedQuery("DELETE FROM gateway.users WHERE id = $1")
                                .execute(Tuple.of(id)))))
                .call(apiKeys::ownersChanged)
                .chain(() -> rateLimiter.forget(id.toString()))
                .chain(() -> VertxContexts.blocking(() -> blobs.deleteAll("uploads/" + id + "/")))
                .map(deleted -> Response.noContent().build());
    }
}
