package io.autoflow.e2e;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.restassured.path.json.JsonPath;
import io.restassured.response.ValidatableResponse;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;

/** A test class run against the {@link Platform}, started once for all of them. */
abstract class OnThePlatform {

    static Platform platform;
    static ServiceProcess gateway;
    /** The local user's API key. */
    static String apiKey;

    @BeforeAll
    static void startPlatform() throws Exception {
        platform = Platform.get();
        gateway = platform.gateway;
        apiKey = platform.apiKey;
    }

    /** A chat message from the local user, in a conversation when it names its session. */
    static ValidatableResponse chat(String session, String message) {
        return chatAnswer(session, message).then().statusCode(200);
    }

    /** The gateway's answer to a chat message, whatever its status. */
    static io.restassured.response.Response chatAnswer(String session, String message) {
        Map<String, String> body = new java.util.HashMap<>(Map.of("message", message));
        if (session != null) {
            body.put("session_id", session);
        }
        return given().header("X-API-Key", apiKey).contentType("application/json").body(body)
                .post(gateway.url() + "/api/chat");
    }

    /** The email that announced a job: the one whose text links to the job's page. */
    static jakarta.mail.internet.MimeMessage emailAbout(String jobId) throws Exception {
        for (jakarta.mail.internet.MimeMessage received : platform.mail.getReceivedMessages()) {
            if (textOf(received).contains("/jobs/" + jobId)) {
                return received;
            }
        }
        throw new AssertionError("No email links to job " + jobId);
    }

    /** The email received with this subject, or null. */
    static jakarta.mail.internet.MimeMessage withSubject(String subject) throws Exception {
        for (jakarta.mail.internet.MimeMessage received : platform.mail.getReceivedMessages()) {
            if (subject.equals(received.getSubject())) {
                return received;
            }
        }
        return null;
    }

    /** The bytes of a message's attachment of this name, or null. */
    static byte[] attached(jakarta.mail.Part part, String name) throws Exception {
        if (part.isMimeType("multipart/*")) {
            jakarta.mail.Multipart parts = (jakarta.mail.Multipart) part.getContent();
            for (int i = 0; i < parts.getCount(); i++) {
                byte[] found = attached(parts.getBodyPart(i), name);
                if (found != null) {
                    return found;
                }
            }
            return null;
        }
        if (!jakarta.mail.Part.ATTACHMENT.equalsIgnoreCase(part.getDisposition()) || !name.equals(part.getFileName())) {
            return null;
        }
        try (java.io.InputStream in = part.getInputStream()) {
            return in.readAllBytes();
        }
    }

    /** The decoded text of a message's text parts, attachments left out. */
    static String textOf(jakarta.mail.Part part) throws Exception {
        if (part.isMimeType("multipart/*")) {
            jakarta.mail.Multipart parts = (jakarta.mail.Multipart) part.getContent();
            StringBuilder text = new StringBuilder();
            for (int i = 0; i < parts.getCount(); i++) {
                text.append(textOf(parts.getBodyPart(i)));
            }
            return text.toString();
        }
        boolean attached = jakarta.mail.Part.ATTACHMENT.equalsIgnoreCase(part.getDisposition());
        return part.isMimeType("text/*") && !attached ? part.getContent().toString() : "";
    }

    /** The job once its hand-over ended, which must have been delivered. */
    static JsonPath awaitDelivered(String jobId) {
        JsonPath job = await().atMost(Platform.JOB_TIMEOUT).pollInterval(Duration.ofMillis(200)).until(
                () -> given().header("X-API-Key", apiKey).get(gateway.url() + "/api/jobs/" + jobId)
                        .then().statusCode(200).extract().jsonPath(),
                j -> List.of("delivered", "failed").contains(String.valueOf(j.getString("delivery_status"))));
        assertThat(job.getString("delivery_status")).as(job.prettify()).isEqualTo("delivered");
        return job;
    }
}
