package io.autoflow.gateway.rest;

/** The body of a 202 that started a job: whatever else it says, the job's id. */
public interface JobAccepted {

    String jobId();
}
