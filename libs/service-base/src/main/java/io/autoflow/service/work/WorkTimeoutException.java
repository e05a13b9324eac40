package io.autoflow.service.work;

import java.time.Duration;

/** The work passed its time limit and was abandoned. */
public class WorkTimeoutException extends RuntimeException {

    private final Duration limit;

    public WorkTimeoutException(Duration limit) {
        super("The work ran longer than its " + limit.toSeconds() + " s");
        this.limit = limit;
    }

    public Duration limit() {
        return limit;
    }
}
