package io.autoflow.orchestrator.run;

import io.autoflow.events.EventJson;
import io.autoflow.events.ExecutionEvent.Status;
import io.autoflow.events.result.Narrative;
import io.autoflow.events.result.WorkflowRunResult;
import io.autoflow.events.result.WorkflowRunResult.StepRun;
import io.autoflow.events.workflow.RunWorkflow;
import io.autoflow.events.workflow.WorkflowStep;
import io.autoflow.orchestrator.domain.Execution;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/**
 * A run as one change of it sees it: its pinned definition and its steps' list, which {@link #save} writes back as
 * the run's result. {@code primary} is the job the change is about (the run, or the step's job that ended): what
 * else the change touched goes in its follow-ups, to be announced once committed.
 */
final class RunState {

    final Execution run;
    final Execution primary;
    RunWorkflow asked;
    final List<StepRun> steps;

    RunState(Execution run, Execution primary, RunWorkflow asked, List<StepRun> steps) {
        this.run = run;
        this.primary = primary;
        this.asked = asked;
        this.steps = new ArrayList<>(steps);
    }

    static RunState of(Execution run, Execution primary) {
        WorkflowRunResult result = EventJson.read(run.outputData, WorkflowRunResult.class);
        return new RunState(run, primary, EventJson.read(run.inputData, RunWorkflow.class), result.steps());
    }

    List<WorkflowStep> definition() {
        return asked.definition().steps();
    }

    /** The entry of a step of the definition (not a fallback's). */
    int entryOf(String stepName) {
        for (int i = 0; i < steps.size(); i++) {
            if (steps.get(i).fallbackFor() == null && steps.get(i).name().equals(stepName)) {
                return i;
            }
        }
        return -1;
    }

    /** The entry whose latest attempt is this job; -1 for an earlier attempt's or another run's. */
    int entryWithJob(UUID jobId) {
        String id = jobId.toString();
        for (int i = 0; i < steps.size(); i++) {
            if (id.equals(steps.get(i).jobId())) {
                return i;
            }
        }
        return -1;
    }

    int indexInDefinition(String stepName) {
        List<WorkflowStep> definition = definition();
        for (int i = 0; i < definition.size(); i++) {
            if (definition.get(i).name().equals(stepName)) {
                return i;
            }
        }
        throw new IllegalStateException("No step " + stepName + " in the run's definition");
    }

    /** Writes the steps back as the run's result, and lists the run among the change's follow-ups. */
    void save() {
        run.outputData = EventJson.write(new WorkflowRunResult(asked.workflowId(), asked.revision(), asked.trigger(),
                asked.rerunOf(), steps, Narrative.of(narrative())));
        run.updatedAt = Instant.now();
        if (run != primary && !primary.followUps.contains(run)) {
            primary.followUps.add(run);
        }
    }

    private String narrative() {
        String name = asked.name() == null ? "The workflow" : asked.name();
        int total = definition().size();
        List<String> failed = steps.stream().filter(s -> s.fallbackFor() == null
                && WorkflowRunResult.FAILED.equals(s.status())).map(StepRun::name).toList();
        if (run.status == Status.COMPLETED) {
            return name + " ran its " + (total == 1 ? "step" : total + " steps")
                    + (failed.isEmpty() ? "" : "; " + String.join(", ", failed) + " failed and the run went on") + ".";
        }
        if (run.status == Status.FAILED) {
            return failed.isEmpty() ? name + " was stopped."
                    : name + " stopped at step " + (indexInDefinition(failed.get(failed.size() - 1)) + 1) + " of "
                            + total + " (" + failed.get(failed.size() - 1) + ").";
        }
        for (int i = 0; i < steps.size(); i++) {
            StepRun step = steps.get(i);
            if (WorkflowRunResult.RUNNING.equals(step.status()) || WorkflowRunResult.WAITING.equals(step.status())) {
                return name + ": " + (step.fallbackFor() != null ? "the fallback of " + step.fallbackFor()
                        : "step " + (indexInDefinition(step.name()) + 1) + " of " + total + " (" + step.name() + ")")
                        + (WorkflowRunResult.WAITING.equals(step.status()) ? " waits to be tried again ("
                                + "attempt " + step.attempt() + ")." : " is running.");
            }
        }
        return name + " is starting.";
    }
}
