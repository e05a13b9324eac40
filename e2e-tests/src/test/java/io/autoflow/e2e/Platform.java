package io.autoflow.e2e;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.is;

import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import com.sun.net.httpserver.HttpServer;
import io.autoflow.localstack.KafkaBroker;
import io.autoflow.localstack.KeycloakServer;
import io.restassured.path.json.JsonPath;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * The platform as real processes — gateway, orchestrator, analytics, conversation and notification services as
 * packaged jars, a Kafka broker, Keycloak as the identity provider, an SMTP server — on PostgreSQL and Redis from the
 * local stack. Started once for all end-to-end tests of a JVM and stopped when the JVM exits.
 */
final class Platform {

    private static final String DB = "autoflow_e2e";
    static final Duration JOB_TIMEOUT = Duration.ofSeconds(60);
    /** Each service's output, {@code <name>.log}: JSON lines, as {@code ./autoflow up} writes them. */
    static final Path LOGS = Path.of("target", "e2e", "logs");
    private static Platform running;

    final ServiceProcess gateway;
    final ServiceProcess analytics;
    /** The local user's API key. */
    final String apiKey;
    /** The identity provider the gateway and the web app sign people in with. */
    final KeycloakServer keycloak;
    /** The users' mailboxes: a real SMTP server in this JVM. */
    final GreenMail mail;
    /** Where users' documents live on the web, for requests that give a URL: a real HTTP server on loopback. */
    final HttpServer documentHost;
    /** What the API at {@link #documentHost}'s /api/rates answers, with {@link #API_TOKEN} or a query. */
    static final String RATES = "{\"base\":\"EUR\",\"rates\":{\"USD\":1.08}}";
    static final String API_TOKEN = "Bearer e2e-api-token-kept-secret";
    /** Calls to /api/rates: method and Authorization header. */
    final List<String> apiCalls = new CopyOnWriteArrayList<>();
    /** How many of the first calls to /api/sales for a query answer 500. */
    static final int SALES_FAILURES = 3;
    /** What /api/sales answers (after its first calls, a 500): a week's sales in three regions. */
    static final String SALES = "{\"week\":\"2026-W49\",\"data\":["
            + "{\"region\":\"EU\",\"product\":\"Widget\",\"revenue\":100},"
            + "{\"region\":\"EU\",\"product\":\"Gadget\",\"revenue\":250},"
            + "{\"region\":\"US\",\"product\":\"Widget\",\"revenue\":999},"
            + "{\"region\":\"EU\",\"product\":\"Widget\",\"revenue\":50.5},"
            + "{\"region\":\"APAC\",\"product\":\"Gizmo\",\"revenue\":300},"
            + "{\"region\":\"EU\",\"product\":\"Gizmo\",\"revenue\":75}]}";
    /** Calls to /api/sales: query and Authorization header. */
    final List<String> salesCalls = new CopyOnWriteArrayList<>();
    /** Webhook calls received by {@link #documentHost} at /hooks. */
    final List<ReceivedHook> hooks = new CopyOnWriteArrayList<>();
    /** Every span the services exported (OTLP), as in a cluster where a collector takes them. */
    final SpanReceiver spans;

    private final KafkaBroker kafka;
    private final List<ServiceProcess> services;
    /** Everything started, to stop in reverse order: the platform's own stop, or a start that fails halfway. */
    private final java.util.Deque<AutoCloseable> started = new java.util.ArrayDeque<>();

    /** @param traceparent the W3C trace context the call carried */
    record ReceivedHook(String id, String timestamp, String signature, String body, String traceparent) {
    }

    static synchronized Platform get() throws Exception {
        if (running == null) {
            running = new Platform();
            Runtime.getRuntime().addShutdownHook(new Thread(running::stop));
        }
        return running;
    }

    private Platform() throws Exception {
        // What has started is stopped if the rest cannot start: left running (a port taken, say), services would
        // consume in the shared groups and claim schedules in the shared database of the next run.
        try {
            resetDatabase();
            Path work = Files.createDirectories(Path.of("target", "e2e"));
            Path logs = Files.createDirectories(LOGS);
            apiKey = "af_e2e_" + UUID.randomUUID().toString().replace("-", "");
            Path keyFile = work.resolve("api-key");
            Files.writeString(keyFile, apiKey);

            int orchestratorPort = freePort();
            int conversationPort = freePort();
            int notificationPort = freePort();
            int schedulerPort = freePort();
            int automationPort = freePort();
            int gatewayPort = freePort();
            int smtpPort = freePort();
            String gatewayUrl = "http://localhost:" + gatewayPort;
            kafka = KafkaBroker.onFreePorts().start();
            started.push(kafka::close);
            keycloak = new KeycloakServer(Path.of(System.getProperty("autoflow.keycloak.dist")),
                    Path.of("target", "keycloak"), realmFor(gatewayUrl, work), "autoflow", freePort()).start();
            started.push(keycloak::close);
            mail = new GreenMail(new ServerSetup(smtpPort, "127.0.0.1", ServerSetup.PROTOCOL_SMTP));
            mail.start();
            started.push(mail::stop);
            spans = new SpanReceiver();
            started.push(spans::close);
            Map<String, String> env = Map.ofEntries(
                    Map.entry("OTEL_EXPORTER_OTLP_ENDPOINT", spans.endpoint()),
                    Map.entry("OTEL_EXPORTER_OTLP_PROTOCOL", "http/protobuf"),
                    // Spans sent every half second rather than every 5: a test follows a trace as it happens.
                    Map.entry("QUARKUS_OTEL_BSP_SCHEDULE_DELAY", "500ms"),
                    Map.entry("AUTOFLOW_KAFKA_BOOTSTRAP_SERVERS", kafka.bootstrapServers()),
                    Map.entry("AUTOFLOW_DB_URL", "postgresql://localhost:5432/" + DB),
                    Map.entry("AUTOFLOW_REDIS_URL", "redis://localhost:6379/2"),
                    Map.entry("AUTOFLOW_BLOB_DIR", work.resolve("blobs").toAbsolutePath().toString()),
                    Map.entry("AUTOFLOW_LOCAL_API_KEY_FILE", keyFile.toAbsolutePath().toString()),
                    Map.entry("AUTOFLOW_ORCHESTRATOR_URL", "http://localhost:" + orchestratorPort),
                    Map.entry("AUTOFLOW_CONVERSATION_URL", "http://localhost:" + conversationPort),
                    Map.entry("AUTOFLOW_NOTIFICATION_URL", "http://localhost:" + notificationPort),
                    Map.entry("AUTOFLOW_SCHEDULER_URL", "http://localhost:" + schedulerPort),
                    Map.entry("AUTOFLOW_AUTOMATION_URL", "http://localhost:" + automationPort),
                    // A run due at a minute's turn starts within a second.
                    Map.entry("AUTOFLOW_SCHEDULER_POLL_EVERY", "1s"),
                    Map.entry("AUTOFLOW_PUBLIC_URL", gatewayUrl),
                    Map.entry("AUTOFLOW_CORS_ORIGINS", gatewayUrl),
                    Map.entry("AUTOFLOW_OIDC_ENABLED", "true"),
                    Map.entry("AUTOFLOW_OIDC_ISSUER", keycloak.issuer()),
                    Map.entry("AUTOFLOW_SMTP_PORT", Integer.toString(smtpPort)),
                    Map.entry("AUTOFLOW_LINK_SIGNING_KEY", "e2e-link-signing-key-" + UUID.randomUUID()),
                    Map.entry("AUTOFLOW_SECRETS_KEY", "e2e-secrets-key-" + UUID.randomUUID()),
                    // The gateway sends it to the internal services, which refuse any call without it.
                    Map.entry("AUTOFLOW_SERVICE_TOKEN", "e2e-service-token-" + UUID.randomUUID()),
                    Map.entry("AUTOFLOW_BLOB_KEYS", "e2e=" + Base64.getEncoder().encodeToString(
                            UUID.randomUUID().toString().substring(0, 32).getBytes(StandardCharsets.US_ASCII))),
                    // Few enough that the contract test reaches the cap (too_many_credentials).
                    Map.entry("AUTOFLOW_CREDENTIALS_MAX_PER_USER", "10"),
                    Map.entry("AUTOFLOW_CREDENTIAL_KEYS", "e2e=" + Base64.getEncoder().encodeToString(
                            UUID.randomUUID().toString().substring(0, 32).getBytes(StandardCharsets.US_ASCII))),
                    Map.entry("AUTOFLOW_URL_FETCH_ALLOW_LOOPBACK", "true"),
                    // Job event streams must be pushed by the orchestrator's updates; the safety poll is too late.
                    Map.entry("AUTOFLOW_JOB_EVENTS_SAFETY_POLL", "10m"));
            ServiceProcess orchestrator = startService("orchestrator-service", orchestratorPort, env, logs);
            gateway = startService("gateway-service", gatewayPort, env, logs);
            analytics = startService("analytics-service", freePort(), env, logs);
            ServiceProcess conversation = startService("conversation-service", conversationPort, env, logs);
            ServiceProcess notification = startService("notification-service", notificationPort, env, logs);
            ServiceProcess automation = startService("automation-service", automationPort, env, logs);
            ServiceProcess scheduler = startService("scheduler-service", schedulerPort, env, logs);
            ServiceProcess transform = startService("transform-service", freePort(), env, logs);
            services = List.of(gateway, orchestrator, analytics, conversation, notification, automation, scheduler,
                    transform);
            for (ServiceProcess service : services) {
                service.awaitReady();
            }
            documentHost = documentHost(resource("/sales.csv"));
            started.push(() -> documentHost.stop(0));
        } catch (Exception | Error e) {
            stop();
            throw e;
        }
    }

    /** The repository's realm, with the web app's sign-in allowed to return to this run's gateway. */
    private static Path realmFor(String gatewayUrl, Path work) throws Exception {
        Path realm = Path.of(System.getProperty("autoflow.keycloak.realm-file"));
        Path copy = work.resolve("autoflow-realm.json");
        Files.writeString(copy, Files.readString(realm).replace("http://localhost:8080", gatewayUrl));
        return copy;
    }

    private HttpServer documentHost(byte[] sales) throws Exception {
        HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/exports/sales.csv", exchange -> {
            exchange.sendResponseHeaders(200, sales.length);
            try (var body = exchange.getResponseBody()) {
                body.write(sales);
            }
        });
        // A user's API, as an API automation calls it: JSON for the right bearer token, 401 otherwise.
        server.createContext("/api/rates", exchange -> {
            apiCalls.add(exchange.getRequestMethod() + " " + exchange.getRequestHeaders().getFirst("Authorization"));
            boolean allowed = API_TOKEN.equals(exchange.getRequestHeaders().getFirst("Authorization"))
                    || exchange.getRequestURI().getQuery() != null;
            byte[] answer = (allowed ? RATES : "{\"error\":\"unauthorized\"}").getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().add("Content-Type", "application/json");
            exchange.sendResponseHeaders(allowed ? 200 : 401, answer.length);
            try (var body = exchange.getResponseBody()) {
                body.write(answer);
            }
        });
        // A sales API as a workflow's first step reads it: its first three answers to a query a server error (a deploy
        // under way: more than automation-service's own attempts for one job), then JSON rows for the right token.
        server.createContext("/api/sales", exchange -> {
            String call = exchange.getRequestURI().getQuery() + " " + exchange.getRequestHeaders()
                    .getFirst("Authorization");
            salesCalls.add(call);
            boolean allowed = API_TOKEN.equals(exchange.getRequestHeaders().getFirst("Authorization"));
            long before = salesCalls.stream().filter(call::equals).count();
            int status = !allowed ? 401 : before <= SALES_FAILURES ? 500 : 200;
            byte[] answer = (status == 200 ? SALES : "{\"error\":" + status + "}").getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().add("Content-Type", "application/json");
            exchange.sendResponseHeaders(status, answer.length);
            try (var body = exchange.getResponseBody()) {
                body.write(answer);
            }
        });
        server.createContext("/hooks", exchange -> {
            try (var body = exchange.getRequestBody()) {
                hooks.add(new ReceivedHook(exchange.getRequestHeaders().getFirst("webhook-id"),
                        exchange.getRequestHeaders().getFirst("webhook-timestamp"),
                        exchange.getRequestHeaders().getFirst("webhook-signature"),
                        new String(body.readAllBytes(), StandardCharsets.UTF_8),
                        exchange.getRequestHeaders().getFirst("traceparent")));
            }
            exchange.sendResponseHeaders(204, -1);
            exchange.close();
        });
        server.start();
        return server;
    }

    /** Submits a document for analysis with the local user's key; returns the job id. */
    String submit(String name, byte[] content, String request) {
        return given().header("X-API-Key", apiKey)
                .multiPart("file", name, content, "text/csv")
                .multiPart("request", request, "application/json")
                .post(gateway.url() + "/api/analytics/document")
                .then().statusCode(202).body("status", is("queued"))
                .extract().path("job_id");
    }

    String submit(String name, byte[] content) {
        return submit(name, content, "{}");
    }

    /**
     * Waits for a job a schedule named as it fired (its {@code last_run_job_id}) to be recorded by the orchestrator:
     * the id comes before the record, by the time the intent takes on Kafka.
     */
    void awaitRecorded(String jobId) {
        await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(200)).until(() -> given()
                .header("X-API-Key", apiKey).get(gateway.url() + "/api/jobs/" + jobId).statusCode() == 200);
    }

    JsonPath awaitFinished(String jobId) {
        return await().atMost(JOB_TIMEOUT).pollInterval(Duration.ofMillis(200)).until(
                () -> given().header("X-API-Key", apiKey).get(gateway.url() + "/api/jobs/" + jobId)
                        .then().statusCode(200).extract().jsonPath(),
                job -> List.of("completed", "failed").contains(job.getString("status")));
    }

    /** Every service of the platform. */
    List<ServiceProcess> services() {
        return services;
    }

    String kafkaBootstrapServers() {
        return kafka.bootstrapServers();
    }

    String documentUrl(String path) {
        return "http://127.0.0.1:" + documentHost.getAddress().getPort() + path;
    }

    /** Starts a service, stopped with the platform (or when the platform cannot start). */
    private ServiceProcess startService(String name, int port, Map<String, String> env, Path logs) throws IOException {
        ServiceProcess service = new ServiceProcess(name, port, env, logs).start();
        started.push(service::stop);
        return service;
    }

    /** Stops what was started, the last first; a part that fails to stop does not keep the others running. */
    private void stop() {
        while (!started.isEmpty()) {
            try {
                started.pop().close();
            } catch (Exception e) {
                System.err.println("Could not stop a part of the platform: " + e);
            }
        }
    }

    /** Each run starts from empty schemas; the services migrate them at start. */
    private static void resetDatabase() throws Exception {
        try (Connection db = DriverManager.getConnection("jdbc:postgresql://localhost:5432/" + DB, "autoflow",
                "autoflow"); Statement sql = db.createStatement()) {
            for (String schema : List.of("gateway", "orchestrator", "analytics", "conversation", "notification",
                    "automation", "scheduler", "transform")) {
                sql.execute("DROP SCHEMA IF EXISTS " + schema + " CASCADE");
            }
        }
    }

    static byte[] resource(String path) throws Exception {
        try (InputStream in = Platform.class.getResourceAsStream(path)) {
            return in.readAllBytes();
        }
    }

    static Connection database() throws Exception {
        return DriverManager.getConnection("jdbc:postgresql://localhost:5432/" + DB, "autoflow", "autoflow");
    }

    private static int freePort() throws Exception {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
