package io.autoflow.e2e;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SchemaValidatorsConfig;
import com.networknt.schema.SpecVersion;
import com.networknt.schema.ValidationMessage;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Pattern;

/**
 * The gateway's OpenAPI document taken as the contract: an answer keeps it when its status is one the operation
 * documents, its media type one documented for that status, and its body valid against that media type's schema
 * (JSON Schema 2020-12, as OpenAPI 3.1 says, with formats such as date-time asserted). It also says whether a request
 * body is valid against the operation's request schema, and counts which statuses of which operation were seen.
 */
final class OpenApiContract {

    private static final ObjectMapper JSON = new ObjectMapper();
    /** OpenAPI's own keywords beside JSON Schema's: not assertions, and unknown to a JSON Schema validator. */
    private static final Set<String> OPENAPI_KEYWORDS = Set.of("example", "discriminator", "xml", "externalDocs");
    private static final JsonSchemaFactory SCHEMAS = JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V202012);
    private static final SchemaValidatorsConfig ASSERT_FORMATS = SchemaValidatorsConfig.builder()
            .formatAssertionsEnabled(true).build();

    /** One operation of the document, found by its method and path template. */
    record Operation(String method, String template, Pattern path, JsonNode node) {

        String id() {
            return node.path("operationId").asText(method + " " + template);
        }

        Set<String> documentedStatuses() {
            Set<String> statuses = new TreeSet<>();
            node.path("responses").fieldNames().forEachRemaining(statuses::add);
            return statuses;
        }

        boolean secured(JsonNode document) {
            JsonNode security = node.has("security") ? node.get("security") : document.path("security");
            return security.isArray() && !security.isEmpty();
        }
    }

    private final JsonNode document;
    /** The document's component schemas as one JSON Schema's {@code $defs}, references rewritten to them. */
    private final ObjectNode definitions;
    private final List<Operation> operations = new ArrayList<>();
    private final Map<String, JsonSchema> compiled = new ConcurrentHashMap<>();
    private final Map<String, Set<Integer>> seen = new ConcurrentHashMap<>();

    OpenApiContract(JsonNode document) {
        this.document = document;
        this.definitions = (ObjectNode) asJsonSchema(document.path("components").path("schemas").deepCopy());
        document.path("paths").fields().forEachRemaining(path -> path.getValue().fields().forEachRemaining(method -> {
            if (List.of("get", "put", "post", "delete", "patch").contains(method.getKey())) {
                operations.add(new Operation(method.getKey().toUpperCase(), path.getKey(), template(path.getKey()),
                        method.getValue()));
            }
        }));
        // The most literal template first: /api/me/api-keys before a /api/me/{x} were there one.
        operations.sort(Comparator.comparingLong(
                (Operation operation) -> operation.template().chars().filter(c -> c == '{').count()));
    }

    JsonNode document() {
        return document;
    }

    List<Operation> operations() {
        return operations;
    }

    Optional<Operation> find(String method, String path) {
        return operations.stream().filter(operation -> operation.method().equals(method)
                && operation.path().matcher(path).matches()).findFirst();
    }

    /**
     * What is off in an answer to {@code method path}: nothing when it keeps the contract. Counts the status as seen
     * for the operation.
     */
    List<String> check(String method, String path, int status, String contentType, byte[] body) {
        String exchange = method + " " + path + " -> " + status;
        Optional<Operation> found = find(method, path);
        if (found.isEmpty()) {
            return List.of(exchange + ": no operation of the document has this method and path");
        }
        Operation operation = found.get();
        seen.computeIfAbsent(operation.id(), id -> new TreeSet<>()).add(status);
        JsonNode response = operation.node().path("responses").path(Integer.toString(status));
        if (response.isMissingNode()) {
            response = operation.node().path("responses").path("default");
        }
        if (response.isMissingNode()) {
            return List.of(exchange + ": status not documented (" + operation.documentedStatuses() + ")"
                    + excerpt(body));
        }
        JsonNode content = response.path("content");
        if (content.isMissingNode() || content.isEmpty()) {
            return body.length == 0 ? List.of()
                    : List.of(exchange + ": a body where the document says none" + excerpt(body));
        }
        String mediaType = contentType == null ? "" : contentType.split(";")[0].trim().toLowerCase();
        JsonNode media = content.path(mediaType);
        if (media.isMissingNode()) { // a range: image/*, */*
            media = content.path(mediaType.replaceFirst("/.*", "/*"));
        }
        if (media.isMissingNode()) {
            media = content.path("*/*");
        }
        if (media.isMissingNode()) {
            return List.of(exchange + ": Content-Type '" + contentType + "' not documented ("
                    + iterable(content.fieldNames()) + ")" + excerpt(body));
        }
        if (!isJson(mediaType) || !media.has("schema")) {
            return List.of();
        }
        JsonNode instance;
        try {
            instance = JSON.readTree(body);
        } catch (IOException e) {
            return List.of(exchange + ": not JSON though " + mediaType + excerpt(body));
        }
        return violations(media.get("schema"), instance).stream().map(message -> exchange + ": " + message
                + excerpt(body)).toList();
    }

    /** What makes a value (a request body, an example) invalid against a schema of the document (empty: valid). */
    List<String> schemaViolations(JsonNode schema, JsonNode value) {
        return violations(schema, value);
    }

    /** The JSON request schema of an operation: its application/json body, or the one x-json-request names. */
    Optional<JsonNode> jsonRequestSchema(Operation operation) {
        JsonNode json = operation.node().path("requestBody").path("content").path("application/json").path("schema");
        if (!json.isMissingNode()) {
            return Optional.of(json);
        }
        String named = operation.node().path("x-json-request").asText(null);
        return Optional.ofNullable(named).map(ref -> JSON.createObjectNode().put("$ref", ref));
    }

    /** The component schema a reference names, references inside it left as they are. */
    JsonNode component(String ref) {
        return document.path("components").path("schemas").path(ref.substring(ref.lastIndexOf('/') + 1));
    }

    /** Statuses seen per operation id. */
    Map<String, Set<Integer>> seen() {
        return new TreeMap<>(seen);
    }

    private List<String> violations(JsonNode schema, JsonNode instance) {
        JsonSchema validator = compiled.computeIfAbsent(schema.toString(), key -> {
            ObjectNode root = (ObjectNode) asJsonSchema(schema.deepCopy());
            ObjectNode bundled = JSON.createObjectNode().put("$schema", "https://json-schema.org/draft/2020-12/schema");
            bundled.set("$defs", definitions);
            bundled.setAll(root);
            return SCHEMAS.getSchema(bundled, ASSERT_FORMATS);
        });
        return validator.validate(instance).stream().map(ValidationMessage::getMessage).sorted().toList();
    }

    /** A schema of the document as a standalone JSON Schema: references to $defs, OpenAPI's keywords dropped. */
    private static JsonNode asJsonSchema(JsonNode node) {
        if (node instanceof ObjectNode object) {
            OPENAPI_KEYWORDS.forEach(object::remove);
            if (object.path("$ref").isTextual()) {
                object.put("$ref", object.get("$ref").asText().replace("#/components/schemas/", "#/$defs/"));
            }
            object.fields().forEachRemaining(field -> asJsonSchema(field.getValue()));
        } else if (node instanceof ArrayNode array) {
            array.forEach(OpenApiContract::asJsonSchema);
        }
        return node;
    }

    private static Pattern template(String path) {
        return Pattern.compile(Pattern.quote(path).replaceAll("\\{[^}/]+}", "\\\\E[^/]+\\\\Q"));
    }

    private static boolean isJson(String mediaType) {
        return mediaType.equals("application/json") || mediaType.endsWith("+json");
    }

    private static String excerpt(byte[] body) {
        String text = new String(body, java.nio.charset.StandardCharsets.UTF_8);
        return body.length == 0 ? "" : " — body: " + (text.length() > 300 ? text.substring(0, 300) + "…" : text);
    }

    private static List<String> iterable(Iterator<String> names) {
        List<String> list = new ArrayList<>();
        names.forEachRemaining(list::add);
        return list;
    }
}
