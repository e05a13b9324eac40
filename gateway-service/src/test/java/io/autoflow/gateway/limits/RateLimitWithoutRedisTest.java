package io.autoflow.gateway.limits;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.is;

import io.autoflow.gateway.TestUsers;
import io.autoflow.gateway.auth.ApiKeys;
import io.autoflow.testsupport.KafkaTestResource;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import jakarta.inject.Inject;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** With Redis out of reach, limited users are refused rather than let through uncounted. */
@QuarkusTest
@WithTestResource(KafkaTestResource.class)
@TestProfile(RateLimitWithoutRedisTest.RedisUnreachable.class)
class RateLimitWithoutRedisTest {

    @Inject
    ApiKeys apiKeys;

    public static class RedisUnreachable implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("quarkus.redis.hosts", "redis://localhost:1", "quarkus.redis.timeout", "2s");
        }
    }

    @Test
    void aLimitedUserGets503AndAnUnlimitedOneIsServed() throws Throwable {
        String free = TestUsers.create(apiKeys, "free").key();
        String enterprise = TestUsers.create(apiKeys, "enterprise").key();

        given().header("X-API-Key", free).get("/api/jobs/not-a-job").then().statusCode(503)
                .body("code", is("rate_limit_unavailable"));
        given().header("X-API-Key", enterprise).get("/api/jobs/not-a-job").then().statusCode(404);
    }
}
