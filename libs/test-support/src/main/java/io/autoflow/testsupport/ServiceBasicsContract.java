package io.autoflow.testsupport;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.is;
import static org.hamcrest.Matchers.notNullValue;

import java.util.List;
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

    /**
     * The series the alert rules of {@code k8s/base/monitoring/autoflow-rules.yaml} read, under the names and labels
     * they use: the API's requests with buckets for its p95, each Kafka consumer's lag, and the record count of the
     * producer SmallRye made for each channel's dead-letter topic. A dependency upgrade that renames one fails here.
     */
    @Test
    public void exposesTheSeriesTheAlertRulesRead() {
        given().get("/no-such-route");
        MetricsScrape metrics = MetricsScrape.now();
        assertThat(metrics.samples()).as("API requests by route template and status, with a 1 s bucket")
                .anyMatch(s -> s.name().equals("http_server_requests_seconds_bucket")
                        && s.labels().keySet().containsAll(List.of("uri", "status", "method", "outcome"))
                        && s.labels().get("le").matches("1(\\.0)?"));
        assertThat(metrics.samples()).as("consumer lag per Kafka consumer")
                .anyMatch(s -> s.name().equals("kafka_consumer_fetch_manager_records_lag_max")
                        && s.labels().get("client_id").startsWith("kafka-consumer-"));
        assertThat(metrics.samples()).as("records sent to a dead-letter topic")
                .anyMatch(s -> s.name().equals("kafka_producer_record_send_total")
                        && s.labels().get("client_id").startsWith("kafka-dead-letter-topic-producer-kafka-consumer-"));
    }

    @Test
    public void publishesItsOpenApiDocument() {
        given().queryParam("format", "json").get("/q/openapi").then()
                .statusCode(200)
                .body("openapi", notNullValue());
    }
}
