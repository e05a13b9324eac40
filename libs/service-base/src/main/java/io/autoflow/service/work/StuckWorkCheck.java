package io.autoflow.service.work;

import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Liveness;

/**
 * Not live while work abandoned at its deadline still runs after it was interrupted and stopped: it holds a core and
 * memory that only a restart gives back (Kubernetes' liveness probe, or {@code ./autoflow}'s supervisor).
 */
@Liveness
@ApplicationScoped
public class StuckWorkCheck implements HealthCheck {

    private final BoundedWork work;

    public StuckWorkCheck(BoundedWork work) {
        this.work = work;
    }

    @Override
    public HealthCheckResponse call() {
        var stuck = work.stuck();
        var response = HealthCheckResponse.named("abandoned work").status(stuck.isEmpty());
        stuck.forEach((thread, since) -> response.withData(thread, "abandoned at " + since));
        return response.build();
    }
}
