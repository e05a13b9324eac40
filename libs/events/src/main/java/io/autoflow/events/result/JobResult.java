package io.autoflow.events.result;

/**
 * What a completed job made. Which record it is follows from the job's workflow type ({@link JobResults#typeOf}):
 * {@link AnalysisResult}, {@link ApiCallResult}, {@link TransformResult}, {@link NotificationResult} or
 * {@link io.autoflow.events.ScheduleView}. The worker builds it, the orchestrator keeps it as JSON, the gateway reads
 * it back into the same record: both ends compile against one type.
 */
public interface JobResult {

    /**
     * This result as the public API shows it: without the blob-store keys the worker wrote it with, which are the
     * platform's own (the gateway hands out links instead).
     */
    default JobResult withoutStorageKeys() {
        return this;
    }
}
