package io.autoflow.gateway.usage;

import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/** Counts each user's requests, uploaded bytes and jobs per UTC day, with one atomic upsert per event. */
@ApplicationScoped
public class UsageMeter {

    private static final String UPSERT = "INSERT INTO gateway.usage_metrics (user_id, day, requests, bytes_uploaded,"
            + " jobs) VALUES ($1, $2, $3, $4, $5) ON CONFLICT (user_id, day) DO UPDATE SET"
            + " requests = usage_metrics.requests + EXCLUDED.requests,"
            + " bytes_uploaded = usage_metrics.bytes_uploaded + EXCLUDED.bytes_uploaded,"
            + " jobs = usage_metrics.jobs + EXCLUDED.jobs";

    private final Pool db;

    public UsageMeter(Pool db) {
        this.db = db;
    }

    /** One day's counts. */
    public record Day(LocalDate day, long requests, long bytesUploaded, long jobs) {
    }

    public Uni<Void> request(UUID userId) {
        return add(userId, 1, 0, 0);
    }

    public Uni<Void> job(UUID userId, long bytesUploaded) {
        return add(userId, 0, bytesUploaded, 1);
    }

    /** The last {@code days} days that have any use, oldest first. */
    public Uni<List<Day>> days(UUID userId, int days) {
        return db.preparedQuery("SELECT day, requests, bytes_uploaded, jobs FROM gateway.usage_metrics"
                + " WHERE user_id = $1 AND day > $2 ORDER BY day")
                .execute(Tuple.of(userId, today().minusDays(days)))
                .map(rows -> {
                    List<Day> found = new ArrayList<>();
                    for (Row row : rows) {
                        found.add(new Day(row.getLocalDate(0), row.getLong(1), row.getLong(2), row.getLong(3)));
                    }
                    return found;
                });
    }

    public static LocalDate today() {
        return LocalDate.now(ZoneOffset.UTC);
    }

    private Uni<Void> add(UUID userId, long requests, long bytes, long jobs) {
        return db.preparedQuery(UPSERT).execute(Tuple.of(userId, today(), requests, bytes, jobs)).replaceWithVoid();
    }
}
