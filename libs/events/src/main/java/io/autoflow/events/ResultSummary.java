package io.autoflow.events;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import java.nio.charset.StandardCharsets;
import java.util.Iterator;
import java.util.Map;

/**
 * What of a job's result an event may carry: a bounded summary, never near Kafka's record limit whatever a document
 * became. A result's full detail is kept by its worker (in the blob store) and the summary names where. Bounds: texts
 * of at most {@link #MAX_TEXT} characters, at most {@link #MAX_ITEMS} items per array or object, {@link #MAX_DEPTH}
 * levels, and {@link #MAX_BYTES} in all — top-level fields that would pass it are left out and named in
 * {@code omitted}.
 */
public final class ResultSummary {

    public static final int MAX_BYTES = 64 * 1024;
    public static final int MAX_TEXT = 4_000;
    public static final int MAX_ITEMS = 50;
    public static final int MAX_DEPTH = 6;
    /** Room kept for the {@code omitted} list itself. */
    private static final int OMITTED_ROOM = 2 * 1024;

    private ResultSummary() {
    }

    /** The result within the bounds; {@code null} stays {@code null}. */
    public static JsonNode of(JsonNode result) {
        if (result == null || result.isNull()) {
            return result;
        }
        if (!result.isObject()) {
            return bounded(result, 1);
        }
        ObjectNode summary = JsonNodeFactory.instance.objectNode();
        ArrayNode omitted = JsonNodeFactory.instance.arrayNode();
        int size = 2;
        Iterator<Map.Entry<String, JsonNode>> fields = result.fields();
        while (fields.hasNext()) {
            Map.Entry<String, JsonNode> field = fields.next();
            JsonNode value = bounded(field.getValue(), 1);
            int fieldSize = bytes(field.getKey()) + bytes(value) + 2;
            if (summary.size() < MAX_ITEMS && size + fieldSize <= MAX_BYTES - OMITTED_ROOM) {
                summary.set(field.getKey(), value);
                size += fieldSize;
            } else if (omitted.size() < MAX_ITEMS) {
                omitted.add(cut(field.getKey(), 100));
            }
        }
        if (!omitted.isEmpty()) {
            summary.set("omitted", omitted);
        }
        return summary;
    }

    /**
     * Whether a value at this depth of a result goes through the bounds unchanged: no text, array or object cut, no
     * level emptied. What would be cut is better left out whole than carried wrong.
     */
    public static boolean fits(JsonNode node, int depth) {
        if (node.isTextual()) {
            return node.asText().length() <= MAX_TEXT;
        }
        if (!node.isContainerNode()) {
            return true;
        }
        if (depth >= MAX_DEPTH || node.size() > MAX_ITEMS) {
            return false;
        }
        Iterator<Map.Entry<String, JsonNode>> fields = node.fields();
        while (fields.hasNext()) {
            if (fields.next().getKey().length() > 200) {
                return false;
            }
        }
        for (JsonNode child : node) {
            if (!fits(child, depth + 1)) {
                return false;
            }
        }
        return true;
    }

    private static JsonNode bounded(JsonNode node, int depth) {
        if (node.isTextual()) {
            return node.asText().length() <= MAX_TEXT ? node : TextNode.valueOf(cut(node.asText(), MAX_TEXT));
        }
        if (!node.isContainerNode()) {
            return node;
        }
        if (depth >= MAX_DEPTH) {
            return node.isArray() ? JsonNodeFactory.instance.arrayNode() : JsonNodeFactory.instance.objectNode();
        }
        if (node.isArray()) {
            ArrayNode array = JsonNodeFactory.instance.arrayNode();
            for (int i = 0; i < node.size() && i < MAX_ITEMS; i++) {
                array.add(bounded(node.get(i), depth + 1));
            }
            return array;
        }
        ObjectNode object = JsonNodeFactory.instance.objectNode();
        Iterator<Map.Entry<String, JsonNode>> fields = node.fields();
        while (fields.hasNext() && object.size() < MAX_ITEMS) {
            Map.Entry<String, JsonNode> field = fields.next();
            object.set(cut(field.getKey(), 200), bounded(field.getValue(), depth + 1));
        }
        return object;
    }

    /** The text cut to {@code max} characters (an ellipsis marks the cut), never splitting a surrogate pair. */
    public static String cut(String text, int max) {
        if (text.length() <= max) {
            return text;
        }
        int end = max - 1;
        if (Character.isHighSurrogate(text.charAt(end - 1))) {
            end--;
        }
        return text.substring(0, end) + "…";
    }

    private static int bytes(Object value) {
        String json = value instanceof String text ? text : EventJson.write(value);
        return json == null ? 4 : json.getBytes(StandardCharsets.UTF_8).length;
    }
}
