package io.autoflow.gateway.idempotency;

import io.quarkus.scheduler.Scheduled;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.RowSet;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The users' idempotency keys ({@code gateway.idempotency_keys}): who holds each key, and the answer it got. Times are
 * the database's, so that every gateway instance agrees on them.
 */
@ApplicationScoped
public class IdempotencyKeys {

    /**
     * Takes the key when it is new, expired, or held by a request whose claim lapsed (its gateway died); otherwise
     * changes nothing and returns no row. Two requests inserting the same key at once meet at the primary key: one
     * waits for the other and loses. A lapsed claim of the same request keeps its job id; anything else gets a new one.
     */
    private static final String CLAIM = "INSERT INTO gateway.idempotency_keys AS k (user_id, key, fingerprint,"
            + " claim_id, created_at, claimed_until, job_id)"
            + " VALUES ($1, $2, $3, $4, now(), now() + $5 * interval '1 ms', $7)"
            + " ON CONFLICT (user_id, key) DO UPDATE SET fingerprint = EXCLUDED.fingerprint,"
            + " claim_id = EXCLUDED.claim_id, created_at = EXCLUDED.created_at, claimed_until = EXCLUDED.claimed_until,"
            + " status = NULL, location = NULL, body = NULL,"
            + " job_id = CASE WHEN k.fingerprint = EXCLUDED.fingerprint AND k.status IS NULL"
            + " AND k.created_at >= now() - $6 * interval '1 ms' THEN coalesce(k.job_id, EXCLUDED.job_id)"
            + " ELSE EXCLUDED.job_id END"
            + " WHERE k.created_at < now() - $6 * interval '1 ms' OR (k.status IS NULL AND k.claimed_until < now())"
            + " RETURNING job_id";
    /** Extends the claims of requests still running here, never past the longest a request may hold its key. */
    private static final String RENEW = "UPDATE gateway.idempotency_keys AS k"
            + " SET claimed_until = least(now() + $4 * interval '1 ms', k.created_at + $5 * interval '1 ms')"
            + " FROM unnest($1::uuid[], $2::varchar[], $3::uuid[]) AS c(user_id, key, claim_id)"
            + " WHERE k.user_id = c.user_id AND k.key = c.key AND k.claim_id = c.claim_id AND k.status IS NULL";
    private static final String FIND = "SELECT fingerprint, status, location, body FROM gateway.idempotency_keys"
            + " WHERE user_id = $1 AND key = $2";
    private static final String KEEP = "UPDATE gateway.idempotency_keys SET status = $4, location = $5, body = $6,"
            + " claimed_until = NULL WHERE user_id = $1 AND key = $2 AND claim_id = $3";
    private static final String RELEASE = "DELETE FROM gateway.idempotency_keys WHERE user_id = $1 AND key = $2"
            + " AND claim_id = $3";
    private static final String FORGET_EXPIRED = "DELETE FROM gateway.idempotency_keys"
            + " WHERE created_at < now() - $1 * interval '1 ms'";
    /** A key released between our claim and our look at it is claimed again, a few times at most. */
    private static final int CLAIM_ATTEMPTS = 3;

    private final Pool db;
    private final IdempotencyConfig config;
    /** The claims of the requests running in this gateway, with when each was taken. */
    private final Map<Claimed, Instant> running = new ConcurrentHashMap<>();

    public IdempotencyKeys(Pool db, IdempotencyConfig config) {
        this.db = db;
        this.config = config;
    }

    /** What a request found when it asked for its key. */
    public sealed interface Lookup permits Claimed, Answered, InProgress, Reused {
    }

    /**
     * The key is this request's now: it runs (as job {@code jobId} if it starts one), and its answer is kept or the
     * key released.
     */
    public record Claimed(UUID userId, String key, UUID claimId, UUID jobId) implements Lookup {
    }

    /** The same request was answered before: this is its answer. */
    public record Answered(int status, String location, String body) implements Lookup {
    }

    /** The same request is running now. */
    public record InProgress() implements Lookup {
    }

    /** The key was used with another request. */
    public record Reused() implements Lookup {
    }

    /** Claims the key for a request with this fingerprint, or says what holds it. */
    public Uni<Lookup> claim(UUID userId, String key, String fingerprint) {
        return claim(userId, key, fingerprint, CLAIM_ATTEMPTS);
    }

    private Uni<Lookup> claim(UUID userId, String key, String fingerprint, int attempts) {
        UUID claimId = UUID.randomUUID();
        Tuple claim = Tuple.tuple().addUUID(userId).addString(key).addString(fingerprint).addUUID(claimId)
                .addLong(config.claimLease().toMillis()).addLong(config.retention().toMillis())
                .addUUID(UUID.randomUUID());
        return db.preparedQuery(CLAIM).execute(claim).chain(claimed -> {
            if (claimed.size() > 0) {
                Claimed held = new Claimed(userId, key, claimId, claimed.iterator().next().getUUID("job_id"));
                running.put(held, Instant.now());
                return Uni.createFrom().item(held);
            }
            return db.preparedQuery(FIND).execute(Tuple.of(userId, key)).chain(found -> {
                if (found.size() == 0) {
                    return attempts > 1 ? claim(userId, key, fingerprint, attempts - 1)
                            : Uni.createFrom().item(new InProgress());
                }
                return Uni.createFrom().item(holder(found.iterator().next(), fingerprint));
            });
        });
    }

    private static Lookup holder(Row row, String fingerprint) {
        if (!row.getString("fingerprint").equals(fingerprint)) {
            return new Reused();
        }
        Integer status = row.getInteger("status");
        if (status == null) {
            return new InProgress();
        }
        return new Answered(status, row.getString("location"), row.getString("body"));
    }

    /**
     * Keeps the answer of a claimed key. False when the claim had lapsed and another request has the key now (the
     * answer took longer than {@link IdempotencyConfig#claimTimeout()}, or the claim could not be renewed).
     */
    public Uni<Boolean> keep(Claimed claim, Answered answer) {
        Tuple kept = Tuple.tuple().addUUID(claim.userId()).addString(claim.key()).addUUID(claim.claimId())
                .addShort((short) answer.status()).addString(answer.location()).addString(answer.body());
        return db.preparedQuery(KEEP).execute(kept).map(updated -> updated.rowCount() > 0)
                .eventually(() -> {
                    running.remove(claim);
                });
    }

    /** Frees a claimed key: its request failed on our side, so a retry should run again. */
    public Uni<Void> release(Claimed claim) {
        return db.preparedQuery(RELEASE).execute(Tuple.of(claim.userId(), claim.key(), claim.claimId()))
                .eventually(() -> {
                    running.remove(claim);
                }).replaceWithVoid();
    }

    /**
     * Keeps the claims of the requests running here from lapsing: a claim lives {@link IdempotencyConfig#claimLease()}
     * unless renewed, so the keys of a gateway that died are free again within seconds, while a slow request keeps
     * its key up to {@link IdempotencyConfig#claimTimeout()}. A claim past that is forgotten here too.
     */
    @Scheduled(every = "${autoflow.idempotency.claim-renewal}",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    Uni<Void> renewRunningClaims() {
        Instant oldest = Instant.now().minus(config.claimTimeout());
        running.values().removeIf(claimedAt -> claimedAt.isBefore(oldest));
        List<Claimed> claims = List.copyOf(running.keySet());
        if (claims.isEmpty()) {
            return Uni.createFrom().voidItem();
        }
        Tuple renew = Tuple.tuple()
                .addArrayOfUUID(claims.stream().map(Claimed::userId).toArray(UUID[]::new))
                .addArrayOfString(claims.stream().map(Claimed::key).toArray(String[]::new))
                .addArrayOfUUID(claims.stream().map(Claimed::claimId).toArray(UUID[]::new))
                .addLong(config.claimLease().toMillis()).addLong(config.claimTimeout().toMillis());
        return db.preparedQuery(RENEW).execute(renew).replaceWithVoid();
    }

    /** Deletes the keys past their retention; answers the number deleted. */
    public Uni<Integer> forgetExpired() {
        return db.preparedQuery(FORGET_EXPIRED).execute(Tuple.of(config.retention().toMillis()))
                .map(RowSet::rowCount);
    }

    @Scheduled(every = "1h", delayed = "1m", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    Uni<Void> forgetExpiredHourly() {
        return forgetExpired().replaceWithVoid();
    }
}
