package io.autoflow.notification.service;

import io.autoflow.notification.channel.Outcome;
import io.autoflow.notification.config.DeliveryConfig;
import io.autoflow.notification.store.Attempt;
import io.autoflow.notification.store.Notification;
import io.autoflow.notification.store.NotificationStore;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * Whether and when a delivery whose attempt failed is tried again; the one place for it. A transient failure waits
 * a backoff that doubles ({@link Backoff}) until the retry window closes. A host that does not resolve waits
 * {@code unresolved-host-retry} and fails the delivery once it has not resolved {@code unresolved-host-attempts}
 * times in a row: a name that is gone would otherwise be looked up for the whole window.
 */
@ApplicationScoped
public class RetryRules {

    private final DeliveryConfig config;
    private final NotificationStore store;

    public RetryRules(DeliveryConfig config, NotificationStore store) {
        this.config = config;
        this.store = store;
    }

    /**
     * @param notification as it was before this attempt
     * @return when to try again, or empty when the delivery fails for good
     */
    public Optional<Instant> nextAttempt(Notification notification, Outcome outcome, Instant finished) {
        Instant next;
        if (outcome.kind() == Outcome.Kind.UNRESOLVED) {
            if (unresolvedInARow(notification) + 1 >= config.unresolvedHostAttempts()) {
                return Optional.empty();
            }
            next = finished.plus(config.unresolvedHostRetry());
        } else {
            next = finished.plus(Backoff.after(notification.attempts() + 1, config.firstRetry(), config.maxBackoff()));
        }
        return next.isAfter(notification.giveUpAt()) ? Optional.empty() : Optional.of(next);
    }

    /** How many of the latest earlier attempts found no address. */
    private int unresolvedInARow(Notification notification) {
        if (notification.attempts() == 0) {
            return 0;
        }
        List<Attempt> earlier = store.attempts(notification.id());
        int count = 0;
        for (int i = earlier.size() - 1; i >= 0 && Outcome.URL_UNREACHABLE.equals(earlier.get(i).errorCode()); i--) {
            count++;
        }
        return count;
    }
}
