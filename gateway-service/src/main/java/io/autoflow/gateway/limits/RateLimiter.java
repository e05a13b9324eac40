package io.autoflow.gateway.limits;

import io.quarkus.redis.datasource.ReactiveRedisDataSource;
import io.quarkus.redis.datasource.keys.ReactiveKeyCommands;
import io.quarkus.redis.datasource.value.ReactiveValueCommands;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;

/**
 * Counts each user's requests per UTC day in Redis. INCR is atomic, so however many requests arrive at once, each
 * gets its own number and exactly the tier's limit pass. The key expires an hour after its day ends.
 */
@ApplicationScoped
public class RateLimiter {

    private final ReactiveValueCommands<String, Long> counters;
    private final ReactiveKeyCommands<String> keys;
    public RateLimiter(ReactiveRedisDataSource redis) {
        this.counters = redis.value(Long.class);
        this.keys = redis.key();
    }

    /** What counting one more request said: the limit, how many remain after it, and when the day resets. */
    public record Decision(long limit, long remaining, Instant reset) {

        public boolean allowed() {
            return remaining >= 0;
        }
    }

    public Uni<Decision> count(String userId, long limit) {
        LocalDate today = LocalDate.now(ZoneOffset.UTC);
        Instant reset = today.plusDays(1).atStartOfDay(ZoneOffset.UTC).toInstant();
        String key = key(userId, today);
        return counters.incr(key)
                .call(count -> count == 1 ? keys.expireat(key, reset.plusSeconds(3600)) : Uni.createFrom().voidItem())
                .map(count -> new Decision(limit, limit - count, reset));
    }

    /** Drops the user's counters (yesterday's may still be there until it expires). */
    public Uni<Void> forget(String userId) {
        LocalDate today = LocalDate.now(ZoneOffset.UTC);
        return keys.del(key(userId, today), key(userId, today.minusDays(1))).replaceWithVoid();
    }

    private static String key(String userId, LocalDate day) {
        return "ratelimit:requests:" + userId + ":" + day;
    }
}
