package io.autoflow.gateway.rest;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathMatching;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import com.github.tomakehurst.wiremock.WireMockServer;
import io.autoflow.blob.BlobStore;
import io.autoflow.gateway.TestUsers;
import io.autoflow.gateway.auth.ApiKeys;
import io.autoflow.testsupport.KafkaTestResource;
import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;
import java.util.zip.ZipInputStream;
import org.junit.jupiter.api.Test;

/** {@code GET /api/me/export}: every file the user owns is in the zip, decrypted, and nobody else's. */
@QuarkusTest
@WithTestResource(KafkaTestResource.class)
@WithTestResource(AccountExportTest.OtherServices.class)
class AccountExportTest {

    @Inject
    ApiKeys apiKeys;

    @Inject
    BlobStore blobs;

    @Test
    void theExportHoldsEveryFileTheUserOwnsDecrypted() throws Throwable {
        TestUsers owner = TestUsers.create(apiKeys, "pro");
        TestUsers other = TestUsers.create(apiKeys, "pro");
        String job = UUID.randomUUID().toString();
        // Each folder as the service that owns it writes it.
        Map<String, String> files = Map.of(
                "uploads/" + owner.user().id + "/" + job + "/document", "city,population\nLyon,522250\n",
                "reports/" + owner.user().id + "/" + job + "/report.pdf", "%PDF-1.7 a report",
                "automations/" + owner.user().id + "/" + job + "/response.json", "{\"rate\": 1.08}",
                "transforms/" + owner.user().id + "/" + job + "/cities.json", "{\"city\": [\"Lyon\"]}");
        for (Map.Entry<String, String> file : files.entrySet()) {
            blobs.put(file.getKey(), new ByteArrayInputStream(file.getValue().getBytes(StandardCharsets.UTF_8)));
        }
        blobs.put("transforms/" + other.user().id + "/" + job + "/cities.json",
                new ByteArrayInputStream("not the owner's".getBytes(StandardCharsets.UTF_8)));

        byte[] export = given().header("X-API-Key", owner.key()).get("/api/me/export").then().statusCode(200)
                .contentType("application/zip").extract().asByteArray();

        Map<String, String> entries = entries(export);
        for (Map.Entry<String, String> file : files.entrySet()) {
            assertThat(entries).containsEntry("files/" + file.getKey(), file.getValue());
        }
        assertThat(entries.keySet()).noneMatch(name -> name.contains(other.user().id.toString()));
    }

    private static Map<String, String> entries(byte[] zip) throws Exception {
        Map<String, String> entries = new HashMap<>();
        try (ZipInputStream in = new ZipInputStream(new ByteArrayInputStream(zip))) {
            for (var entry = in.getNextEntry(); entry != null; entry = in.getNextEntry()) {
                entries.put(entry.getName(), new String(in.readAllBytes(), StandardCharsets.UTF_8));
            }
        }
        return entries;
    }

    /** The orchestrator and notification-service, which the export asks for their records: none here. */
    public static class OtherServices implements QuarkusTestResourceLifecycleManager {

        private final WireMockServer server = new WireMockServer(options().dynamicPort());

        @Override
        public Map<String, String> start() {
            server.start();
            server.stubFor(get(urlPathEqualTo("/executions")).willReturn(aResponse()
                    .withHeader("Content-Type", "application/json").withBody("[]")));
            server.stubFor(get(urlPathMatching("/notification/users/.*")).willReturn(aResponse()
                    .withHeader("Content-Type", "application/json").withBody("{}")));
            return Map.of("quarkus.rest-client.orchestrator.url", server.baseUrl(),
                    "quarkus.rest-client.notification.url", server.baseUrl());
        }

        @Override
        public void stop() {
            server.stop();
        }
    }
}
