package io.autoflow.gateway.audit;

import io.smallrye.mutiny.Uni;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.json.JsonObject;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Map;
import org.jboss.logging.Logger;

/**
 * Appends to the audit log (the table refuses updates and deletes). Writing it never fails the request it records:
 * a write that fails is logged as an error instead.
 */
@ApplicationScoped
public class AuditLog {

    private static final Logger LOG = Logger.getLogger(AuditLog.class);
    private static final int MAX_USER_AGENT = 512;

    private final Pool db;

    public AuditLog(Pool db) {
        this.db = db;
    }

    /**
     * @param actor the authenticated user's id, or null
     * @param request where it came from (address and user agent)
     */
    public Uni<Void> record(String actor, String action, String target, HttpServerRequest request,
            Map<String, Object> details) {
        String ip = request == null || request.remoteAddress() == null ? null : request.remoteAddress().hostAddress();
        String agent = request == null ? null : request.getHeader("User-Agent");
        if (agent != null && agent.length() > MAX_USER_AGENT) {
            agent = agent.substring(0, MAX_USER_AGENT);
        }
        return db.preparedQuery("INSERT INTO gateway.audit_log (occurred_at, actor, action, target, ip, user_agent,"
                + " details) VALUES ($1, $2, $3, $4, $5, $6, $7)")
                .execute(Tuple.from(new Object[] {OffsetDateTime.now(ZoneOffset.UTC), actor, action, target, ip,
                        agent, details == null ? null : new JsonObject(details)}))
                .replaceWithVoid()
                .onFailure().recoverWithItem(e -> {
                    LOG.errorf(e, "Audit record %s by %s could not be written", action, actor);
                    return null;
                });
    }
}
