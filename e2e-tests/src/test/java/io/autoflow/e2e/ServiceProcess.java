package io.autoflow.e2e;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/** One packaged service, started the way {@code ./autoflow up} starts it: {@code java -jar}, configured by environment. */
final class ServiceProcess {

    private static final Duration READY_TIMEOUT = Duration.ofSeconds(120);

    private final String name;
    private final int port;
    private final Map<String, String> environment;
    private final Path log;
    private Process process;

    ServiceProcess(String name, int port, Map<String, String> environment, Path logDir) {
        this.name = name;
        this.port = port;
        this.environment = environment;
        this.log = logDir.resolve(name + ".log");
    }

    String url() {
        return "http://localhost:" + port;
    }

    ServiceProcess start() throws IOException {
        Path jar = Path.of(System.getProperty("autoflow.root"), name, "target", "quarkus-app", "quarkus-run.jar");
        if (!Files.exists(jar)) {
            throw new IllegalStateException(name + " is not packaged: " + jar);
        }
        ProcessBuilder builder = new ProcessBuilder(List.of(javaExecutable(), "-Xms64m", "-Xmx256m",
                "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1", "-jar", jar.toString()))
                .redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()));
        builder.environment().putAll(environment);
        builder.environment().put("QUARKUS_HTTP_PORT", Integer.toString(port));
        process = builder.start();
        return this;
    }

    void awaitReady() throws InterruptedException {
        HttpClient http = HttpClient.newHttpClient();
        Instant deadline = Instant.now().plus(READY_TIMEOUT);
        while (Instant.now().isBefore(deadline)) {
            if (!process.isAlive()) {
                throw new IllegalStateException(name + " exited with " + process.exitValue() + ", see " + log);
            }
            try {
                HttpResponse<Void> response = http.send(HttpRequest.newBuilder(URI.create(url() + "/q/health/ready"))
                        .timeout(Duration.ofSeconds(2)).build(), HttpResponse.BodyHandlers.discarding());
                if (response.statusCode() == 200) {
                    return;
                }
            } catch (IOException e) {
                // not listening yet
            }
            Thread.sleep(300);
        }
        throw new IllegalStateException(name + " not ready within " + READY_TIMEOUT + ", see " + log);
    }

    /** Kills the process at once, as a crash would: no shutdown hooks, no graceful close. */
    void kill() throws InterruptedException {
        process.destroyForcibly().waitFor(30, TimeUnit.SECONDS);
    }

    void stop() throws InterruptedException {
        if (process != null && process.isAlive()) {
            process.destroy();
            if (!process.waitFor(30, TimeUnit.SECONDS)) {
                kill();
            }
        }
    }

    private static String javaExecutable() {
        return Path.of(System.getProperty("java.home"), "bin", "java").toString();
    }
}
