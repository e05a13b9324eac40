package io.autoflow.gateway.admission;

import io.autoflow.gateway.messaging.KafkaConnection;
import io.quarkus.runtime.Startup;
import io.quarkus.scheduler.Scheduled;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.ConsumerGroupDescription;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.KafkaFuture;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.GroupIdNotFoundException;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

/**
 * Whether the workers of each kind of job are there and keeping up, as Kafka sees their consumer groups: members
 * (a worker that crashed leaves its group within the session timeout) and backlog (records on their topic not yet
 * committed). Looked at every few seconds in the background, so that admission costs a request nothing; while Kafka
 * cannot be asked, nothing is known and nothing is refused (the outbox keeps what Kafka cannot take yet).
 * Workers that an autoscaler lets sleep at zero replicas (KEDA wakes them on their backlog) have no members while
 * idle; {@link #maySleep} says which.
 */
@ApplicationScoped
@Startup // a misspelt group in the configuration stops the gateway at once, not at its first job
public class WorkerAvailability {

    private static final Logger LOG = Logger.getLogger(WorkerAvailability.class);
    private static final Duration ASK_TIMEOUT = Duration.ofSeconds(3);

    /** What was seen of one group: its members, and the records waiting for it. */
    public record Seen(int members, long backlog) {
    }

    private final KafkaConnection kafka;
    private final boolean enabled;
    private final Set<String> sleepingGroups;
    private volatile Map<String, Seen> seen = Map.of();
    private Admin admin;

    /**
     * @param sleepingGroups {@code autoflow.admission.scale-to-zero-groups}: the consumer groups whose workers may
     *        scale to zero (on Kubernetes, those whose ScaledObject has {@code minReplicaCount: 0}); none by default
     */
    public WorkerAvailability(KafkaConnection kafka,
            @ConfigProperty(name = "autoflow.admission.enabled") boolean enabled,
            @ConfigProperty(name = "autoflow.admission.scale-to-zero-groups") Optional<List<String>> sleepingGroups) {
        this.kafka = kafka;
        this.enabled = enabled;
        this.sleepingGroups = Set.copyOf(sleepingGroups.orElse(List.of()).stream().map(String::trim)
                .filter(group -> !group.isEmpty()).toList());
        List<String> watched = Workers.all().stream().map(Workers::group).toList();
        for (String group : this.sleepingGroups) {
            if (!watched.contains(group)) {
                throw new IllegalArgumentException("autoflow.admission.scale-to-zero-groups names " + group
                        + ", which is not a consumer group the gateway watches: " + String.join(", ", watched));
            }
        }
    }

    /**
     * Whether these workers may be asleep at zero replicas, to be woken by their backlog: then a group without
     * members is normal, and refusing its jobs would keep it asleep.
     */
    public boolean maySleep(Workers workers) {
        return sleepingGroups.contains(workers.group());
    }

    /** What was last seen of the group, or empty when nothing is known (admission off, or Kafka not answering). */
    public Optional<Seen> of(Workers workers) {
        return Optional.ofNullable(seen.get(workers.group()));
    }

    @Scheduled(every = "${autoflow.admission.check-every}", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void look() {
        if (!enabled) {
            return;
        }
        try {
            Map<String, Seen> now = new HashMap<>();
            var described = admin().describeConsumerGroups(Workers.all().stream().map(Workers::group).toList())
                    .describedGroups();
            for (Workers workers : Workers.all()) {
                now.put(workers.group(), new Seen(members(described.get(workers.group())), backlog(workers)));
            }
            seen = now;
        } catch (Exception e) {
            LOG.debugf(e, "Kafka could not say how the workers are doing");
            seen = Map.of();
        }
    }

    /** A group Kafka has never seen (no worker of it ever started) has no members. */
    private static int members(KafkaFuture<ConsumerGroupDescription> group) throws Exception {
        try {
            return group.get(ASK_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS).members().size();
        } catch (ExecutionException e) {
            if (e.getCause() instanceof GroupIdNotFoundException) {
                return 0;
            }
            throw e;
        }
    }

    /** Records on the group's topic past its committed offsets. */
    private long backlog(Workers workers) throws Exception {
        Map<TopicPartition, OffsetAndMetadata> committed;
        try {
            committed = admin().listConsumerGroupOffsets(workers.group()).partitionsToOffsetAndMetadata()
                    .get(ASK_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
        } catch (ExecutionException e) {
            if (!(e.getCause() instanceof GroupIdNotFoundException)) {
                throw e;
            }
            committed = Map.of(); // a group that never committed has everything ahead of it
        }
        var partitions = admin().describeTopics(List.of(workers.topic())).allTopicNames()
                .get(ASK_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS).get(workers.topic()).partitions().stream()
                .map(p -> new TopicPartition(workers.topic(), p.partition())).toList();
        var ends = admin().listOffsets(partitions.stream().collect(Collectors.toMap(p -> p, p -> OffsetSpec.latest())))
                .all().get(ASK_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
        long backlog = 0;
        for (TopicPartition partition : partitions) {
            OffsetAndMetadata done = committed.get(partition);
            backlog += ends.get(partition).offset() - (done == null ? 0 : done.offset());
        }
        return backlog;
    }

    private synchronized Admin admin() {
        if (admin == null) {
            admin = Admin.create(kafka.with(Map.of(AdminClientConfig.CLIENT_ID_CONFIG, "gateway-admission",
                    AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, (int) ASK_TIMEOUT.toMillis(),
                    AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, (int) ASK_TIMEOUT.toMillis())));
        }
        return admin;
    }

    @PreDestroy
    synchronized void close() {
        if (admin != null) {
            admin.close(Duration.ofSeconds(1));
        }
    }
}
