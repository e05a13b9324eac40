package io.autoflow.gateway.rest;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.is;

import io.autoflow.blob.BlobStore;
import io.autoflow.blob.SignedLinks;
import io.autoflow.gateway.TestUsers;
import io.autoflow.gateway.auth.ApiKeys;
import io.autoflow.testsupport.KafkaTestResource;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.io.ByteArrayInputStream;
import java.time.Instant;
import java.util.UUID;
import org.junit.jupiter.api.Test;

@QuarkusTest
@WithTestResource(KafkaTestResource.class)
class SignedDownloadTest {

    @Inject
    BlobStore blobs;

    @Inject
    SignedLinks links;

    @Inject
    ApiKeys apiKeys;

    @Test
    void aSignedLinkDownloadsItsOneFileWithoutAnApiKeyUntilItExpires() throws Exception {
        String key = "reports/" + UUID.randomUUID() + "/" + UUID.randomUUID() + "/report.pdf";
        byte[] report = "%PDF-1.7 a report".getBytes();
        blobs.put(key, new ByteArrayInputStream(report));
        String token = links.token(key, "sales-report.pdf", Instant.now().plusSeconds(60));

        byte[] downloaded = given().get("/files/" + token).then().statusCode(200)
                .contentType("application/pdf")
                .header("Content-Disposition",
                        "attachment; filename=\"sales-report.pdf\"; filename*=UTF-8''sales-report.pdf")
                .extract().asByteArray();
        assertThat(downloaded).isEqualTo(report);

        String expired = links.token(key, "sales-report.pdf", Instant.now().minusSeconds(1));
        given().get("/files/" + expired).then().statusCode(404).body("code", is("link_not_valid"));
        String otherFile = links.token("uploads/someone/else/document", "x.csv", Instant.now().plusSeconds(60));
        String tampered = otherFile.substring(0, otherFile.indexOf('.')) + token.substring(token.indexOf('.'));
        given().get("/files/" + tampered).then().statusCode(404).body("code", is("link_not_valid"));
        given().get("/files/" + links.token(key + ".gone", "x.pdf", Instant.now().plusSeconds(60))).then()
                .statusCode(404).body("code", is("link_not_valid"));
    }

    @Test
    void theWebhookSecretNeedsTheNotificationServiceAndSaysSoWhenItIsDown() throws Throwable {
        String key = TestUsers.create(apiKeys, "pro").key();
        given().header("X-API-Key", key).post("/api/me/webhook-secret").then().statusCode(503)
                .body("code", is("notification_unavailable"));
        given().post("/api/me/webhook-secret").then().statusCode(401);
    }
}
