package io.autoflow.service.work;

/**
 * Where a long loop of ours lets abandoned work stop: {@link BoundedWork} interrupts a thread past its deadline, and
 * the next checkpoint ends its work. As cheap as reading a flag, so it can run per row.
 */
public final class Checkpoint {

    private Checkpoint() {
    }

    /** @throws WorkAbandonedException when this thread's work was abandoned */
    public static void check() {
        if (Thread.currentThread().isInterrupted()) {
            throw new WorkAbandonedException();
        }
    }

    /** Thrown inside abandoned work to unwind it; nobody waits for its result any more. */
    public static final class WorkAbandonedException extends RuntimeException {
        WorkAbandonedException() {
            super("The work was abandoned", null, false, false);
        }
    }
}
