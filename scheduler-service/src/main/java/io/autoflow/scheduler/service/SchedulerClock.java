package io.autoflow.scheduler.service;

import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;
import java.time.Clock;

/** The scheduler's time: the system's; a test moves it across a daylight-saving change (DaylightSavingFiringTest). */
public class SchedulerClock {

    @Produces
    @Singleton
    Clock clock() {
        return Clock.systemUTC();
    }
}
