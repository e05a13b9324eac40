package io.autoflow.gateway.rest;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.is;

import io.autoflow.blob.BlobStore;
import io.autoflow.events.DocumentTypes;
import io.autoflow.events.EventJson;
import io.autoflow.events.IntentParsed;
import io.autoflow.events.Intents;
import io.autoflow.events.Topics;
import io.autoflow.events.TransformData;
import io.autoflow.events.data.AggregateFunction;
import io.autoflow.events.data.DataOperation;
import io.autoflow.gateway.TestUsers;
import io.autoflow.gateway.auth.ApiKeys;
import io.autoflow.testsupport.KafkaTestClient;
import io.autoflow.testsupport.KafkaTestResource;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** {@code POST /api/transforms}: a document checked and stored like an upload, then queued for conversion. */
@QuarkusTest
@WithTestResource(KafkaTestResource.class)
class TransformSubmissionTest {

    private static final byte[] CSV = "city,population\nLyon,522250\n".getBytes(StandardCharsets.UTF_8);

    @ConfigProperty(name = "kafka.bootstrap.servers")
    String bootstrapServers;

    @Inject
    ApiKeys apiKeys;

    @Inject
    BlobStore blobs;

    private TestUsers user;

    @BeforeEach
    void setUp() throws Throwable {
        user = TestUsers.create(apiKeys, "free");
    }

    @Test
    void queuesTheConversionOfAnUploadedCsv() throws Exception {
        String jobId = given().header("X-API-Key", user.key())
                .multiPart("file", "cities.csv", CSV, "text/csv")
                .multiPart("request", "{\"target_format\": \"JSON\", \"output\": {\"delivery\": \"email\"}}",
                        "application/json")
                .post("/api/transforms").then().statusCode(202).body("status", is("queued"))
                .extract().path("job_id");

        IntentParsed intent = EventJson.mapper().readValue(new KafkaTestClient(bootstrapServers)
                .awaitRecord(Topics.INTENTS, r -> jobId.equals(r.key()), Duration.ofSeconds(20)).value(),
                IntentParsed.class);
        assertThat(intent.intent()).isEqualTo(Intents.DATA_TRANSFORM);
        TransformData parameters = EventJson.mapper().convertValue(intent.parameters(), TransformData.class);
        assertThat(parameters.targetFormat()).isEqualTo("json");
        assertThat(parameters.fileName()).isEqualTo("cities.csv");
        assertThat(parameters.contentType()).isEqualTo(DocumentTypes.CSV);
        assertThat(parameters.blobKey()).isEqualTo("uploads/" + user.user().id + "/" + jobId + "/document");
        assertThat(parameters.output().email()).isEqualTo(user.user().email);
    }

    @Test
    void refusesWhatCannotBeConverted() throws Exception {
        given().header("X-API-Key", user.key()).multiPart("file", "cities.csv", CSV, "text/csv")
                .multiPart("request", "{\"target_format\": \"yaml\"}", "application/json")
                .post("/api/transforms").then().statusCode(422).body("code", is("invalid_target_format"));
        given().header("X-API-Key", user.key()).multiPart("file", "cities.csv", CSV, "text/csv")
                .post("/api/transforms").then().statusCode(422).body("code", is("invalid_target_format"));
        given().header("X-API-Key", user.key()).multiPart("file", "tables.docx", docx(),
                "application/vnd.openxmlformats-officedocument.wordprocessingml.document")
                .multiPart("request", "{\"target_format\": \"csv\"}", "application/json")
                .post("/api/transforms").then().statusCode(415).body("code", is("unsupported_file_type"));
        assertThat(blobs.list("uploads/" + user.user().id + "/")).as("nothing refused is kept").isEmpty();
        given().header("X-API-Key", user.key()).contentType("application/json")
                .body("{\"file\": \"http://192.168.1.1/data.csv\", \"target_format\": \"csv\"}")
                .post("/api/transforms").then().statusCode(422).body("code", is("url_not_allowed"));
        given().header("X-API-Key", user.key()).contentType("application/json").body("{\"target_format\": \"csv\"}")
                .post("/api/transforms").then().statusCode(400).body("code", is("missing_file"));
    }

    @Test
    void queuesTheDataOperationsWithTheConversion() throws Exception {
        String jobId = given().header("X-API-Key", user.key())
                .multiPart("file", "cities.csv", CSV, "text/csv")
                .multiPart("request", """
                        {"target_format": "xlsx", "operations": [
                          {"op": "filter", "where": "population > 100000"},
                          {"op": "group_by", "by": ["city"], "aggregates": [
                            {"function": "sum", "column": "population", "as": "people"}]},
                          {"op": "sort", "by": [{"column": "people", "descending": true}]}]}""", "application/json")
                .post("/api/transforms").then().statusCode(202).extract().path("job_id");

        IntentParsed intent = EventJson.mapper().readValue(new KafkaTestClient(bootstrapServers)
                .awaitRecord(Topics.INTENTS, r -> jobId.equals(r.key()), Duration.ofSeconds(20)).value(),
                IntentParsed.class);
        TransformData parameters = EventJson.mapper().convertValue(intent.parameters(), TransformData.class);
        assertThat(parameters.operations()).containsExactly(
                new DataOperation.Filter("population > 100000"),
                new DataOperation.GroupBy(List.of("city"), List.of(
                        new DataOperation.Aggregate(AggregateFunction.SUM, "population", "people"))),
                new DataOperation.Sort(List.of(new DataOperation.SortKey("people", true))));
    }

    @Test
    void refusesAMalformedOperationBeforeStoringAnything() throws Exception {
        given().header("X-API-Key", user.key()).multiPart("file", "cities.csv", CSV, "text/csv")
                .multiPart("request", """
                        {"target_format": "csv", "operations": [
                          {"op": "select", "columns": ["city"]}, {"op": "filter", "where": "population >"}]}""",
                        "application/json")
                .post("/api/transforms").then().statusCode(422).body("code", is("invalid_expression"))
                .body("details.operation", is(1)).body("details.field", is("where"))
                .body("details.position", is(12));
        given().header("X-API-Key", user.key()).contentType("application/json").body("""
                        {"file": "https://example.com/cities.csv", "target_format": "csv",
                         "operations": [{"op": "group_by", "by": ["city"], "aggregates": [{"function": "sum"}]}]}""")
                .post("/api/transforms").then().statusCode(422).body("code", is("invalid_operation"))
                .body("details.operation", is(0)).body("details.field", is("aggregates.column"));
        given().header("X-API-Key", user.key()).contentType("application/json").body("""
                        {"file": "https://example.com/cities.csv", "target_format": "csv",
                         "operations": [{"op": "join", "with": "other", "on": ["city"]}]}""")
                .post("/api/transforms").then().statusCode(422).body("code", is("invalid_operation"))
                .body("details.field", is("with"));
        given().header("X-API-Key", user.key()).contentType("application/json").body("""
                        {"file": "https://example.com/cities.csv", "target_format": "csv",
                         "operations": [{"op": "explode", "column": "city"}]}""")
                .post("/api/transforms").then().statusCode(400);
        assertThat(blobs.list("uploads/" + user.user().id + "/")).as("nothing refused is kept").isEmpty();
    }

    private static byte[] docx() throws Exception {
        try (var in = TransformSubmissionTest.class.getResourceAsStream("/docx/tbl-cell-access.docx")) {
            return in.readAllBytes();
        }
    }
}
