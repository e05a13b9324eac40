package io.autoflow.gateway.rest;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import io.autoflow.gateway.rest.ErrorCode;
import io.autoflow.testsupport.KafkaTestResource;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.swagger.parser.OpenAPIParser;
import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.Operation;
import io.swagger.v3.parser.core.models.ParseOptions;
import io.swagger.v3.parser.core.models.SwaggerParseResult;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The OpenAPI document as a client generator reads it (swagger-parser, which openapi-generator uses): valid, every
 * operation named, tagged, summarised and described, every tag described, both credentials described and required
 * everywhere but on signed links and workflows' webhooks.
 */
@QuarkusTest
@WithTestResource(KafkaTestResource.class)
class ApiDocumentTest {

    private SwaggerParseResult parsed;
    private OpenAPI document;

    @BeforeEach
    void read() {
        String json = given().queryParam("format", "json").get("/q/openapi").then().statusCode(200).extract()
                .asString();
        ParseOptions options = new ParseOptions();
        options.setResolve(true);
        parsed = new OpenAPIParser().readContents(json, null, options);
        document = parsed.getOpenAPI();
    }

    @Test
    void theDocumentIsValid() {
        assertThat(parsed.getMessages()).isEmpty();
        assertThat(document.getInfo().getTitle()).isEqualTo("Autoflow API");
        assertThat(document.getServers()).isNotEmpty();
    }

    @Test
    void everyOperationIsNamedTaggedSummarisedAndDescribed() {
        List<String> ids = new ArrayList<>();
        List<String> problems = new ArrayList<>();
        document.getPaths().forEach((path, item) -> item.readOperationsMap().forEach((method, operation) -> {
            String name = method + " " + path;
            if (operation.getOperationId() == null) {
                problems.add(name + ": no operationId");
            } else {
                ids.add(operation.getOperationId());
            }
            if (operation.getTags() == null || operation.getTags().isEmpty()
                    || operation.getTags().stream().anyMatch(tag -> tag.endsWith("Resource"))) {
                problems.add(name + ": tags " + operation.getTags());
            }
            if (operation.getSummary() == null) {
                problems.add(name + ": no summary");
            }
            if (operation.getDescription() == null || operation.getDescription().isBlank()) {
                problems.add(name + ": no description");
            }
        }));
        document.getTags().stream().filter(tag -> tag.getDescription() == null || tag.getDescription().isBlank())
                .forEach(tag -> problems.add("tag " + tag.getName() + ": no description"));
        assertThat(problems).isEmpty();
        assertThat(ids).doesNotHaveDuplicates().contains("analyseDocument", "getJob", "listJobs", "createSchedule");
        assertThat(document.getPaths()).doesNotContainKeys("/auth/config", "/jobs/{id}");
    }

    @Test
    void everyOperationDocumentsTheErrorsItCanAnswerWithTheOneErrorSchema() {
        var error = document.getComponents().getSchemas().get("Error");
        assertThat(error.getRequired()).contains("type", "title", "status", "detail", "code", "message");
        assertThat(((io.swagger.v3.oas.models.media.Schema<?>) error.getProperties().get("code")).getEnum())
                .map(String::valueOf).containsExactlyInAnyOrder(ErrorCode.codes());
        List<String> problems = new ArrayList<>();
        document.getPaths().forEach((path, item) -> item.readOperationsMap().forEach((method, operation) -> {
            for (String status : List.of("500", "503")) {
                var response = operation.getResponses().get(status);
                if (response == null || !response.getContent().get("application/problem+json").getSchema().get$ref()
                        .endsWith("/Error")) {
                    problems.add(method + " " + path + ": no " + status);
                }
            }
            if (!path.startsWith("/files/") && !operation.getResponses().containsKey("401")) {
                problems.add(method + " " + path + ": no 401");
            }
        }));
        assertThat(problems).isEmpty();
        assertThat(document.getPaths().get("/api/jobs/{id}").getGet().getResponses()).containsKey("404");
        // Success is documented as the wire answers it.
        assertThat(document.getPaths().get("/api/analytics/document").getPost().getResponses())
                .containsKey("202").doesNotContainKey("200");
        assertThat(document.getPaths().get("/api/analytics/document").getPost().getResponses().get("202")
                .getContent().get("application/json").getSchema().get$ref()).endsWith("/JobAccepted");
        assertThat(document.getPaths().get("/api/me/api-keys").getPost().getResponses()).containsKey("201")
                .doesNotContainKey("200");
        assertThat(document.getPaths().get("/api/me/api-keys/{id}").getDelete().getResponses()).containsKey("204")
                .doesNotContainKey("200");
        assertThat(document.getPaths().get("/api/analytics/document").getPost().getResponses())
                .containsKeys("400", "409", "413", "415", "422", "429");
    }

    @Test
    void bothCredentialsAreDescribedAndRequiredButForSignedLinksAndWebhooks() {
        assertThat(document.getComponents().getSecuritySchemes()).containsOnlyKeys("api_key", "bearer");
        assertThat(document.getComponents().getSecuritySchemes().get("api_key").getName()).isEqualTo("X-API-Key");
        assertThat(document.getSecurity()).extracting(requirement -> requirement.keySet())
                .containsExactlyInAnyOrder(java.util.Set.of("api_key"), java.util.Set.of("bearer"));
        Operation download = document.getPaths().get("/files/{token}").getGet();
        assertThat(download.getSecurity()).isEmpty();
        Operation webhook = document.getPaths().get("/hooks/{token}").getPost();
        assertThat(webhook.getSecurity()).isEmpty(); // its secret URL, and its signature, are the credential
        assertThat(webhook.getResponses()).containsKey("401").doesNotContainKey("403");
        Operation getJob = document.getPaths().get("/api/jobs/{id}").getGet();
        assertThat(getJob.getSecurity()).isNull(); // the document's own requirement
        assertThat(getJob.getParameters()).anySatisfy(parameter -> assertThat(Map.of(parameter.getName(),
                parameter.getIn())).isEqualTo(Map.of("id", "path")));
    }

    @Test
    void whatAClientGeneratorReadsIsSaidOneWay() {
        // Generated clients send JSON whenever it is listed: where a path takes both, the upload is listed, JSON told.
        for (String path : List.of("/api/analytics/document", "/api/transforms", "/api/chat")) {
            Operation operation = document.getPaths().get(path).getPost();
            assertThat(operation.getRequestBody().getContent().keySet()).as(path)
                    .containsExactly("multipart/form-data");
            assertThat(operation.getExtensions().get("x-json-request")).as(path).isNotNull();
            assertThat(operation.getDescription()).as(path).contains("application/json");
        }
        assertThat(document.getPaths().get("/api/analytics/document").getPost().getExtensions())
                .containsEntry("x-json-request", "#/components/schemas/AnalyticsRequest");
        // The Vert.x request some methods take is no request body.
        assertThat(document.getPaths().get("/api/me/export").getGet().getRequestBody()).isNull();
        assertThat(document.getPaths().get("/api/me/api-keys/{id}").getDelete().getRequestBody()).isNull();
        assertThat(document.getComponents().getSchemas()).doesNotContainKeys("HttpServerRequest", "JsonNode");
        var limit = document.getPaths().get("/api/jobs").getGet().getParameters().stream()
                .filter(parameter -> parameter.getName().equals("limit")).findFirst().orElseThrow();
        assertThat(limit.getSchema().getTypes()).containsExactly("integer");
        assertThat(document.getPaths().get("/api/jobs/{id}").getGet().getResponses().get("200").getContent()
                .get("application/json").getSchema().get$ref()).endsWith("/Job");
        assertThat(document.getPaths().get("/api/schedules/{id}").getGet().getResponses().get("200").getContent()
                .get("application/json").getSchema().get$ref()).endsWith("/Schedule");
        assertThat(document.getComponents().getSchemas().get("Job").getProperties())
                .containsKeys("job_id", "status", "error");
    }

    /**
     * A job's result is typed by its workflow_type: Job's discriminator maps each type to a job schema that is Job
     * plus its typed result (generated clients make subclasses of Job). Nothing reachable from it is free-form but an
     * error's details, whose facts vary with the code.
     */
    @Test
    void aJobsResultIsItsWorkflowsRecord() {
        Map<String, io.swagger.v3.oas.models.media.Schema> schemas = document.getComponents().getSchemas();
        var job = schemas.get("Job");
        assertThat(job.getDiscriminator().getPropertyName()).isEqualTo("workflow_type");
        Map<String, String> results = Map.of("document_analytics", "AnalysisResult", "api_automation", "ApiCallResult",
                "data_transform", "TransformResult", "notification", "NotificationResult", "schedule_task", "Schedule",
                "workflow_run", "WorkflowRunResult");
        assertThat(job.getDiscriminator().getMapping()).containsOnlyKeys(results.keySet());
        results.forEach((type, result) -> {
            String ref = job.getDiscriminator().getMapping().get(type);
            var typed = schemas.get(ref.substring(ref.lastIndexOf('/') + 1));
            assertThat(((io.swagger.v3.oas.models.media.Schema<?>) typed.getAllOf().get(0)).get$ref()).as(type)
                    .endsWith("/Job");
            assertThat(((io.swagger.v3.oas.models.media.Schema<?>) typed.getProperties().get("result")).get$ref())
                    .as(type).endsWith("/" + result);
        });
        // Where the workers store files is not the API's: the job's links stand for it.
        assertThat(schemas.get("Report").getProperties()).doesNotContainKey("key");
        assertThat(schemas.get("StoredFile").getProperties()).doesNotContainKey("key");
        assertThat(schemas.get("AnalysisResult").getProperties()).doesNotContainKey("detail");

        List<String> freeForm = new ArrayList<>();
        freeFormIn("Job", schemas, new java.util.HashSet<>(), freeForm);
        // Only what is any JSON by nature: an error's details, and an API's own JSON answer as it came.
        assertThat(freeForm).containsExactly("ApiCallResult.body", "ErrorInfo.details");
    }

    /** The properties reachable from a schema that say nothing of their content (any JSON, any object). */
    private static void freeFormIn(String name, Map<String, io.swagger.v3.oas.models.media.Schema> schemas,
            java.util.Set<String> seen, List<String> found) {
        if (!seen.add(name)) {
            return;
        }
        List<io.swagger.v3.oas.models.media.Schema<?>> parts = new ArrayList<>();
        var schema = schemas.get(name);
        parts.add(schema);
        if (schema.getAllOf() != null) {
            schema.getAllOf().forEach(part -> parts.add((io.swagger.v3.oas.models.media.Schema<?>) part));
        }
        if (schema.getDiscriminator() != null && schema.getDiscriminator().getMapping() != null) {
            schema.getDiscriminator().getMapping().values().forEach(ref -> freeFormIn(
                    ref.substring(ref.lastIndexOf('/') + 1), schemas, seen, found));
        }
        for (var part : parts) {
            if (part.getProperties() == null) {
                continue;
            }
            part.getProperties().forEach((property, value) -> {
                var items = value.getItems() != null ? value.getItems() : value;
                while (items.getItems() != null) {
                    items = items.getItems();
                }
                String ref = items.get$ref();
                if (ref != null && !ref.endsWith("/JsonValue")) {
                    freeFormIn(ref.substring(ref.lastIndexOf('/') + 1), schemas, seen, found);
                } else if (ref != null || items.getAdditionalProperties() != null
                        || "object".equals(items.getType()) && items.getProperties() == null
                        || items.getTypes() != null && items.getTypes().contains("object")
                                && items.getProperties() == null) {
                    found.add(name + "." + property);
                }
            });
        }
    }
}
