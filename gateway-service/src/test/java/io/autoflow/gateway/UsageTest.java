package io.autoflow.gateway;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.is;

import io.autoflow.gateway.auth.ApiKeys;
import io.autoflow.testsupport.KafkaTestResource;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.time.LocalDate;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;

@QuarkusTest
@WithTestResource(KafkaTestResource.class)
class UsageTest {

    @Inject
    ApiKeys apiKeys;

    @Test
    void requestsUploadsAndJobsAreCountedPerUserAndDay() throws Throwable {
        TestUsers user = TestUsers.create(apiKeys, "free");
        TestUsers other = TestUsers.create(apiKeys, "free");
        byte[] csv = "region,units\nEast,3\nWest,4\n".getBytes();
        given().header("X-API-Key", user.key()).multiPart("file", "a.csv", csv, "text/csv")
                .post("/api/analytics/document").then().statusCode(202);
        given().header("X-API-Key", user.key()).get("/api/me/api-keys").then().statusCode(200);
        given().header("X-API-Key", other.key()).get("/api/me/api-keys").then().statusCode(200);

        // This request is the third of the day.
        given().header("X-API-Key", user.key()).get("/api/me/usage").then().statusCode(200)
                .body("tier", is("free"))
                .body("limits.requests_per_day", is(100))
                .body("limits.max_file_bytes", is(65536))
                .body("today.day", is(LocalDate.now(ZoneOffset.UTC).toString()))
                .body("today.requests", is(3))
                .body("today.jobs", is(1))
                .body("today.bytes_uploaded", is(csv.length))
                .body("processing_available", is(false)) // the orchestrator is not running in this test
                .body("days.size()", is(1));
        given().header("X-API-Key", other.key()).get("/api/me/usage").then().statusCode(200)
                .body("today.requests", is(2)).body("today.jobs", is(0));
        // A window out of range is refused and named, not clamped.
        for (String days : new String[] {"0", "367", "abc", "1.5"}) {
            given().header("X-API-Key", other.key()).queryParam("days", days).get("/api/me/usage").then()
                    .statusCode(400).body("code", is("invalid_request")).body("param", is("days"));
        }
        given().header("X-API-Key", other.key()).queryParam("days", 366).get("/api/me/usage").then()
                .statusCode(200);
    }
}
