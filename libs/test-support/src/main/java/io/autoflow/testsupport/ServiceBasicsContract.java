package io.autoflow.testsupport;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.is;
import static org.hamcrest.Matchers.notNullValue;

import org.junit.jupiter.api.Test;

/**
 * What every Autoflow service promises operators: liveness, a readiness that really checks Kafka, PostgreSQL and
 * Redis, Prometheus metrics and an OpenAPI document. Each service runs it with a {@code @QuarkusTest} subclass.
 */
public abstract class ServiceBasicsContract {

    @Test
    public void isLive() {
        given().get("/q/health/live").then().statusCode(200).body("status", is("UP"));
    }

    @Test
    public void isReadyOnlyAfterCheckingKafkaPostgresqlAndRedis() {
        given().get("/q/health/ready").then()
                .statusCode(200)
                .body("status", is("UP"))
                .body("checks.name", hasItem(containsString("Kafka")))
                .body("checks.name", hasItem(containsString("PostgreSQL")))
                .body("checks.name", hasItem(containsString("Redis")));
    }

    @Test
    public void exposesPrometheusMetrics() {
        given().accept("text/plain").get("/q/metrics").then()
                .statusCode(200)
                .contentType(containsString("text/plain"))
                .body(containsString("# TYPE jvm_memory_used_bytes gauge"));
    }

    @Test
    public void publishesItsOpenApiDocument() {
        given().queryParam("format", "json").get("/q/openapi").then()
                .statusCode(200)
                .body("openapi", notNullValue());
    }
}
