package io.autoflow.gateway.admission;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.autoflow.gateway.messaging.KafkaConnection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** Which workers may sleep at zero replicas comes from the configuration, by consumer group, checked at start. */
class WorkerAvailabilityTest {

    private static final Workers ANALYTICS = Workers.forSubmission("/api/analytics/document").orElseThrow();
    private static final Workers CONVERSION = Workers.forSubmission("/api/transforms").orElseThrow();

    @Test
    void onlyTheNamedGroupsMaySleep() {
        WorkerAvailability kubernetes = availability(Optional.of(List.of("analytics", " automation", "transform ")));
        assertThat(kubernetes.maySleep(ANALYTICS)).isTrue();
        assertThat(kubernetes.maySleep(CONVERSION)).isTrue();
        assertThat(kubernetes.maySleep(Workers.ORCHESTRATOR)).isFalse();

        WorkerAvailability local = availability(Optional.empty());
        assertThat(Workers.all()).noneMatch(local::maySleep);
    }

    @Test
    void aWorkflowRunNeedsTheOrchestratorWhichDrivesItsSteps() {
        assertThat(Workers.forSubmission("/api/workflows/3f6b2a1e-9c4d-4e7a-8b2f-5d1c0e9a7b36/runs"))
                .contains(Workers.ORCHESTRATOR);
        assertThat(Workers.forSubmission("/api/workflows/3f6b2a1e/runs/x")).isEmpty();
        assertThat(Workers.forSubmission("/api/workflows")).isEmpty();
        // A failed run started again is a run too; cancelling one starts nothing.
        assertThat(Workers.forSubmission("/api/jobs/3f6b2a1e-9c4d-4e7a-8b2f-5d1c0e9a7b36/rerun"))
                .contains(Workers.ORCHESTRATOR);
        assertThat(Workers.forSubmission("/api/jobs/3f6b2a1e-9c4d-4e7a-8b2f-5d1c0e9a7b36/cancel")).isEmpty();
        assertThat(Workers.all()).doesNotHaveDuplicates();
    }

    @Test
    void aGroupTheGatewayDoesNotWatchStopsItAtStart() {
        assertThatThrownBy(() -> availability(Optional.of(List.of("analytics-service"))))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("analytics-service, which is not a consumer group the gateway watches");
    }

    private static WorkerAvailability availability(Optional<List<String>> sleeping) {
        return new WorkerAvailability(new KafkaConnection(Map.of("bootstrap.servers", "localhost:1")), true, sleeping);
    }
}
