package io.autoflow.orchestrator.rest;

import static org.hamcrest.Matchers.is;

import io.autoflow.testsupport.InternalRequests;
import io.autoflow.testsupport.KafkaTestResource;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.specification.RequestSpecification;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** The gateway's page of jobs: a full page of 100 jobs is asked for by id in one request line. */
@QuarkusTest
@WithTestResource(KafkaTestResource.class)
class ExecutionListTest {

    @Test
    void aFullPageOfJobIdsFitsInOneRequest() {
        RequestSpecification request = InternalRequests.given().queryParam("user_id", "user-" + UUID.randomUUID())
                .queryParam("limit", 100).queryParam("page", 0);
        for (int i = 0; i < 100; i++) {
            request = request.queryParam("job_id", UUID.randomUUID().toString());
        }
        // 100 ids make a request line of about 4,500 bytes, past Vert.x's default 4,096 (a 414 before).
        request.get("/executions").then().statusCode(200).body("size()", is(0));
    }
}
