package io.autoflow.automation.messaging;

import io.autoflow.automation.domain.AutomationRun;
import io.autoflow.automation.service.ApiAutomation;
import io.autoflow.automation.service.AutomationRuns;
import io.autoflow.events.Intents;
import io.autoflow.events.MalformedEventException;
import io.autoflow.events.RunAutomation;
import io.autoflow.events.Topics;
import io.autoflow.service.VertxContexts;
import io.autoflow.service.failure.TransientRetry;
import io.autoflow.service.failure.UniqueViolation;
import io.autoflow.service.messaging.DeferredStart;
import io.autoflow.service.messaging.ExecutionEvents;
import io.autoflow.service.tracing.CarriedContext;
import io.autoflow.service.tracing.JobContext;
import io.smallrye.mutiny.Uni;
import io.smallrye.mutiny.infrastructure.Infrastructure;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import java.util.concurrent.Executor;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.jboss.logging.Logger;

/**
 * Handles API automation requests. The offset is committed only once the outcome is stored and announced; a request
 * whose run already finished is answered again with the stored outcome, so a redelivery does not call the API twice.
 * A worker that dies during the call leaves the request to be redelivered, and the call is made again then.
 */
@ApplicationScoped
public class ApiAutomationConsumer {

    private static final Logger LOG = Logger.getLogger(ApiAutomationConsumer.class);

    /** How often a run held by another replica is looked at again. */
    private static final Duration CLAIM_RECHECK = Duration.ofSeconds(2);

    private final AutomationRuns runs;
    private final ApiAutomation automation;
    private final ExecutionEvents events;
    private final TransientRetry retry;

    public ApiAutomationConsumer(AutomationRuns runs, ApiAutomation automation, ExecutionEvents events,
            TransientRetry retry) {
        this.runs = runs;
        this.automation = automation;
        this.events = events;
        this.retry = retry;
    }

    @Incoming("api-automation")
    public Uni<Void> onRequest(RunAutomation request) {
        if (request == null || request.executionId() == null || request.userId() == null) {
            throw new MalformedEventException(Topics.WORKFLOW_API_AUTOMATION);
        }
        JobContext.enter(request.executionId(), request.userId(), Intents.API_AUTOMATION);
        Executor onContext = VertxContexts.current();
        String id = request.executionId();
        return handle(request, onContext)
                .onFailure().invoke(e -> LOG.errorf(e, "Request for job %s failed; it goes to the dead-letter topic", id));
    }

    private Uni<Void> handle(RunAutomation request, Executor onContext) {
        String id = request.executionId();
        // Each step of ours rides out the database or broker away for a while; the API call itself is never repeated
        // by it (a POST must not be sent twice), only by the call's own rules.
        return reliably("Run", id, () -> runs.findOrStart(request))
                // Another replica has the same request in hand (a partition handed over mid-work): it makes the call;
                // a second one now would call the user's API twice. Null when it holds the run's claim, a unique
                // violation when both inserted the run at the same moment.
                .onFailure(UniqueViolation::caused).recoverWithNull()
                .chain(run -> run == null ? afterTheirClaim(request, onContext) : carryOn(request, run, onContext));
    }

    private Uni<Void> carryOn(RunAutomation request, AutomationRun run, Executor onContext) {
        String id = request.executionId();
        if (run.isFinished()) {
            return reliably("Outcome", id, () -> events.publish(AutomationRuns.finalEvent(run)));
        }
        // Announced only if the call is still going after a while; a quick call's outcome says when it began.
        DeferredStart start = events.starting(id);
        // The call keeps the job's trace and log context; its traceparent header continues it at the API.
        return Uni.createFrom().item(CarriedContext.supplier(() -> automation.run(request)))
                .runSubscriptionOn(Infrastructure.getDefaultWorkerPool())
                .emitOn(onContext)
                .call(outcome -> reliably("Record", id, () -> runs.finish(id, outcome)))
                .chain(outcome -> reliably("Outcome", id, () -> events.publish(start.ending(outcome.toEvent(id)))))
                .eventually(start::close);
    }

    /** A step of ours on the database or the broker, riding out either away for a while. */
    private <T> Uni<T> reliably(String step, String id, java.util.function.Supplier<Uni<? extends T>> work) {
        return retry.handle(Topics.WORKFLOW_API_AUTOMATION, step + " of job " + id, work);
    }

    /**
     * The run is another replica's. That replica may have died holding it (often why the partition came here), so the
     * request is looked at again every few seconds: once the run is finished its outcome is announced again (harmless,
     * as on a redelivery), once the claim has run out the run is taken up here. The partition waits meanwhile, at
     * most the claim (the calls' total time + 30 s), well within its unprocessed-record age.
     */
    private Uni<Void> afterTheirClaim(RunAutomation request, Executor onContext) {
        LOG.infof("Job %s is being run by another replica; looking again in %d s", request.executionId(),
                CLAIM_RECHECK.toSeconds());
        return Uni.createFrom().voidItem().onItem().delayIt().by(CLAIM_RECHECK).emitOn(onContext)
                .chain(() -> handle(request, onContext));
    }
}
