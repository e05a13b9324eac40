package io.autoflow.testsupport;

import static org.assertj.core.api.Assertions.assertThat;

import io.autoflow.events.EventJson;
import io.autoflow.events.ExecutionEvent;
import io.autoflow.events.Topics;
import java.time.Duration;
import java.util.List;
import org.apache.kafka.clients.consumer.ConsumerRecord;

/**
 * How a worker's job ended, as its events say: for tests that a fault on the way made it end exactly once, and how,
 * with nothing dead-lettered.
 */
public final class JobEnding {

    private static final Duration READ = Duration.ofSeconds(20);

    private JobEnding() {
    }

    /** The job's ending event (completed or failed), once announced on {@code execution-events}. */
    public static ExecutionEvent awaitEnd(KafkaTestClient kafka, String jobId, Duration timeout) {
        return read(kafka.awaitRecord(Topics.EXECUTION_EVENTS, record -> jobId.equals(record.key())
                && read(record).status().isTerminal(), timeout));
    }

    /**
     * Asserts that the job ended once, with {@code status}, and that its request is not on the dead-letter topic of
     * {@code requestTopic}. A request that Kafka redelivers (a consumer-group rebalance before its offset was
     * committed) is, by design, answered again with the stored outcome or run again to the same result: the same start
     * and the same ending, announced again, are still one ending; another status, another error or another result
     * are not.
     *
     * @return the ending event
     */
    public static ExecutionEvent assertEndedOnce(KafkaTestClient kafka, String jobId, ExecutionEvent.Status status,
            String requestTopic) {
        List<ExecutionEvent> events = kafka.readAll(Topics.EXECUTION_EVENTS, READ).stream()
                .filter(record -> jobId.equals(record.key())).map(JobEnding::read)
                .filter(event -> event.status() != ExecutionEvent.Status.PROGRESS).toList();
        // A start is announced only for a job still at work after a while (DeferredStart): there may be none.
        assertThat(events).as("events of job " + jobId).extracting(ExecutionEvent::status).contains(status)
                .isSubsetOf(ExecutionEvent.Status.STARTED, status);
        List<ExecutionEvent> endings = events.stream().filter(event -> event.status() == status).toList();
        assertThat(endings).as("endings of job " + jobId)
                .extracting(ExecutionEvent::error, ExecutionEvent::result)
                .containsOnly(org.assertj.core.groups.Tuple.tuple(endings.get(0).error(), endings.get(0).result()));
        assertThat(kafka.readAll(Topics.dlq(requestTopic), READ)).as("dead letters of job " + jobId)
                .noneMatch(record -> jobId.equals(record.key()));
        return endings.get(0);
    }

    private static ExecutionEvent read(ConsumerRecord<String, String> record) {
        try {
            return EventJson.mapper().readValue(record.value(), ExecutionEvent.class);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
