package io.autoflow.service.schedule;

import io.autoflow.events.CronExpression;
import io.autoflow.events.ErrorInfo;
import io.autoflow.events.EventJson;
import io.autoflow.events.TimeZones;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import java.time.ZoneId;
import org.eclipse.microprofile.config.Config;

/**
 * What makes a schedule acceptable, checked alike where it is asked for (the gateway answers 422) and where it is kept
 * (the scheduler): the cron expression reads and runs some day, the zone is an IANA name, and runs are no closer than
 * the tier allows ({@code autoflow.tiers.<tier>.schedule-min-interval}; an unknown tier gets the free one's).
 */
@ApplicationScoped
public class ScheduleRules {

    private final Config config;

    public ScheduleRules(Config config) {
        this.config = config;
    }

    /** A schedule that passed: its expression and zone. */
    public record Accepted(CronExpression cron, ZoneId zone) {
    }

    /** @throws Refused with {@code invalid_cron}, {@code invalid_time_zone} or {@code schedule_too_frequent} */
    public Accepted check(String cron, String zone, String tier) {
        CronExpression expression;
        try {
            expression = CronExpression.parse(cron);
        } catch (IllegalArgumentException e) {
            throw new Refused(ErrorInfo.of("invalid_cron", "The schedule cannot be read: " + e.getMessage()));
        }
        ZoneId zoneId = TimeZones.iana(zone)
                .orElseThrow(() -> new Refused(ErrorInfo.of("invalid_time_zone", TimeZones.refusal(zone))));
        Duration shortest = expression.shortestInterval();
        Duration allowed = minIntervalOf(tier);
        if (shortest.compareTo(allowed) < 0) {
            throw new Refused(new ErrorInfo("schedule_too_frequent", "Your " + tier + " tier runs a schedule at most"
                    + " every " + allowed.toMinutes() + " minutes; '" + expression.text() + "' runs "
                    + shortest.toMinutes() + " minute" + (shortest.toMinutes() == 1 ? "" : "s") + " apart",
                    EventJson.mapper().createObjectNode().put("min_interval_seconds", allowed.toSeconds())));
        }
        return new Accepted(expression, zoneId);
    }

    /** The shortest time between two runs of one schedule for the tier. */
    public Duration minIntervalOf(String tier) {
        return config.getOptionalValue("autoflow.tiers." + tier + ".schedule-min-interval", Duration.class)
                .or(() -> config.getOptionalValue("autoflow.tiers.free.schedule-min-interval", Duration.class))
                .orElseThrow(() -> new IllegalStateException("No schedule interval configured for tier " + tier));
    }

    /** A schedule that can never be accepted, and why. */
    public static final class Refused extends RuntimeException {

        private final transient ErrorInfo error;

        public Refused(ErrorInfo error) {
            super(error.message());
            this.error = error;
        }

        public ErrorInfo error() {
            return error;
        }
    }
}
