package io.autoflow.localstack;

import io.autoflow.events.Topics;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;

/**
 * A single-node Apache Kafka broker in KRaft mode (broker and controller in one process), run in a child JVM from the
 * jars Maven resolved. The child JVM keeps the broker's dependencies (Scala, its own logging) away from the caller.
 */
public final class KafkaBroker implements AutoCloseable {

    private static final Duration READY_TIMEOUT = Duration.ofSeconds(90);

    private final Path dataDir;
    private final int port;
    private final int controllerPort;
    private final boolean temporary;
    private Process process;

    public KafkaBroker(Path dataDir, int port, int controllerPort) {
        this(dataDir, port, controllerPort, false);
    }

    private KafkaBroker(Path dataDir, int port, int controllerPort, boolean temporary) {
        this.dataDir = dataDir.toAbsolutePath();
        this.port = port;
        this.controllerPort = controllerPort;
        this.temporary = temporary;
    }

    /** A broker on free ports in a fresh temporary directory, removed when the broker is closed; for tests. */
    public static KafkaBroker onFreePorts() {
        try {
            return new KafkaBroker(Files.createTempDirectory("autoflow-kafka-"), freePort(), freePort(), true);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public String bootstrapServers() {
        return "localhost:" + port;
    }

    public Path logFile() {
        return dataDir.resolve("kafka.log");
    }

    /** Formats the storage if new, starts the broker, waits until it answers, and creates the platform's topics. */
    public KafkaBroker start() {
        try {
            Files.createDirectories(dataDir);
            Path config = writeConfig();
            run(List.of("kafka.tools.StorageTool", "format", "--ignore-formatted", "--cluster-id=" + clusterId(), "-c",
                    config.toString()), dataDir.resolve("format.log"));
            process = java(List.of("kafka.Kafka", config.toString()), logFile());
            awaitReadyAndCreateTopics();
            return this;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The broker's process id, so a supervisor can stop it later. */
    public long pid() {
        return process.pid();
    }

    @Override
    public void close() {
        if (process == null) {
            return;
        }
        process.destroy();
        try {
            if (!process.waitFor(30, TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        if (temporary) {
            deleteRecursively(dataDir);
        }
    }

    private static void deleteRecursively(Path dir) {
        try (var paths = Files.walk(dir)) {
            paths.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException e) {
            // Best effort: a leftover temporary directory is harmless.
        }
    }

    private Path writeConfig() throws IOException {
        Path config = dataDir.resolve("server.properties");
        String content = String.join("\n",
                "process.roles=broker,controller",
                "node.id=1",
                "controller.quorum.voters=1@localhost:" + controllerPort,
                "listeners=PLAINTEXT://localhost:" + port + ",CONTROLLER://localhost:" + controllerPort,
                "advertised.listeners=PLAINTEXT://localhost:" + port,
                "controller.listener.names=CONTROLLER",
                "listener.security.protocol.map=CONTROLLER:PLAINTEXT,PLAINTEXT:PLAINTEXT",
                "inter.broker.listener.name=PLAINTEXT",
                "log.dirs=" + dataDir.resolve("data"),
                "num.partitions=6",
                "offsets.topic.replication.factor=1",
                "offsets.topic.num.partitions=6",
                "transaction.state.log.replication.factor=1",
                "transaction.state.log.min.isr=1",
                "share.coordinator.state.topic.replication.factor=1",
                "share.coordinator.state.topic.min.isr=1",
                "group.initial.rebalance.delay.ms=0",
                "auto.create.topics.enable=false",
                "log.retention.hours=168",
                "");
        Files.writeString(config, content, StandardCharsets.UTF_8);
        return config;
    }

    /** Kept in the data directory so a restart reuses the formatted storage. */
    private String clusterId() throws IOException {
        Path file = dataDir.resolve("cluster.id");
        if (!Files.exists(file)) {
            String id;
            do {
                UUID uuid = UUID.randomUUID();
                java.nio.ByteBuffer buffer = java.nio.ByteBuffer.allocate(16);
                buffer.putLong(uuid.getMostSignificantBits()).putLong(uuid.getLeastSignificantBits());
                id = java.util.Base64.getUrlEncoder().withoutPadding().encodeToString(buffer.array());
            } while (id.startsWith("-")); // as Kafka's own ids: a leading dash reads as an option on a command line
            Files.writeString(file, id);
        }
        return Files.readString(file).trim();
    }

    private void awaitReadyAndCreateTopics() {
        Instant deadline = Instant.now().plus(READY_TIMEOUT);
        Map<String, Object> config = Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers(),
                AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, 5000, AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, 10000);
        Exception last = null;
        while (Instant.now().isBefore(deadline)) {
            if (!process.isAlive()) {
                throw new IllegalStateException("Kafka broker exited with code " + process.exitValue() + ", see "
                        + logFile());
            }
            if (!listening()) {
                sleep(100);
                continue;
            }
            try (Admin admin = Admin.create(config)) {
                admin.describeCluster().nodes().get(10, TimeUnit.SECONDS);
                createMissingTopics(admin);
                return;
            } catch (Exception e) {
                last = e;
                sleep(250);
            }
        }
        close();
        throw new IllegalStateException("Kafka broker not ready within " + READY_TIMEOUT + ", see " + logFile(), last);
    }

    /** Checked before creating an admin client, which would log a warning for every refused connection. */
    private boolean listening() {
        try (java.net.Socket socket = new java.net.Socket()) {
            socket.connect(new java.net.InetSocketAddress("localhost", port), 200);
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    private static void createMissingTopics(Admin admin) throws InterruptedException, ExecutionException {
        Set<String> existing = admin.listTopics().names().get();
        List<NewTopic> missing = new ArrayList<>();
        for (Topics.Spec spec : Topics.all()) {
            if (!existing.contains(spec.name())) {
                missing.add(new NewTopic(spec.name(), spec.partitions(), (short) 1));
            }
        }
        if (!missing.isEmpty()) {
            admin.createTopics(missing).all().get();
        }
    }

    private void run(List<String> args, Path log) throws IOException {
        Process p = java(args, log);
        try {
            if (!p.waitFor(60, TimeUnit.SECONDS) || p.exitValue() != 0) {
                p.destroyForcibly();
                throw new IllegalStateException("Kafka " + args.get(0) + " failed, see " + log);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private Process java(List<String> args, Path log) throws IOException {
        List<String> command = new ArrayList<>(List.of(javaExecutable(), "-Xms128m", "-Xmx384m", "-XX:+UseSerialGC",
                "-XX:TieredStopAtLevel=1", "-Djava.awt.headless=true", "-cp", brokerClasspath()));
        command.addAll(args);
        return new ProcessBuilder(command)
                .redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()))
                .start();
    }

    private static String javaExecutable() {
        return Path.of(System.getProperty("java.home"), "bin", "java").toString();
    }

    private static String brokerClasspath() throws IOException {
        try (InputStream in = KafkaBroker.class.getResourceAsStream("kafka.classpath")) {
            if (in == null) {
                throw new IllegalStateException("kafka.classpath resource missing: build libs/local-stack with Maven");
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8).trim();
        }
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
