package io.autoflow.notification;

import static org.assertj.core.api.Assertions.assertThat;

import io.autoflow.events.NotificationRequested;
import io.autoflow.notification.channel.Outcome;
import io.autoflow.notification.config.DeliveryConfig;
import io.autoflow.notification.service.RetryRules;
import io.autoflow.notification.store.Attempt;
import io.autoflow.notification.store.Notification;
import io.autoflow.notification.store.NotificationStore;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** When a failed delivery is tried again, without a database: the earlier attempts are given here. */
class RetryRulesTest {

    private static final Instant NOW = Instant.parse("2026-03-01T10:00:00Z");
    private static final NotificationRequested REQUEST = Requests.failed("webhook", "http://nosuch.invalid/");
    private static final Outcome UNRESOLVED = Outcome.unresolved("The host nosuch.invalid does not resolve");
    private static final Outcome UNAVAILABLE = Outcome.retry(503, "webhook_unavailable", "The webhook answered 503");

    private final List<Attempt> earlier = new ArrayList<>();
    private final RetryRules rules = new RetryRules(new Config(), new NotificationStore(null) {
        @Override
        public List<Attempt> attempts(String notificationId) {
            return earlier;
        }
    });

    @Test
    void aHostThatDoesNotResolveIsTriedAgainSoonUntilItFailedThreeTimesInARow() {
        assertThat(rules.nextAttempt(notification(), UNRESOLVED, NOW)).contains(NOW.plusSeconds(30));
        earlier(UNRESOLVED);
        assertThat(rules.nextAttempt(notification(), UNRESOLVED, NOW)).contains(NOW.plusSeconds(30));
        earlier(UNRESOLVED);
        assertThat(rules.nextAttempt(notification(), UNRESOLVED, NOW)).isEmpty();
    }

    @Test
    void onlyTheLatestFailuresInARowCount() {
        earlier(UNRESOLVED);
        earlier(UNRESOLVED);
        earlier(UNAVAILABLE);
        earlier(UNAVAILABLE);

        assertThat(rules.nextAttempt(notification(), UNRESOLVED, NOW)).contains(NOW.plusSeconds(30));
    }

    @Test
    void otherTransientFailuresBackOffUntilTheWindowCloses() {
        earlier(UNRESOLVED);
        earlier(UNRESOLVED);

        // After the third attempt the backoff is 5 s doubled twice, jitter taking up to half of it.
        assertThat(rules.nextAttempt(notification(), UNAVAILABLE, NOW).orElseThrow())
                .isBetween(NOW.plusSeconds(10), NOW.plusSeconds(20));
        assertThat(rules.nextAttempt(notification(), UNAVAILABLE, NOW.plus(Duration.ofHours(2)))).isEmpty();
        assertThat(rules.nextAttempt(notification(), UNRESOLVED, NOW.plus(Duration.ofHours(2)))).isEmpty();
    }

    private void earlier(Outcome outcome) {
        earlier.add(new Attempt(earlier.size() + 1, "retrying", outcome.responseCode(), outcome.errorCode(),
                outcome.error(), NOW, NOW));
    }

    private Notification notification() {
        return new Notification(REQUEST, earlier.size(), NOW, NOW.plus(Duration.ofHours(2)), null);
    }

    /** The defaults. */
    private static final class Config implements DeliveryConfig {

        @Override
        public Duration firstRetry() {
            return Duration.ofSeconds(5);
        }

        @Override
        public Duration maxBackoff() {
            return Duration.ofMinutes(10);
        }

        @Override
        public Duration retryWindow() {
            return Duration.ofHours(2);
        }

        @Override
        public int unresolvedHostAttempts() {
            return 3;
        }

        @Override
        public Duration unresolvedHostRetry() {
            return Duration.ofSeconds(30);
        }

        @Override
        public Duration pollEvery() {
            return Duration.ofSeconds(1);
        }

        @Override
        public long attachMaxBytes() {
            return 10_485_760;
        }

        @Override
        public Duration linkValidity() {
            return Duration.ofDays(7);
        }

        @Override
        public int senders() {
            return 4;
        }

        @Override
        public Duration webhookTimeout() {
            return Duration.ofSeconds(10);
        }

        @Override
        public Duration secretRotationOverlap() {
            return Duration.ofHours(24);
        }
    }
}
