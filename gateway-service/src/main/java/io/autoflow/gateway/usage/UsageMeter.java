package io.autoflow.gateway.usage;

import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.scheduler.Scheduled;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import org.jboss.logging.Logger;

/**
 * Counts each user's requests, uploaded bytes and jobs per UTC day. A job's bytes and count are one atomic upsert with
 * the job; requests, one per API call, are added up here and written once a second
 * ({@code autoflow.usage.flush-every}), one upsert per user and day: writing the same row on every request made every
 * read a write transaction, its WAL flush included, and queued a user's concurrent requests on that row's lock (issue
 * 19). What this instance has not written yet is in its own answers at once; other instances' within the second. A
 * write that fails (the database away) keeps its counts for the next; only a crash loses the last second's requests,
 * which are a display figure (the tier's request limit is counted in Redis, {@code RequestQuota}).
 */
@ApplicationScoped
public class UsageMeter {

    private static final Logger LOG = Logger.getLogger(UsageMeter.class);
    private static final String UPSERT = "INSERT INTO gateway.usage_metrics (user_id, day, requests, bytes_uploaded,"
            + " jobs) VALUES ($1, $2, $3, $4, $5) ON CONFLICT (user_id, day) DO UPDATE SET"
            + " requests = usage_metrics.requests + EXCLUDED.requests,"
            + " bytes_uploaded = usage_metrics.bytes_uploaded + EXCLUDED.bytes_uploaded,"
            + " jobs = usage_metrics.jobs + EXCLUDED.jobs";
    /** Requests of a user erased meanwhile are dropped (the row would outlive them). */
    private static final String ADD_REQUESTS = "INSERT INTO gateway.usage_metrics (user_id, day, requests)"
            + " SELECT $1, $2, $3 WHERE EXISTS (SELECT 1 FROM gateway.users WHERE id = $1)"
            + " ON CONFLICT (user_id, day) DO UPDATE SET requests = usage_metrics.requests + EXCLUDED.requests";

    private final Pool db;
    /** Requests counted and not written yet, by user and day; a count is taken out whole (remove) when written. */
    private final Map<UserDay, Long> unwritten = new ConcurrentHashMap<>();

    public UsageMeter(Pool db) {
        this.db = db;
    }

    /** One day's counts. */
    public record Day(LocalDate day, long requests, long bytesUploaded, long jobs) {
    }

    private record UserDay(UUID userId, LocalDate day) {
    }

    public Uni<Void> request(UUID userId) {
        unwritten.merge(new UserDay(userId, today()), 1L, Long::sum);
        return Uni.createFrom().voidItem();
    }

    public Uni<Void> job(UUID userId, long bytesUploaded) {
        return db.preparedQuery(UPSERT).execute(Tuple.of(userId, today(), 0L, bytesUploaded, 1L)).replaceWithVoid();
    }

    /** The last {@code days} days that have any use, oldest first; with this instance's requests not written yet. */
    public Uni<List<Day>> days(UUID userId, int days) {
        LocalDate after = today().minusDays(days);
        return db.preparedQuery("SELECT day, requests, bytes_uploaded, jobs FROM gateway.usage_metrics"
                + " WHERE user_id = $1 AND day > $2 ORDER BY day")
                .execute(Tuple.of(userId, after))
                .map(rows -> {
                    Map<LocalDate, Day> found = new TreeMap<>();
                    for (Row row : rows) {
                        found.put(row.getLocalDate(0), new Day(row.getLocalDate(0), row.getLong(1), row.getLong(2),
                                row.getLong(3)));
                    }
                    unwritten.forEach((key, requests) -> {
                        if (key.userId().equals(userId) && key.day().isAfter(after)) {
                            Day known = found.getOrDefault(key.day(), new Day(key.day(), 0, 0, 0));
                            found.put(key.day(), new Day(key.day(), known.requests() + requests,
                                    known.bytesUploaded(), known.jobs()));
                        }
                    });
                    return new ArrayList<>(found.values());
                });
    }

    /** Writes the requests counted since the last write. */
    @Scheduled(identity = "usage-requests", every = "${autoflow.usage.flush-every:1s}",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    Uni<Void> flush() {
        List<Tuple> batch = new ArrayList<>();
        List<UserDay> keys = new ArrayList<>();
        // One transaction (all or nothing, so a failure keeps every count), rows locked in one order.
        List<UserDay> pending = new ArrayList<>(unwritten.keySet());
        pending.sort(Comparator.comparing(UserDay::userId).thenComparing(UserDay::day));
        for (UserDay key : pending) {
            Long requests = unwritten.remove(key); // a request counted from now on starts the next count
            if (requests != null) {
                keys.add(key);
                batch.add(Tuple.of(key.userId(), key.day(), requests));
            }
        }
        if (batch.isEmpty()) {
            return Uni.createFrom().voidItem();
        }
        return db.withTransaction(connection -> connection.preparedQuery(ADD_REQUESTS).executeBatch(batch))
                .replaceWithVoid().onFailure().recoverWithUni(e -> {
                    LOG.warnf("Requests of %d users not counted yet, kept for the next write: %s", keys.size(),
                            e.getMessage());
                    for (int i = 0; i < keys.size(); i++) {
                        unwritten.merge(keys.get(i), batch.get(i).getLong(2), Long::sum);
                    }
                    return Uni.createFrom().voidItem();
                });
    }

    /** What is counted is written before the instance stops. */
    void onStop(@Observes ShutdownEvent stop) {
        flush().await().atMost(Duration.ofSeconds(5));
    }

    public static LocalDate today() {
        return LocalDate.now(ZoneOffset.UTC);
    }
}
