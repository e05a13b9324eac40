package io.autoflow.gateway.service;

import io.autoflow.events.EventJson;
import io.autoflow.events.IntentParsed;
import io.autoflow.gateway.auth.CurrentUser;
import io.autoflow.gateway.domain.Job;
import io.autoflow.gateway.idempotency.JobIds;
import io.autoflow.gateway.usage.UsageMeter;
import io.autoflow.service.tracing.JobContext;
import io.autoflow.service.tracing.TraceParents;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.RequestScoped;
import java.time.Instant;
import java.util.UUID;
import org.jboss.logging.Logger;

/**
 * Accepts a request as a job of the caller: the job and its intent are recorded (the outbox), the intent published,
 * and the request counted in the user's usage. A job already recorded under that id (a retry) is accepted as it is.
 */
@RequestScoped
public class JobIntake {

    private static final Logger LOG = Logger.getLogger(JobIntake.class);

    private final CurrentUser user;
    private final JobOutbox outbox;
    private final UsageMeter usage;
    private final JobIds jobIds;

    public JobIntake(CurrentUser user, JobOutbox outbox, UsageMeter usage, JobIds jobIds) {
        this.user = user;
        this.outbox = outbox;
        this.usage = usage;
        this.jobIds = jobIds;
    }

    /** The id of the job this request is about to start: its {@code Idempotency-Key}'s, or a new one. */
    public UUID newJobId() {
        return jobIds.next();
    }

    /**
     * @param name what the user will recognise the job by in lists and emails
     * @param bytesUploaded what the request brought in, for the user's usage
     */
    public Uni<Job> accept(UUID jobId, String intent, String name, long bytesUploaded, Object parameters) {
        Job job = new Job();
        job.id = jobId;
        job.userId = user.id();
        job.workflowType = intent;
        job.fileName = name;
        job.sizeBytes = bytesUploaded == 0 ? null : bytesUploaded;
        job.createdAt = Instant.now();
        job.traceParent = TraceParents.current();
        JobContext.enter(jobId.toString(), user.id().toString(), intent);
        IntentParsed parsed = new IntentParsed(jobId.toString(), user.id().toString(), user.tier(), intent,
                EventJson.mapper().valueToTree(parameters), job.createdAt);
        job.intent = EventJson.write(parsed);
        // A retry finding its first try's job (recorded before that gateway died) leaves it to the outbox sweeper.
        return outbox.record(job).call(created -> created
                ? outbox.publish(job, parsed).chain(() -> usage.job(user.id(), bytesUploaded))
                : Uni.createFrom().voidItem()).replaceWith(job)
                .invoke(() -> LOG.infof("Job %s accepted: %s", jobId, intent));
    }
}
