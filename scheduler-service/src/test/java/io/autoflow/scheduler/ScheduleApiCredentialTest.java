package io.autoflow.scheduler;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.empty;
import static org.hamcrest.Matchers.is;

import io.autoflow.service.auth.ServiceTokens;
import io.autoflow.testsupport.InternalRequests;
import io.autoflow.testsupport.KafkaTestResource;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.Socket;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/**
 * Issue 22's hole: anyone who reached the scheduler could list anyone's schedules by naming a user id. A user id
 * now grants nothing without the service token.
 */
@QuarkusTest
@WithTestResource(KafkaTestResource.class)
class ScheduleApiCredentialTest {

    private static final String SOMEONE = "someone-elses-user-id";

    @TestHTTPResource("/")
    URL root;

    @Test
    void aUserIdGrantsNothingWithoutTheServiceToken() {
        RestAssured.given().queryParam("user_id", SOMEONE).get("/schedules").then().statusCode(401)
                .body("code", is("service_credentials_required"));
        RestAssured.given().header(ServiceTokens.HEADER, "a-wrong-service-token-of-the-right-length")
                .queryParam("user_id", SOMEONE).get("/schedules").then().statusCode(401)
                .body("code", is("invalid_service_credentials"));
        InternalRequests.given().queryParam("user_id", SOMEONE).get("/schedules").then().statusCode(200)
                .body("$", is(empty()));
    }

    @Test
    void probesNeedNoToken() {
        RestAssured.given().get("/q/health/live").then().statusCode(200);
        RestAssured.given().get("/q/health/ready").then().statusCode(200);
    }

    /** Sent as raw HTTP: an HTTP client would resolve the dot segments itself and never send them. */
    @Test
    void aPathThroughTheOpenPrefixIsCheckedAsTheRouteItReaches() throws Exception {
        assertThat(rawStatus("/q/../schedules?user_id=" + SOMEONE)).isEqualTo(401);
        assertThat(rawStatus("/q/health/../../schedules?user_id=" + SOMEONE)).isEqualTo(401);
        assertThat(rawStatus("/q/%2e%2e/schedules?user_id=" + SOMEONE)).isEqualTo(401);
    }

    private int rawStatus(String target) throws Exception {
        try (Socket socket = new Socket(root.getHost(), root.getPort())) {
            OutputStream out = socket.getOutputStream();
            out.write(("GET " + target + " HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n")
                    .getBytes(StandardCharsets.US_ASCII));
            out.flush();
            String statusLine = new BufferedReader(new InputStreamReader(socket.getInputStream(),
                    StandardCharsets.US_ASCII)).readLine();
            return Integer.parseInt(statusLine.split(" ")[1]);
        }
    }
}
