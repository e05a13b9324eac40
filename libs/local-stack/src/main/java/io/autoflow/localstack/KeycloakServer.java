package io.autoflow.localstack;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;

/**
 * A real Keycloak, from its Maven Central distribution ({@code org.keycloak:keycloak-quarkus-dist}, a tar.gz), in
 * development mode with a realm imported from a file: the identity provider for tests and, on request, for the
 * local stack. No Docker.
 */
public final class KeycloakServer implements AutoCloseable {

    private static final Duration READY_TIMEOUT = Duration.ofSeconds(180);

    private final Path home;
    private final Path realmFile;
    private final String realm;
    private final int port;
    private Process process;

    /**
     * @param distribution the distribution's tar.gz
     * @param workDir where it is unpacked (once) and where it keeps its data
     */
    public KeycloakServer(Path distribution, Path workDir, Path realmFile, String realm, int port) {
        this.home = unpack(distribution, workDir.toAbsolutePath());
        this.realmFile = realmFile;
        this.realm = realm;
        this.port = port;
    }

    public static int freePort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The realm's issuer, e.g. {@code http://localhost:8180/realms/autoflow}. */
    public String issuer() {
        return "http://localhost:" + port + "/realms/" + realm;
    }

    public String tokenEndpoint() {
        return issuer() + "/protocol/openid-connect/token";
    }

    public KeycloakServer start() {
        try {
            // Start from the realm file every time: an import skips a realm that the database already holds.
            deleteRecursively(home.resolve("data/h2"));
            Path imports = Files.createDirectories(home.resolve("data/import"));
            Files.copy(realmFile, imports.resolve(realm + "-realm.json"), StandardCopyOption.REPLACE_EXISTING);
            ProcessBuilder builder = new ProcessBuilder(List.of(home.resolve("bin/kc.sh").toString(), "start-dev",
                    "--http-port=" + port, "--http-management-port=" + freePort(), "--import-realm",
                    "--hostname-strict=false", "--cache=local"))
                    .redirectErrorStream(true)
                    .redirectOutput(home.resolve("keycloak.log").toFile());
            builder.environment().put("JAVA_OPTS_KC_HEAP", "-Xms64m -Xmx512m");
            process = builder.start();
            awaitReady();
            return this;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private void awaitReady() {
        HttpClient http = HttpClient.newHttpClient();
        HttpRequest discovery = HttpRequest.newBuilder(URI.create(issuer() + "/.well-known/openid-configuration"))
                .timeout(Duration.ofSeconds(5)).build();
        Instant deadline = Instant.now().plus(READY_TIMEOUT);
        while (Instant.now().isBefore(deadline)) {
            if (!process.isAlive()) {
                throw new IllegalStateException("Keycloak exited during start; see " + home.resolve("keycloak.log"));
            }
            try {
                if (http.send(discovery, HttpResponse.BodyHandlers.discarding()).statusCode() == 200) {
                    return;
                }
            } catch (IOException e) {
                // not listening yet
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
            sleep(500);
        }
        close();
        throw new IllegalStateException("Keycloak not ready after " + READY_TIMEOUT.toSeconds() + " s; see "
                + home.resolve("keycloak.log"));
    }

    /** Stops the server: kc.sh runs Java as its child, so the whole process tree is stopped. */
    @Override
    public void close() {
        if (process == null) {
            return;
        }
        process.descendants().forEach(ProcessHandle::destroy);
        process.destroy();
        process.descendants().forEach(child -> child.onExit().orTimeout(30, java.util.concurrent.TimeUnit.SECONDS)
                .exceptionally(e -> {
                    child.destroyForcibly();
                    return child;
                }).join());
    }

    private static void deleteRecursively(Path dir) throws IOException {
        if (Files.exists(dir)) {
            try (var paths = Files.walk(dir)) {
                for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
                    Files.delete(path);
                }
            }
        }
    }

    private static Path unpack(Path distribution, Path workDir) {
        try {
            Files.createDirectories(workDir);
            try (var entries = Files.list(workDir)) {
                var existing = entries.filter(p -> Files.isExecutable(p.resolve("bin/kc.sh"))).findFirst();
                if (existing.isPresent()) {
                    return existing.get();
                }
            }
            Process tar = new ProcessBuilder("tar", "xzf", distribution.toAbsolutePath().toString(), "-C",
                    workDir.toString()).inheritIO().start();
            if (tar.waitFor() != 0) {
                throw new IllegalStateException("Could not unpack " + distribution);
            }
            try (var entries = Files.list(workDir)) {
                return entries.filter(p -> Files.isExecutable(p.resolve("bin/kc.sh"))).findFirst()
                        .orElseThrow(() -> new IllegalStateException(distribution + " holds no bin/kc.sh"));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
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
