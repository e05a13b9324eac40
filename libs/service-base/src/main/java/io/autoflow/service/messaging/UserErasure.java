package io.autoflow.service.messaging;

import io.autoflow.events.MalformedEventException;
import io.autoflow.events.Topics;
import io.autoflow.events.UserDeleted;
import io.autoflow.service.failure.TransientRetry;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.function.Function;

/**
 * The one guard of every service's {@code user-events} consumer: a record without a user is poison (dead-lettered at
 * once); the service's erasure of a valid one is retried through a transient fault (a database restart) until the
 * retry window ends. Each service only says what it forgets.
 */
@ApplicationScoped
public class UserErasure {

    private static final String WHAT = "Erasure of a user";

    /** A service's blocking erasure of one user's data. */
    @FunctionalInterface
    public interface BlockingErasure {
        void forget(String userId) throws Exception;
    }

    private final TransientRetry retry;

    public UserErasure(TransientRetry retry) {
        this.retry = retry;
    }

    /** For reactive consumers: call on the consumer's Vert.x context. */
    public Uni<Void> erase(UserDeleted event, Function<String, Uni<?>> erasure) {
        String userId = userIdOf(event);
        return retry.<Object>handle(Topics.USER_EVENTS, WHAT, () -> erasure.apply(userId)).replaceWithVoid();
    }

    /** For consumers on worker threads. */
    public void eraseBlocking(UserDeleted event, BlockingErasure erasure) throws Exception {
        String userId = userIdOf(event);
        retry.handleBlocking(Topics.USER_EVENTS, WHAT, () -> {
            erasure.forget(userId);
            return null;
        });
    }

    private static String userIdOf(UserDeleted event) {
        if (event == null || event.userId() == null) {
            throw new MalformedEventException(Topics.USER_EVENTS);
        }
        return event.userId();
    }
}
