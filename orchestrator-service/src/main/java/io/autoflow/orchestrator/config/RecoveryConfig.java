package io.autoflow.orchestrator.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;

/**
 * When a job has gone silent and what is done about it ({@code autoflow.recovery.*}): a job not started within
 * {@link #queueWait()} of being sent to its workers, or not finished within its tier's processing time plus
 * {@link #margin()} of starting, is sent to its workers again; after {@link #maxAttempts()} sendings it fails with
 * {@code worker_lost}.
 */
@ConfigMapping(prefix = "autoflow.recovery")
public interface RecoveryConfig {

    /** How long a job may wait for a worker to take it up (a backlog of normal jobs included). */
    @WithDefault("10m")
    Duration queueWait();

    /** Past the tier's processing time, at which the worker stops the job itself and reports it: time to hear so. */
    @WithDefault("30s")
    Duration margin();

    /** How many times a job's request is sent in all. */
    @WithDefault("3")
    int maxAttempts();

    /** How often the sweep looks for silent jobs. */
    @WithDefault("5s")
    Duration checkEvery();
}
