package io.autoflow.gateway.rest;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.util.Iterator;
import java.util.Map;

/**
 * The JSON payload of a workflow's run, whoever sends it (a run now, a webhook): it travels in the run's intent and is
 * kept with its job (PostgreSQL, which holds no U+0000), so it is bounded and free text in every string and name, as
 * every other JSON body is. No payload ({@code null}, nothing) is none.
 */
final class RunPayloads {

    /** The largest payload, as compact JSON: it travels in the run's intent and job record. */
    static final int MAX_BYTES = 256 * 1024;

    private RunPayloads() {
    }

    /**
     * A body's bytes read as a payload, as a JSON request body is read: nothing but whitespace, or {@code null}, is
     * no payload.
     *
     * @throws ApiException 400 {@code invalid_request} for text that is not one JSON value, or as {@link #checked}
     */
    static JsonNode read(ObjectMapper json, InputStream body) throws IOException {
        try {
            return checked(json, json.readTree(body)); // one value: the mapper refuses what follows it
        } catch (JsonProcessingException e) {
            throw JsonBodyErrors.refusal(e, null);
        }
    }

    /**
     * @return the payload, or null when there is none
     * @throws ApiException 413 {@code body_too_large} over {@link #MAX_BYTES} as compact JSON, 400
     *     {@code invalid_character} for a control character other than TAB, LF and CR in a string or name
     */
    static JsonNode checked(ObjectMapper json, JsonNode payload) {
        if (payload == null || payload.isNull() || payload.isMissingNode()) {
            return null;
        }
        int bytes;
        try {
            bytes = json.writeValueAsBytes(payload).length;
        } catch (JsonProcessingException e) {
            throw new ApiException(ErrorCode.INVALID_REQUEST, "The body cannot be read as JSON");
        }
        if (bytes > MAX_BYTES) {
            throw new ApiException(ErrorCode.BODY_TOO_LARGE, "A run's payload holds at most " + MAX_BYTES
                    + " bytes as compact JSON; this one has " + bytes,
                    json.createObjectNode().put("max_bytes", MAX_BYTES));
        }
        refuseControlCharacters(payload, "");
        return payload;
    }

    /** @param path where the value is in the body, as {@link JsonBodyErrors} names a field ({@code rows[2].name}) */
    private static void refuseControlCharacters(JsonNode value, String path) {
        if (value.isTextual()) {
            ControlCharacters.refuseInFreeText(path.isEmpty() ? "body" : path, value.textValue());
        } else if (value.isArray()) {
            for (int i = 0; i < value.size(); i++) {
                refuseControlCharacters(value.get(i), path + "[" + i + "]");
            }
        } else if (value.isObject()) {
            for (Iterator<Map.Entry<String, JsonNode>> fields = value.fields(); fields.hasNext();) {
                Map.Entry<String, JsonNode> field = fields.next();
                String named = path.isEmpty() ? field.getKey() : path + "." + field.getKey();
                int at = ControlCharacters.inFreeText(field.getKey());
                if (at >= 0) {
                    throw ControlCharacters.refusal(path.isEmpty() ? "body" : path, field.getKey().charAt(at));
                }
                refuseControlCharacters(field.getValue(), named);
            }
        }
    }
}
