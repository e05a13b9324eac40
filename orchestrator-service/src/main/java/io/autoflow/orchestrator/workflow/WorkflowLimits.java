package io.autoflow.orchestrator.workflow;

import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.config.Config;

/**
 * What a tier may have: steps per workflow ({@code autoflow.workflows.max-steps.<tier>}; free 5, pro 20,
 * enterprise 50), runs a day ({@code autoflow.workflows.runs-per-day.<tier>}; free 100, pro 2,000, enterprise no
 * bound), and workflows per user (100, the same for every tier: a list a person can still read). An unknown tier has
 * the free tier's.
 */
@ApplicationScoped
public class WorkflowLimits {

    public static final int MAX_WORKFLOWS = 100;

    private final Config config;

    public WorkflowLimits(Config config) {
        this.config = config;
    }

    public int maxSteps(String tier) {
        return of("max-steps", tier, 5);
    }

    /** Runs a user may start in a UTC day, whatever started them; negative: no bound. */
    public int runsPerDay(String tier) {
        return of("runs-per-day", tier, 100);
    }

    private int of(String limit, String tier, int fallback) {
        String prefix = "autoflow.workflows." + limit + ".";
        return config.getOptionalValue(prefix + tier, Integer.class)
                .or(() -> config.getOptionalValue(prefix + "free", Integer.class)).orElse(fallback);
    }
}
