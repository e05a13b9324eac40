package io.autoflow.events;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.cronutils.model.Cron;
import java.time.Instant;
import java.time.ZoneId;
import org.junit.jupiter.api.Test;

class CronExpressionsTest {

    @Test
    void theNextRunIsReadInTheScheduleTimeZoneAcrossADaylightSavingChange() {
        Cron mondays = CronExpressions.parse("0 9 * * MON");
        // Sunday 2026-03-29 is when Paris moves to summer time (UTC+2).
        Instant before = Instant.parse("2026-03-27T12:00:00Z");

        assertThat(CronExpressions.next(mondays, before, ZoneId.of("Europe/Paris")))
                .contains(Instant.parse("2026-03-30T07:00:00Z"));
        assertThat(CronExpressions.next(mondays, before, ZoneId.of("UTC")))
                .contains(Instant.parse("2026-03-30T09:00:00Z"));
        assertThat(CronExpressions.next(mondays, Instant.parse("2026-03-30T07:00:00Z"), ZoneId.of("Europe/Paris")))
                .as("strictly after").contains(Instant.parse("2026-04-06T07:00:00Z"));
    }

    @Test
    void aMalformedExpressionIsRefusedInWords() {
        for (String bad : new String[] {"", "every monday", "61 * * * *", "* * * *", "0 9 * * MON *"}) {
            assertThatThrownBy(() -> CronExpressions.parse(bad)).as(bad).isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("cron expression");
        }
    }
}
