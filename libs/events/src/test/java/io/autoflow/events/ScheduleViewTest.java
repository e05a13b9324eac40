package io.autoflow.events;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.util.List;
import org.junit.jupiter.api.Test;

/** A schedule's next runs travel scheduler → gateway → client in the schedule's zone, in RFC 3339 with seconds. */
class ScheduleViewTest {

    /** Like the services' mapper: Jackson's defaults, which move dates to UTC when read unless told otherwise. */
    private static final ObjectMapper SERVICE = JsonMapper.builder().addModule(new JavaTimeModule())
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS).build();

    @Test
    void nextRunsKeepTheirZoneAndSecondsThroughEveryHop() throws Exception {
        OffsetDateTime nineInNewYork = Instant.parse("2027-01-04T14:00:00Z").atZone(ZoneId.of("America/New_York"))
                .toOffsetDateTime();
        ScheduleView view = new ScheduleView("s", "Reminder", "0 9 * * MON", "America/New_York", "at 09:00 on Monday",
                ScheduleView.ACTIVE, Intents.NOTIFICATION, 0, 0, Instant.parse("2027-01-01T00:00:00Z"), null, null,
                List.of(nineInNewYork));

        String fromScheduler = EventJson.mapper().writeValueAsString(view);
        assertThat(fromScheduler).contains("\"next_runs\":[\"2027-01-04T09:00:00-05:00\"]")
                .contains("\"time_zone\"").doesNotContain("last_run_at");
        ScheduleView atGateway = SERVICE.readValue(fromScheduler, ScheduleView.class);
        assertThat(SERVICE.writeValueAsString(atGateway)).contains("\"next_runs\":[\"2027-01-04T09:00:00-05:00\"]");
    }
}
