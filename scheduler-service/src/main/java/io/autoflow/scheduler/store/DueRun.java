package io.autoflow.scheduler.store;

import io.autoflow.events.IntentParsed;

/** A run written to the outbox: its intent, to publish. */
public record DueRun(String executionId, IntentParsed intent) {
}
