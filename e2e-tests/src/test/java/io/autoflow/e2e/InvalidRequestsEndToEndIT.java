package io.autoflow.e2e;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.restassured.response.Response;
import io.restassured.specification.RequestSpecification;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Consumer;
import java.util.function.Function;
import org.assertj.core.api.SoftAssertions;
import org.junit.jupiter.api.Test;

/**
 * Requests the document itself says are invalid, made from each operation's request schema: the body's every field
 * of another type, null, missing when required, outside its enum, longer than its limit; a field the API does not
 * have; a body that is not an object or not JSON; query values of the wrong type or range; ids that name nothing;
 * an Idempotency-Key too long. Each must be refused with a 4xx problem the document describes — never a 2xx (the
 * invalid part quietly dropped or converted), never a 5xx.
 */
class InvalidRequestsEndToEndIT extends OnThePlatform {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;
    /** Longer than any text field of the API may be. */
    private static final String HUGE = "x".repeat(100_001);

    private CheckedGateway api;
    private final List<String> notRefused = new ArrayList<>();
    private int sent;

    @Test
    void everyInvalidRequestIsRefusedWithAProblemTheDocumentDescribes() throws Exception {
        api = CheckedGateway.at(gateway.url());
        String me = CheckedGateway.request().header("X-API-Key", apiKey).get(gateway.url() + "/api/me").path("id");
        Map<String, ObjectNode> validBodies = validBodies();

        for (OpenApiContract.Operation operation : api.contract.operations()) {
            String path = operation.template().replace("{id}", me).replace("{topic}", "intents.dlq")
                    .replace("{token}", "not-a-link");
            ObjectNode valid = validBodies.get(operation.id());
            if (valid != null) {
                JsonNode schema = api.contract.jsonRequestSchema(operation).orElseThrow();
                Function<String, RequestSpecification> carrying = body(operation);
                for (String body : List.of("[]", "\"x\"", "42", "null", "true", "{", "{\"a\":1}}")) {
                    refused(operation, path, carrying.apply(body), "body " + body);
                }
                for (ObjectNode invalid : invalidBodies(valid, schema)) {
                    if (!api.contract.schemaViolations(schema, invalid).isEmpty()) {
                        refused(operation, path, carrying.apply(invalid.toString()), "body " + abridged(invalid));
                    }
                }
            }
            for (JsonNode parameter : operation.node().path("parameters")) {
                if (parameter.path("in").asText().equals("query")) {
                    for (String value : invalidQueryValues(parameter.path("schema"))) {
                        String query = "?" + parameter.path("name").asText() + "=" + value;
                        refused(operation, path + query, local(), query);
                    }
                } else if (parameter.path("in").asText().equals("path")) {
                    for (String id : List.of(UUID.randomUUID().toString(), "x", "0".repeat(600),
                            "%F0%9F%92%A9")) {
                        String named = operation.template().replaceAll("\\{[^}]+}", id);
                        refused(operation, named, local(), "id " + abridged(id));
                    }
                } else if (parameter.has("$ref") && valid != null) {
                    refused(operation, path, body(operation).apply(valid.toString())
                            .header("Idempotency-Key", "k".repeat(300)), "Idempotency-Key of 300 characters");
                }
            }
        }

        SoftAssertions.assertSoftly(soft -> {
            soft.assertThat(sent).as("invalid requests sent").isGreaterThanOrEqualTo(300);
            soft.assertThat(notRefused).as("of %d invalid requests, those not refused with a 4xx", sent).isEmpty();
            soft.assertThat(api.violations()).as("answers that break the document").isEmpty();
        });
    }

    /** Sends an invalid request; anything but a 4xx is kept to be reported. */
    private void refused(OpenApiContract.Operation operation, String path, RequestSpecification request, String what) {
        Response answer = api.send(operation.method(), path, request);
        sent++;
        if (answer.statusCode() < 400 || answer.statusCode() >= 500) {
            notRefused.add(operation.id() + " with " + what + ": " + answer.statusCode() + " "
                    + abridged(answer.asString()));
        }
    }

    /** A request of the operation with this body: JSON, or an upload's JSON part beside a valid document. */
    private Function<String, RequestSpecification> body(OpenApiContract.Operation operation) {
        boolean upload = operation.node().path("requestBody").path("content").has("multipart/form-data");
        if (!upload || operation.id().equals("sendChatMessage")) { // a chat message's JSON form is on the same path
            return body -> local().contentType("application/json").body(body);
        }
        return body -> local().multiPart("file", "sales.csv", sales(), "text/csv")
                .multiPart("request", body, "application/json");
    }

    /** A request each operation takes, as the document describes it, to make the invalid ones from. */
    private Map<String, ObjectNode> validBodies() {
        Map<String, ObjectNode> bodies = new LinkedHashMap<>();
        bodies.put("updateMe", object("{\"time_zone\":\"UTC\"}"));
        bodies.put("createApiKey", object("{\"name\":\"invalid requests\",\"expires_at\":\"2099-01-01T00:00:00Z\"}"));
        bodies.put("callApi", object("{\"url\":\"" + platform.documentUrl("/api/rates?base=EUR")
                + "\",\"method\":\"GET\",\"headers\":{\"Accept\":\"application/json\"},"
                + "\"output\":{\"delivery\":\"download\"}}"));
        bodies.put("sendMessage", object("{\"message\":\"hello\",\"output\":{\"delivery\":\"email\"}}"));
        bodies.put("orchestrate", object("{\"message\":\"hello\",\"session_id\":\"" + UUID.randomUUID() + "\"}"));
        bodies.put("sendChatMessage", object("{\"message\":\"hello\"}"));
        bodies.put("createSchedule", object("{\"cron\":\"0 9 * * 1\",\"time_zone\":\"UTC\","
                + "\"reminder\":{\"message\":\"x\"}}"));
        bodies.put("setUserTier", object("{\"tier\":\"enterprise\"}"));
        bodies.put("analyseDocument", object("{\"analysis\":{\"statistical\":true},"
                + "\"output\":{\"format\":\"pdf\",\"delivery\":\"download\"}}"));
        bodies.put("transformData", object("{\"target_format\":\"json\",\"output\":{\"delivery\":\"download\"}}"));
        return bodies;
    }

    /** The valid body changed in one place at a time, for every field the schema gives, nested objects too. */
    private List<ObjectNode> invalidBodies(ObjectNode valid, JsonNode schema) {
        List<ObjectNode> invalid = new ArrayList<>();
        ObjectNode unknown = valid.deepCopy();
        unknown.put("no_such_field", 1);
        invalid.add(unknown);
        mutate(valid, valid, resolved(schema), invalid);
        return invalid;
    }

    private void mutate(ObjectNode root, ObjectNode at, JsonNode schema, List<ObjectNode> invalid) {
        List<String> required = new ArrayList<>();
        schema.path("required").forEach(name -> required.add(name.asText()));
        schema.path("properties").fields().forEachRemaining(field -> {
            String name = field.getKey();
            JsonNode property = resolved(field.getValue());
            for (JsonNode value : wrongValues(property)) {
                invalid.add(changed(root, at, copy -> copy.set(name, value)));
            }
            if (required.contains(name)) {
                invalid.add(changed(root, at, copy -> copy.remove(name)));
            }
            if (at.path(name) instanceof ObjectNode nested) {
                ObjectNode unknown = changed(root, nested, copy -> copy.put("no_such_field", 1));
                invalid.add(unknown);
                mutate(root, nested, property, invalid);
            }
        });
    }

    /** Values the property cannot take: other types, null, outside its enum, longer than its limit. */
    private static List<JsonNode> wrongValues(JsonNode property) {
        List<String> types = new ArrayList<>();
        property.path("type").forEach(type -> types.add(type.asText()));
        if (property.path("type").isTextual()) {
            types.add(property.path("type").asText());
        }
        if (types.isEmpty() && !property.has("properties")) {
            return List.of(); // any JSON value (an API call's body)
        }
        List<JsonNode> values = new ArrayList<>();
        Map<String, JsonNode> samples = Map.of("string", NODES.textNode("text"), "integer", NODES.numberNode(7),
                "number", NODES.numberNode(1.5), "boolean", NODES.booleanNode(true),
                "object", NODES.objectNode().put("a", 1), "array", NODES.arrayNode().add(1), "null", NODES.nullNode());
        samples.forEach((type, sample) -> {
            boolean fits = types.contains(type) || type.equals("integer") && types.contains("number")
                    || type.equals("object") && types.isEmpty();
            if (!fits) {
                values.add(sample);
            }
        });
        if (property.has("enum")) {
            values.add(NODES.textNode("not-one-of-them"));
        }
        if (types.contains("string") && !property.has("enum")) {
            values.add(NODES.textNode(HUGE));
        }
        return values;
    }

    /** A copy of the root with {@code at} (the root or an object inside it) changed. */
    private static ObjectNode changed(ObjectNode root, ObjectNode at, Consumer<ObjectNode> change) {
        ObjectNode copy = root.deepCopy();
        ObjectNode target = at == root ? copy : (ObjectNode) copy.at(pointerTo(root, at));
        change.accept(target);
        return copy;
    }

    /** Where {@code at} is inside {@code root}, as a JSON pointer (one level of nesting is enough here). */
    private static String pointerTo(ObjectNode root, ObjectNode at) {
        var fields = root.fields();
        while (fields.hasNext()) {
            var field = fields.next();
            if (field.getValue() == at) {
                return "/" + field.getKey();
            }
        }
        throw new IllegalStateException("not a field of the body: " + at);
    }

    /** The schema a property refers to, also through "anyOf": [{"$ref": …}, {"type": "null"}] (nullable). */
    private JsonNode resolved(JsonNode schema) {
        for (JsonNode branch : schema.path("anyOf")) {
            if (branch.has("$ref")) {
                return api.contract.component(branch.get("$ref").asText());
            }
        }
        return schema.has("$ref") ? api.contract.component(schema.get("$ref").asText()) : schema;
    }

    /** Query values a parameter of this schema cannot take. */
    private static List<String> invalidQueryValues(JsonNode schema) {
        return switch (schema.path("type").asText()) {
            case "integer" -> {
                List<String> values = new ArrayList<>(List.of("abc", "1.5", "", "2147483648", "1e3", "%00"));
                if (schema.has("minimum")) {
                    values.add(Long.toString(schema.get("minimum").asLong() - 1));
                }
                if (schema.has("maximum")) {
                    values.add(Long.toString(schema.get("maximum").asLong() + 1));
                }
                yield values;
            }
            case "boolean" -> List.of("maybe", "2", "");
            default -> List.of("%00", "%0A" + "x".repeat(10));
        };
    }

    private static RequestSpecification local() {
        return CheckedGateway.request().header("X-API-Key", apiKey);
    }

    private static ObjectNode object(String json) {
        try {
            return (ObjectNode) JSON.readTree(json);
        } catch (Exception e) {
            throw new IllegalArgumentException(json, e);
        }
    }

    private static byte[] sales() {
        try {
            return Platform.resource("/sales.csv");
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private static String abridged(Object value) {
        String text = String.valueOf(value);
        return text.length() > 160 ? text.substring(0, 160) + "…(" + text.length() + ")" : text;
    }
}
