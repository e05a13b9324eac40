package io.autoflow.orchestrator.workflow;

import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.config.Config;

/**
 * What a tier may have: steps per workflow ({@code autoflow.workflows.max-steps.<tier>}; free 5, pro 20,
 * enterprise 50), and workflows per user (100, the same for every tier: a list a person can still read).
 */
@ApplicationScoped
public class WorkflowLimits {

    public static final int MAX_WORKFLOWS = 100;

    private final Config config;

    public WorkflowLimits(Config config) {
        this.config = config;
    }

    public int maxSteps(String tier) {
        return config.getOptionalValue("autoflow.workflows.max-steps." + tier, Integer.class)
                .or(() -> config.getOptionalValue("autoflow.workflows.max-steps.free", Integer.class))
                .orElse(5);
    }
}
