package io.autoflow.gateway.rest;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.autoflow.gateway.auth.AuthenticationFilter;
import io.autoflow.gateway.idempotency.Idempotent;
import io.quarkus.smallrye.openapi.OpenApiFilter;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.eclipse.microprofile.config.Config;
import org.eclipse.microprofile.config.ConfigProvider;
import org.eclipse.microprofile.openapi.OASFactory;
import org.eclipse.microprofile.openapi.OASFilter;
import org.eclipse.microprofile.openapi.models.OpenAPI;
import org.eclipse.microprofile.openapi.models.Operation;
import org.eclipse.microprofile.openapi.models.PathItem;
import org.eclipse.microprofile.openapi.models.media.Content;
import org.eclipse.microprofile.openapi.models.media.MediaType;
import org.eclipse.microprofile.openapi.models.media.Schema;
import org.eclipse.microprofile.openapi.models.parameters.Parameter;
import org.eclipse.microprofile.openapi.models.parameters.RequestBody;
import org.eclipse.microprofile.openapi.models.responses.APIResponse;
import org.eclipse.microprofile.openapi.models.security.SecurityScheme;

/**
 * What the OpenAPI document says of the whole API, at build time, so that the document stored with the build
 * ({@code target/openapi}, which clients are generated from) is the one served: the two credentials every operation
 * takes (an API key in {@code X-API-Key}, or an access token of the identity provider) but signed links and
 * workflows' webhooks, whose URL is the credential; the one {@code Error} schema and the errors each operation can
 * answer; and what a client generator needs read one way (see {@link #forGenerators}). What names the deployment is
 * {@link Deployment}'s, at startup.
 */
@OpenApiFilter(OpenApiFilter.RunStage.BUILD)
public class PublicApiDocument implements OASFilter {

    static final String API_KEY = "api_key";
    static final String BEARER = "bearer";
    static final String ERROR = "Error";
    /** What {@code mp.openapi.schema.com.fasterxml.jackson.databind.JsonNode} names a Jackson tree: any JSON. */
    private static final String MULTIPART = "multipart/form-data";
    private static final String JSON = "application/json";

    /**
     * Where this deployment is ({@code servers}: {@code autoflow.public-url}) and which identity provider issues its
     * tokens: configuration read when the service starts (Quarkus also runs it on the build's configuration for the
     * stored document, whose {@code servers} is therefore the default local one).
     */
    @OpenApiFilter(OpenApiFilter.RunStage.RUNTIME_STARTUP)
    public static class Deployment implements OASFilter {

        @Override
        public void filterOpenAPI(OpenAPI openAPI) {
            Config config = ConfigProvider.getConfig();
            String publicUrl = config.getOptionalValue("autoflow.public-url", String.class).orElse("/");
            String issuer = config.getOptionalValue("quarkus.oidc.auth-server-url", String.class).orElse("");
            openAPI.setServers(List.of(OASFactory.createServer().url(publicUrl)));
            SecurityScheme bearer = openAPI.getComponents() == null || openAPI.getComponents().getSecuritySchemes()
                    == null ? null : openAPI.getComponents().getSecuritySchemes().get(BEARER);
            if (bearer != null) {
                bearer.setDescription("An access token from the identity provider " + issuer + " (OpenID Connect),"
                        + " for the audience the gateway is configured with.");
            }
        }
    }

    @Override
    public void filterOpenAPI(OpenAPI openAPI) {
        if (openAPI.getComponents() == null) {
            openAPI.setComponents(OASFactory.createComponents());
        }
        openAPI.getComponents()
                .addSecurityScheme(API_KEY, OASFactory.createSecurityScheme().type(SecurityScheme.Type.APIKEY)
                        .in(SecurityScheme.In.HEADER).name(AuthenticationFilter.HEADER)
                        .description("An API key of yours (POST /api/me/api-keys, or the web app's Settings)."))
                .addSecurityScheme(BEARER, OASFactory.createSecurityScheme().type(SecurityScheme.Type.HTTP)
                        .scheme("bearer").bearerFormat("JWT")
                        .description("An access token from the configured identity provider (OpenID Connect)."));
        openAPI.setSecurity(List.of(OASFactory.createSecurityRequirement().addScheme(API_KEY),
                OASFactory.createSecurityRequirement().addScheme(BEARER)));
        withoutCredential(openAPI, "/files/{token}", PathItem.HttpMethod.GET); // the signed link is the credential
        withoutCredential(openAPI, "/hooks/{token}", PathItem.HttpMethod.POST); // the webhook's secret URL is
        openAPI.getComponents().addSchema(ERROR, errorSchema());
        if (openAPI.getPaths() != null) {
            forGenerators(openAPI);
            optionalMeansNullable(openAPI);
            examples(openAPI);
            openAPI.getPaths().getPathItems().forEach((path, item) -> item.getOperations()
                    .forEach((method, operation) -> {
                        documentErrors(path, operation);
                        problemBodies(operation);
                    }));
        }
    }

    private static void withoutCredential(OpenAPI openAPI, String path, PathItem.HttpMethod method) {
        PathItem item = openAPI.getPaths() == null ? null : openAPI.getPaths().getPathItem(path);
        Operation operation = item == null ? null : item.getOperations().get(method);
        if (operation != null) {
            operation.setSecurity(new ArrayList<>());
        }
    }

    /**
     * What a generated client relies on, said one way:
     * <ul>
     * <li>an operation taking both an upload and JSON is documented as the upload ({@link #uploadOnly});</li>
     * <li>{@code limit} is a whole number from 1 to 100 and {@code starting_after} the last id of the page before,
     * as every list reads them;</li>
     * <li>a success that is a file (a report, a signed download, the account's export) is binary;</li>
     * <li>a property that refers to a schema has no type of its own beside the reference.</li>
     * </ul>
     */
    private static void forGenerators(OpenAPI openAPI) {
        Map<String, Schema> schemas = openAPI.getComponents().getSchemas();
        openAPI.getPaths().getPathItems().forEach((path, item) -> item.getOperations().forEach((method, operation) -> {
            RequestBody body = operation.getRequestBody();
            if (body != null && body.getContent() != null && body.getContent().hasMediaType(MULTIPART)
                    && body.getContent().getMediaTypes().size() > 1) {
                uploadOnly(operation, body);
            }
            if (operation.getParameters() != null) {
                operation.getParameters().forEach(PublicApiDocument::pageParameter);
            }
            binaryAnswers(operation);
        }));
        if (schemas != null) {
            // A described reference ("type": "object" beside "$ref"): the type is the referenced schema's alone.
            schemas.values().stream().filter(schema -> schema.getProperties() != null)
                    .flatMap(schema -> schema.getProperties().values().stream())
                    .filter(property -> property.getRef() != null && property.getType() != null)
                    .forEach(property -> property.setType(null));
        }
    }

    /**
     * In a request, a field left out and a field sent as {@code null} mean the same: its default (clients built on
     * JavaScript send {@code null} for "not set"; the web app does). The document says so: every optional property of
     * a request schema, and of the schemas inside it, also takes {@code null}; a required one does not (400).
     */
    private static void optionalMeansNullable(OpenAPI openAPI) {
        Map<String, Schema> schemas = openAPI.getComponents().getSchemas();
        Deque<String> toVisit = new ArrayDeque<>();
        openAPI.getPaths().getPathItems().values().forEach(item -> item.getOperations().values().forEach(operation -> {
            if (operation.getExtensions() != null && operation.getExtensions().get("x-json-request") != null) {
                toVisit.add(simpleName(operation.getExtensions().get("x-json-request").toString()));
            }
            RequestBody body = operation.getRequestBody();
            MediaType json = body == null || body.getContent() == null ? null : body.getContent().getMediaType(JSON);
            if (json != null && json.getSchema() != null && json.getSchema().getRef() != null) {
                toVisit.add(simpleName(json.getSchema().getRef()));
            }
        }));
        Set<String> seen = new HashSet<>();
        while (!toVisit.isEmpty()) {
            Schema schema = schemas == null ? null : schemas.get(toVisit.peek());
            if (!seen.add(toVisit.pop()) || schema == null || schema.getProperties() == null) {
                continue;
            }
            List<String> required = schema.getRequired() == null ? List.of() : schema.getRequired();
            new LinkedHashMap<>(schema.getProperties()).forEach((name, property) -> {
                if (property.getRef() != null) {
                    toVisit.add(simpleName(property.getRef()));
                }
                if (required.contains(name)) {
                    return;
                }
                if (property.getRef() != null) {
                    schema.addProperty(name, OASFactory.createSchema().description(property.getDescription())
                            .anyOf(List.of(OASFactory.createSchema().ref(property.getRef()),
                                    OASFactory.createSchema().type(List.of(Schema.SchemaType.NULL)))));
                } else if (property.getType() != null && !property.getType().contains(Schema.SchemaType.NULL)) {
                    List<Schema.SchemaType> types = new ArrayList<>(property.getType());
                    types.add(Schema.SchemaType.NULL);
                    property.setType(types);
                    if (property.getEnumeration() != null && !property.getEnumeration().contains(null)) {
                        List<Object> values = new ArrayList<>(property.getEnumeration());
                        values.add(null);
                        property.setEnumeration(values);
                    }
                }
            });
        }
    }

    /**
     * An example of each operation's JSON request and JSON success answer, from {@code openapi-examples.json} (by
     * operationId): kept beside the code as data, checked against the schemas by the linter and the contract test.
     */
    private static void examples(OpenAPI openAPI) {
        Map<String, Map<String, Object>> examples;
        try (InputStream in = PublicApiDocument.class.getResourceAsStream("/openapi-examples.json")) {
            examples = new ObjectMapper().readValue(in, new TypeReference<>() { });
        } catch (IOException | RuntimeException e) {
            throw new IllegalStateException("openapi-examples.json cannot be read", e);
        }
        openAPI.getPaths().getPathItems().values().forEach(item -> item.getOperations().values().forEach(operation -> {
            Map<String, Object> example = examples.get(operation.getOperationId());
            if (example == null) {
                return;
            }
            RequestBody body = operation.getRequestBody();
            if (example.containsKey("request") && body != null && body.getContent() != null
                    && body.getContent().getMediaType(JSON) != null) {
                body.getContent().getMediaType(JSON).setExample(example.get("request"));
            }
            if (example.containsKey("response") && operation.getResponses() != null) {
                operation.getResponses().getAPIResponses().forEach((status, response) -> {
                    if (status.startsWith("2") && response.getContent() != null
                            && response.getContent().getMediaType(JSON) != null) {
                        response.getContent().getMediaType(JSON).setExample(example.get("response"));
                    }
                });
            }
        }));
    }

    private static String simpleName(String ref) {
        return ref.substring(ref.lastIndexOf('/') + 1);
    }

    /**
     * An upload, not JSON, for an operation that takes both on one path (an analysis, a transform, a chat message):
     * client generators make one method of an operation, its parameters from the first media type, and send the one
     * they prefer, JSON when it is listed (openapi-generator's Java clients), so a generated upload would go out as a
     * JSON body without its file. The JSON form, which a client cannot do otherwise, stays in the description and
     * in {@code x-json-request}, its schema.
     */
    private static void uploadOnly(Operation operation, RequestBody body) {
        Content upload = OASFactory.createContent().addMediaType(MULTIPART, body.getContent().getMediaType(MULTIPART));
        MediaType json = body.getContent().getMediaType(JSON);
        if (json != null && json.getSchema() != null && json.getSchema().getRef() != null) {
            String schema = json.getSchema().getRef();
            String name = schema.substring(schema.lastIndexOf('/') + 1);
            operation.addExtension("x-json-request", schema);
            operation.setDescription((operation.getDescription() == null ? "" : operation.getDescription() + "\n\n")
                    + "The same path also takes `application/json` (schema " + name + ", `x-json-request`), e.g. for"
                    + " a document given by its URL. It is not listed as a request body beside the upload: client"
                    + " generators send JSON whenever it is listed, and JSON carries no file.");
        }
        body.setContent(upload);
    }

    /** A success that is a file (a report, a download, an export) says so: generators then return its bytes. */
    private static void binaryAnswers(Operation operation) {
        if (operation.getResponses() == null) {
            return;
        }
        operation.getResponses().getAPIResponses().forEach((status, response) -> {
            if (!status.startsWith("2") || response.getContent() == null) {
                return;
            }
            response.getContent().getMediaTypes().forEach((type, media) -> {
                if (media.getSchema() == null && !type.equals(JSON) && !type.endsWith("+json")
                        && !type.equals("text/event-stream")) {
                    media.setSchema(OASFactory.createSchema().type(List.of(Schema.SchemaType.STRING))
                            .format("binary"));
                }
            });
        });
    }

    private static void pageParameter(Parameter parameter) {
        if (parameter.getIn() != Parameter.In.QUERY || parameter.getName() == null) {
            return;
        }
        if (parameter.getName().equals("limit")) {
            parameter.setSchema(OASFactory.createSchema().type(List.of(Schema.SchemaType.INTEGER)).format("int32")
                    .minimum(java.math.BigDecimal.ONE).maximum(java.math.BigDecimal.valueOf(ListPages.MAX_LIMIT)));
            parameter.setDescription("How many to answer at most, 1 to " + ListPages.MAX_LIMIT);
        } else if (parameter.getName().equals("starting_after")) {
            parameter.setDescription("The id of the last item of the page before: the page after it (see has_more)");
        }
    }

    /** Every error body: {@link ApiError}, an RFC 9457 problem whose {@code code} is one of {@link ErrorCode}. */
    private static Schema errorSchema() {
        return OASFactory.createSchema().type(List.of(Schema.SchemaType.OBJECT))
                .description("Every 4xx and 5xx answer, as an RFC 9457 problem (application/problem+json): a stable"
                        + " code to act on, a message for people, details, and the request's field that is wrong"
                        + " when one is.")
                .addProperty("type", string("about:blank: the status and code say what the problem is"))
                .addProperty("title", string("The status's reason phrase"))
                .addProperty("status", OASFactory.createSchema().type(List.of(Schema.SchemaType.INTEGER)))
                .addProperty("detail", string("What went wrong, for people (the same as message)"))
                .addProperty("code", string("Stable: act on this. Listed with their meaning in the README")
                        .enumeration(List.of((Object[]) ErrorCode.codes())))
                .addProperty("message", string("What went wrong, for people"))
                .addProperty("details", OASFactory.createSchema().type(List.of(Schema.SchemaType.OBJECT,
                        Schema.SchemaType.NULL)).additionalPropertiesBoolean(true)
                        .description("Facts about the problem, by code (e.g. field and character for"
                                + " invalid_character)"))
                .addProperty("param", string("The field or query parameter that is wrong, as the request spells it"))
                .required(List.of("type", "title", "status", "detail", "code", "message"));
    }

    private static Schema string(String description) {
        return OASFactory.createSchema().type(List.of(Schema.SchemaType.STRING)).description(description);
    }

    /**
     * The errors an operation can answer, by what it is: every one can be refused by the platform (500, 503);
     * every one that takes a credential 401, 403 (a role it lacks) and 429 (requests per day); one with a body or
     * query or header parameters 400; one with a body 413 and 415; one about a named thing 404; a retried one
     * (Idempotency-Key) 409 and 422. What only some operations answer (a 422 of a rule, a 404 without a path
     * parameter) each says with its own {@code @APIResponse}, whose problem body this adds.
     */
    private static void documentErrors(String path, Operation operation) {
        boolean secured = operation.getSecurity() == null || !operation.getSecurity().isEmpty();
        boolean body = operation.getRequestBody() != null;
        boolean checkedParameters = operation.getParameters() != null && operation.getParameters().stream()
                .anyMatch(parameter -> parameter.getRef() != null || parameter.getIn() != Parameter.In.PATH);
        boolean upload = body && operation.getRequestBody().getContent() != null
                && operation.getRequestBody().getContent().hasMediaType(MULTIPART);
        boolean idempotent = operation.getParameters() != null && operation.getParameters().stream()
                .anyMatch(parameter -> parameter.getRef() != null
                        && parameter.getRef().endsWith("/" + Idempotent.PARAMETER));
        addError(operation, body || checkedParameters, "400",
                "The request is not valid: the code says why, param names the field");
        addError(operation, secured, "401", "No credential, or one that is not valid");
        addError(operation, secured, "403", "The credential does not allow this");
        addError(operation, path.contains("{"), "404", "Not found, or not the caller's");
        addError(operation, idempotent, "409", "A request with this Idempotency-Key is still running: retry soon");
        addError(operation, body, "413", upload ? "The document is larger than the caller's tier allows, or a text"
                + " part longer than it may be" : "The request body is larger than this takes");
        addError(operation, body, "415", upload ? "The document's type is not one this accepts, or the request's"
                + " Content-Type is not" : "The request's Content-Type is not one this takes");
        addError(operation, idempotent, "422", "The request cannot be done as asked (the code says why), or the"
                + " Idempotency-Key was used for another request");
        addError(operation, secured, "429", "The tier's requests per day are used up (see Retry-After)");
        addError(operation, true, "500", "Our failure; nothing was kept");
        addError(operation, true, "503", "A part of the platform is unavailable: try again (see Retry-After)");
    }

    private static void addError(Operation operation, boolean applies, String status, String description) {
        if (applies && operation.getResponses() != null && !operation.getResponses().hasAPIResponse(status)) {
            operation.getResponses().addAPIResponse(status, OASFactory.createAPIResponse().description(description));
        }
    }

    /** Every error answer's body is a problem: those added above, and those an operation names itself. */
    private static void problemBodies(Operation operation) {
        if (operation.getResponses() == null) {
            return;
        }
        operation.getResponses().getAPIResponses().forEach((status, response) -> {
            boolean error = status.startsWith("4") || status.startsWith("5");
            if (error && (response.getContent() == null || response.getContent().getMediaTypes().isEmpty())) {
                response.content(OASFactory.createContent().addMediaType(ApiError.MEDIA_TYPE,
                        OASFactory.createMediaType().schema(OASFactory.createSchema().ref(ERROR))));
            }
        });
    }
}
